package opsplay.lab.kwdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a host's sandbox holds at the start, as {@code deploy.sh install --multi-replica} (or
 * {@code --single-replica}) leaves a node (reference §1.4–1.6): the info files, the unit and its
 * environment file, the certificates in secure mode, the install package directory with
 * {@code deploy.cfg}, and on members the store. Spares are installed but were never started;
 * in secure mode they hold certificates from their own install, signed by their own CA.
 */
final class HostFiles {
  static final String INSTALL_DIR = "opt/kwdb_install";

  private HostFiles() {}

  static Map<String, String> of(Cluster cluster, Host host) {
    Map<String, String> files = new LinkedHashMap<>();
    boolean primary = host.index == 1;
    List<Host> others = cluster.hosts.values().stream().filter(h -> h.member && h != host).toList();
    files.put("etc/kaiwudb/info/MODE", HostMode.render(cluster.singleReplica, cluster.secure, host.address));
    String remote = primary ? String.join(" ", others.stream().map(h -> h.address).toList()) : "";
    files.put("etc/kaiwudb/info/NODE", primary ? remote + "\n22\nroot\n" : "\n\n\n");
    files.put("etc/kaiwudb/info/.version", NodeTables.BUILD + "\n");
    files.put("etc/kaiwudb/script/kaiwudb_env", "KAIWUDB_START_ARG=\"\"\n");
    if (cluster.secure) {
      String ca = host.member ? Cluster.CA : "kwdb-lab CA created on " + host.name;
      Certificates.all(ca, host.address + " 127.0.0.1 0.0.0.0 localhost")
          .forEach((name, text) -> files.put("etc/kaiwudb/certs/" + name, text));
    }
    files.put(UnitFile.PATH.substring(1), UnitFile.render(host.address, cluster.secure, cluster.singleReplica));
    files.put("usr/local/kaiwudb/bin/kw-sql.sh", KwStatusProgram.script(cluster.secure).replace("node status", "sql"));
    files.put(INSTALL_DIR + "/deploy.cfg", deployCfg(cluster.secure, host.address,
        primary ? String.join(",", others.stream().map(h -> h.address).toList()) : null));
    files.put(INSTALL_DIR + "/packages/.version", NodeTables.BUILD + "\n");
    if (host.member) {
      // Members are nodes 1..n in inventory order: the cluster was initialised with them.
      files.put("var/lib/kaiwudb/" + Cluster.STORE_IDENT, Cluster.ident(host.index));
    }
    return files;
  }

  /** The install configuration (reference §1.2); only the first member lists the others under [cluster]. */
  static String deployCfg(boolean secure, String address, String cluster) {
    String text = "[global]\n# Whether to turn on secure mode\nsecure_mode=" + (secure ? "tls" : "insecure") + "\n"
        + "# Management KaiwuDB user\nmanagement_user=kaiwudb\n# KaiwuDB cluster http port\nrest_port=8080\n"
        + "# KaiwuDB service port\nkaiwudb_port=26257\n# KaiwuDB brpc port\nbrpc_port=27257\n"
        + "# KaiwuDB data directory\ndata_root=/var/lib/kaiwudb\n# CPU usage[0-1]\n# cpu=1\n"
        + "[local]\n# local node configuration\nnode_addr=" + address + "\n";
    if (cluster == null || cluster.isEmpty()) {
      return text;
    }
    return text + "# section cluster is optional\n[cluster]\n# remote node addr,split by ','\nnode_addr=" + cluster
        + "\n# ssh info\nssh_port=22\nssh_user=root\n";
  }
}
