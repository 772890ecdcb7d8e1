package opsplay.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** The move planner as data: each case under cases/plans/migrate gives a placement and a request, and the moves expected. */
class MovePlannerTest {
  private static final Path CASES = Path.of("src/test/resources/cases/plans/migrate");

  @SuppressWarnings("unchecked")
  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(CASES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          for (Map<String, Object> c : (List<Map<String, Object>>) new Yaml().load(in)) {
            out.add(Arguments.of(Named.of(file.getFileName() + ": " + c.get("name"), c)));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void plans(Map<String, Object> c) throws Exception {
    Placement placement = placement((Map<String, String>) c.get("nodes"), (String) c.get("replicas"));
    MoveRequest request = request((Map<String, Object>) c.get("request"));
    if (c.containsKey("refused")) {
      assertThatThrownBy(() -> MovePlanner.plan(placement, request)).isInstanceOfSatisfying(MovePlanner.Refused.class, e -> {
        for (String expected : (List<String>) c.get("refused")) assertThat(e.getMessage()).contains(expected);
      });
      return;
    }
    MovePlanner.Result result = MovePlanner.plan(placement, request);
    List<String> moves = result.moves().stream().map(Move::toString).toList();
    if (c.containsKey("nothing")) {
      assertThat(moves).isEmpty();
      assertThat(result.nothingToDo()).contains((String) c.get("nothing"));
      return;
    }
    if (!c.containsKey("moves")) fail("a case needs moves, nothing or refused");
    assertThat(moves).containsExactlyElementsOf(((String) c.get("moves")).lines().map(String::strip).toList());
    if (c.containsKey("replicas_after")) {
      Map<String, Integer> after = new LinkedHashMap<>(result.replicas());
      assertThat(after).containsExactlyEntriesOf((Map<String, Integer>) c.get("replicas_after"));
    }
    if (request instanceof MoveRequest.Drain drain) noneAboveAveragePlusOne(placement, drain, result);
  }

  /** The promise of a drain: no remaining healthy node ends above the average + 1. */
  private static void noneAboveAveragePlusOne(Placement placement, MoveRequest.Drain drain, MovePlanner.Result result) {
    List<String> kept = placement.nodes().stream().filter(Placement.Node::healthy).map(Placement.Node::endpoint)
        .filter(e -> !drain.endpoints().contains(e)).toList();
    int total = kept.stream().mapToInt(e -> result.replicas().getOrDefault(e, 0)).sum();
    double average = (double) total / kept.size();
    for (String e : kept) assertThat(result.replicas().get(e)).as("replicas on " + e).isLessThanOrEqualTo((int) Math.ceil(average) + 1);
  }

  private static Placement placement(Map<String, String> nodes, String replicas) {
    List<Placement.Node> list = new ArrayList<>();
    nodes.forEach((endpoint, state) -> list.add(new Placement.Node(endpoint, state, state.equals("kHealthy"))));
    List<Placement.Replica> rows = new ArrayList<>();
    for (String line : replicas.strip().split("\n")) {
      String[] f = line.strip().split("\\s+");
      rows.add(new Placement.Replica(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4].equals("leader"), f[5].equals("yes")));
    }
    return new Placement(list, rows.stream().map(Placement.Replica::database).distinct().toList(), rows, List.of());
  }

  @SuppressWarnings("unchecked")
  private static MoveRequest request(Map<String, Object> r) {
    boolean change = "change".equals(r.get("leaders"));
    if (r.containsKey("drain")) return new MoveRequest.Drain((List<String>) r.get("drain"), change);
    if (r.containsKey("rebalance_onto")) return new MoveRequest.Rebalance((List<String>) r.get("rebalance_onto"));
    Map<String, Object> one = (Map<String, Object>) r.get("one");
    return new MoveRequest.One((String) one.get("database"), (String) one.get("table"), (List<Integer>) one.get("partitions"),
        (String) one.get("from"), (String) one.get("to"), "change".equals(one.get("leaders")));
  }
}
