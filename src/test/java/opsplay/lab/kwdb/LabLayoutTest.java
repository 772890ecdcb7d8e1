package opsplay.lab.kwdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import opsplay.lab.LabCluster;
import org.junit.jupiter.api.Test;

/** What the lab is told about the cluster: hosts, groups, variables, programs, the files a sandbox starts with. */
class LabLayoutTest {
  @Test
  void membersAreInKwdbSparesInNewNodesWithTheVariablesOfTheProcedures() {
    KwdbCluster lab = new KwdbCluster(KwdbCluster.Options.of(3, 2, true, false));
    assertThat(lab.kind()).isEqualTo("kwdb");
    assertThat(lab.nodes()).extracting(LabCluster.Node::name).containsExactly("n1", "n2", "n3", "n4", "n5");
    assertThat(lab.nodes()).extracting(n -> n.groups().get(0)).containsExactly("kwdb", "kwdb", "kwdb", "new_nodes", "new_nodes");
    assertThat(lab.nodes()).allSatisfy(n -> assertThat(n.sqlPort()).isEqualTo(26257));
    assertThat(lab.nodes().get(0).vars()).containsAllEntriesOf(Map.of("address", "127.0.0.11",
        "kw_bin_dir", "{sandbox}/usr/local/kaiwudb/bin", "kw_install_dir", "{sandbox}/opt/kwdb_install",
        "kw_certs_dir", "{sandbox}/etc/kaiwudb/certs", "kw_data_dir", "{sandbox}/var/lib/kaiwudb",
        "kw_port", 26257, "kw_http_port", 8080, "kw_brpc_port", 27257, "kw_secure", true));
    assertThat(lab.programs()).containsOnlyKeys("usr/local/kaiwudb/bin/kwbase", "opt/kwdb_install/deploy.sh",
        "usr/local/kaiwudb/bin/kw-status.sh", "PATH/kw-status", "PATH/systemctl");
    assertThat(List.of("n1", "n2", "n3")).allSatisfy(h -> assertThat(lab.running(h)).isTrue());
    assertThat(lab.running("n4")).isFalse();
  }

  @Test
  void sandboxesHoldTheInstallAndOnlyMembersAStoreAndTheClustersCertificates() {
    KwdbCluster lab = new KwdbCluster(KwdbCluster.Options.of(3, 1, true, false));
    Map<String, String> primary = lab.files("n1");
    assertThat(primary).containsKeys("etc/kaiwudb/info/MODE", "etc/kaiwudb/info/NODE", "etc/kaiwudb/script/kaiwudb_env",
        "etc/systemd/system/kaiwudb.service", "opt/kwdb_install/deploy.cfg", "etc/kaiwudb/certs/ca.crt",
        "etc/kaiwudb/certs/ca.key", "etc/kaiwudb/certs/client.root.crt", "var/lib/kaiwudb/lab-store-ident");
    assertThat(primary.get("etc/kaiwudb/info/NODE")).isEqualTo("127.0.0.12 127.0.0.13\n22\nroot\n");
    assertThat(primary.get("etc/kaiwudb/info/MODE")).isEqualTo(
        "bare\nmulti-replication\n/usr/local/kaiwudb\n/var/lib/kaiwudb\n26257\n8080\nkaiwudb\ntls\nfalse\n127.0.0.11\n");
    assertThat(primary.get("opt/kwdb_install/deploy.cfg")).contains("secure_mode=tls", "[local]\n# local node configuration\nnode_addr=127.0.0.11",
        "[cluster]\n# remote node addr,split by ','\nnode_addr=127.0.0.12,127.0.0.13");
    assertThat(UnitFile.execStart(primary.get("etc/systemd/system/kaiwudb.service"))).isEqualTo(
        "/usr/local/kaiwudb/bin/kwbase start $KAIWUDB_START_ARG --certs-dir=/etc/kaiwudb/certs --listen-addr=0.0.0.0:26257 "
            + "--advertise-addr=127.0.0.11:26257 --http-addr=0.0.0.0:8080 --brpc-addr=0.0.0.0:27257 --store=/var/lib/kaiwudb  "
            + "--join 127.0.0.11:26257");
    assertThat(Certificates.issuer(primary.get("etc/kaiwudb/certs/node.crt"))).isEqualTo(Cluster.CA);

    Map<String, String> spare = lab.files("n4");
    assertThat(spare).doesNotContainKey("var/lib/kaiwudb/lab-store-ident");
    assertThat(spare.get("opt/kwdb_install/deploy.cfg")).doesNotContain("[cluster]");
    assertThat(Certificates.issuer(spare.get("etc/kaiwudb/certs/ca.crt"))).isNotEqualTo(Cluster.CA);
  }

  @Test
  void aSingleReplicaInstallStartsWithStartSingleReplica() {
    KwdbCluster lab = new KwdbCluster(KwdbCluster.Options.of(3, 0, false, true));
    assertThat(lab.files("n2").get("etc/systemd/system/kaiwudb.service")).contains("kwbase start-single-replica $KAIWUDB_START_ARG --insecure");
    assertThat(lab.files("n2").get("etc/kaiwudb/info/MODE")).startsWith("bare\nsingle-replication\n");
  }
}
