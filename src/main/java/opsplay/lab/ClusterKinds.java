package opsplay.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cluster models the lab can simulate, by kind: one explicit map from a kind's name to its constructor. */
public record ClusterKinds(Map<String, Model> models) {
  /**
   * Builds a model from the lab's settings with its hosts at {@code addresses} (one per host,
   * {@code settings.nodes() + settings.spare()} of them, members first, in inventory order). No
   * threads, no sockets: the lab starts those. May be called more than once per lab (the lab
   * keeps the first model whose SQL ports are free on its addresses).
   */
  public interface Model {
    LabCluster create(LabSettings settings, List<String> addresses);
  }

  public ClusterKinds {
    models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }

  /** The models that ship with opsplay. */
  public static ClusterKinds builtIn() {
    Map<String, Model> models = new LinkedHashMap<>();
    models.put("kwdb", (s, addresses) -> new opsplay.lab.kwdb.KwdbCluster(
        opsplay.lab.kwdb.KwdbCluster.Options.of(s.nodes(), s.spare(), s.secure(), s.singleReplica()), addresses));
    models.put("openmldb", (s, addresses) -> {
      if (s.secure() || s.singleReplica()) {
        throw new IllegalArgumentException("lab: secure and single_replica (--secure, --single-replica) are settings of a kwdb lab;"
            + " an openmldb lab has neither");
      }
      opsplay.lab.openmldb.OpenMldbCluster c =
          new opsplay.lab.openmldb.OpenMldbCluster(opsplay.lab.openmldb.OpenMldbCluster.Options.of(s.nodes(), s.spare()));
      List<LabCluster.Node> nodes = c.nodes();
      for (int i = 0; i < nodes.size(); i++) c.address(nodes.get(i).name(), addresses.get(i));
      return c;
    });
    return new ClusterKinds(models);
  }

  /** These models and one more (tests add their own small clusters this way). */
  public ClusterKinds with(String kind, Model model) {
    Map<String, Model> more = new LinkedHashMap<>(models);
    more.put(kind, model);
    return new ClusterKinds(more);
  }

  /**
   * A new model of {@code settings.kind()} with its hosts at {@code addresses}; IllegalArgumentException
   * when no such kind is known or the model refuses the settings, IllegalStateException when it
   * does not make one host per address.
   */
  public LabCluster create(LabSettings settings, List<String> addresses) {
    Model model = models.get(settings.kind());
    if (model == null) {
      throw new IllegalArgumentException("lab: unknown kind '" + settings.kind() + "' (known: "
          + (models.isEmpty() ? "none in this build" : String.join(", ", models.keySet())) + ")");
    }
    LabCluster cluster = model.create(settings, addresses);
    if (cluster.nodes().size() != addresses.size()) {
      throw new IllegalStateException("the " + settings.kind() + " model made " + cluster.nodes().size() + " hosts for "
          + settings.nodes() + " nodes and " + settings.spare() + " spare");
    }
    return cluster;
  }
}
