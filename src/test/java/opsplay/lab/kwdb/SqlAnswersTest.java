package opsplay.lab.kwdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import opsplay.lab.SqlResponder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL the procedures send, answered from the model. */
class SqlAnswersTest {
  /** The seed's pre-check before scale-in, verbatim (its "As" included). */
  static final String HEALTH = """
      SELECT sum((metrics->>'ranges.unavailable')::DECIMAL)::INT AS ranges_unavailable,
         sum((metrics->>'ranges.underreplicated')::DECIMAL)::INT As ranges_underreplicated
      FROM kwdb_internal.kv_store_status;
      """;
  static final String PER_NODE = "SELECT unnest(replicas) AS node_id, count(*) AS replicas FROM kwdb_internal.ranges "
      + "GROUP BY node_id ORDER BY node_id";

  @TempDir
  Path tmp;
  LabRig rig;

  @BeforeEach
  void lab() {
    rig = LabRig.insecure(3, 1, tmp);
  }

  @Test
  void theHealthCheckCountsUnavailableAndUnderReplicatedRanges() {
    SqlResponder.Answer healthy = rig.sql("n1", HEALTH);
    assertThat(healthy).isEqualTo(new SqlResponder.Rows(List.of("ranges_unavailable", "ranges_underreplicated"),
        List.of("int8", "int8"), List.of(List.of("0", "0"))));
    rig.lab.hostDown("n3");
    assertThat(rig.rows("n1", HEALTH)).containsExactly(List.of("0", "140"));
    rig.lab.hostDown("n2");
    assertThat(rig.rows("n1", HEALTH)).containsExactly(List.of("140", "140"));
  }

  @Test
  void livenessShowsTheDecommissioningAndDrainingFlags() {
    rig.kwbase("n1", "node", "decommission", "3", "--insecure", "--wait=none");
    assertThat(rig.rows("n1", "select node_id, decommissioning, draining from kwdb_internal.gossip_liveness order by node_id"))
        .containsExactly(List.of("1", "f", "f"), List.of("2", "f", "f"), List.of("3", "t", "f"));
    SqlResponder.Rows one = (SqlResponder.Rows) rig.sql("n2", "SELECT * FROM kwdb_internal.gossip_liveness WHERE node_id = $1", "2");
    assertThat(one.columns()).containsExactly("node_id", "epoch", "expiration", "draining", "decommissioning", "upgrading", "updated_at");
    assertThat(one.types()).containsExactly("int8", "int8", "text", "bool", "bool", "bool", "timestamp");
    assertThat(one.rows()).singleElement().satisfies(r -> assertThat(r.get(2)).matches("\\d{19},0"));
  }

  @Test
  void replicaCountsPerNodeComeFromTheRanges() {
    assertThat(rig.rows("n1", PER_NODE)).containsExactly(List.of("1", "140"), List.of("2", "140"), List.of("3", "140"));
    assertThat(rig.rows("n1", "SELECT count(*) FROM kwdb_internal.ranges WHERE $1 = ANY(replicas)", "2")).containsExactly(List.of("140"));
    rig.run("n4", LabRig.DEPLOY, "join", "--addr", "127.0.0.11:26257");
    rig.advance(Duration.ofMinutes(10));
    assertThat(rig.rows("n1", PER_NODE)).extracting(r -> Integer.parseInt(r.get(1))).allSatisfy(n -> assertThat(n).isBetween(104, 106));
  }

  @Test
  void clusterSettingsAreShownSetAndReset() {
    String name = "kv.allocator.ts_consider_rebalance.enabled";
    assertThat(rig.sql("n1", "SHOW CLUSTER SETTING " + name))
        .isEqualTo(new SqlResponder.Rows(List.of(name), List.of("bool"), List.of(List.of("t"))));
    assertThat(rig.sql("n2", "set cluster setting " + name + " = false;")).isEqualTo(new SqlResponder.Done("SET CLUSTER SETTING"));
    assertThat(rig.rows("n3", "SHOW CLUSTER SETTING " + name)).containsExactly(List.of("f"));
    assertThat(rig.sql("n1", "SET CLUSTER SETTING " + name + " TO 'maybe'"))
        .isEqualTo(new SqlResponder.Failed("22P02", "could not parse \"maybe\" as type bool: invalid bool value", null));
    assertThat(rig.sql("n1", "RESET CLUSTER SETTING " + name)).isEqualTo(new SqlResponder.Done("SET CLUSTER SETTING"));
    assertThat(rig.rows("n1", "SHOW CLUSTER SETTING " + name)).containsExactly(List.of("t"));

    assertThat(rig.rows("n1", "SHOW CLUSTER SETTING server.time_until_store_dead")).containsExactly(List.of("00:30:00"));
    rig.sql("n1", "SET CLUSTER SETTING server.time_until_store_dead = '75s'");
    assertThat(rig.rows("n1", "SHOW CLUSTER SETTING server.time_until_store_dead")).containsExactly(List.of("00:01:15"));
    assertThat(rig.sql("n1", "SHOW CLUSTER SETTING kv.no.such")).isEqualTo(new SqlResponder.Failed("42704", "unknown setting: \"kv.no.such\"", null));
  }

  @Test
  void zoneConfigurationsAreListedAndAConstraintShowsTheNodeItNames() {
    SqlResponder.Rows zones = (SqlResponder.Rows) rig.sql("n1", "SHOW ZONE CONFIGURATIONS");
    assertThat(zones.columns()).containsExactly("target", "raw_config_sql");
    assertThat(zones.rows()).extracting(r -> r.get(0))
        .containsExactly("RANGE default", "DATABASE system", "RANGE meta", "RANGE system", "RANGE liveness");
    assertThat(zones.rows().get(0).get(1)).isEqualTo("ALTER RANGE default CONFIGURE ZONE USING\n\trange_min_bytes = 268435456,\n"
        + "\trange_max_bytes = 536870912,\n\tgc.ttlseconds = 90000,\n\tnum_replicas = 3,\n\tconstraints = '[]',\n\tlease_preferences = '[]'");

    assertThat(rig.sql("n1", "ALTER TABLE tsdb.readings CONFIGURE ZONE USING num_replicas = 3, constraints = '{\"+region=NODE2\": 1}'"))
        .isEqualTo(new SqlResponder.Done("CONFIGURE ZONE 1"));
    assertThat(rig.rows("n1", "SHOW ALL ZONE CONFIGURATIONS")).last().isEqualTo(List.of("TABLE tsdb.public.readings",
        "ALTER TABLE tsdb.public.readings CONFIGURE ZONE USING\n\tnum_replicas = 3,\n\tconstraints = '{+region=NODE2: 1}'"));
    assertThat(rig.rows("n1", "SHOW ZONE CONFIGURATION FOR DATABASE rdb")).extracting(r -> r.get(0)).containsExactly("RANGE default");
  }

  @Test
  void badZoneChangesAreRefusedWithKwbasesMessages() {
    assertThat(rig.sql("n1", "ALTER DATABASE tsdb CONFIGURE ZONE USING constraints = '{\"+region=NODE2\": 1}'"))
        .isEqualTo(new SqlResponder.Failed("22023", "when per-replica constraints are set, num_replicas must be set as well", null));
    assertThat(rig.sql("n1", "ALTER RANGE default CONFIGURE ZONE USING num_replicas = 1, constraints = '{\"+region=NODE1\": 1, \"+region=NODE2\": 1}'"))
        .isEqualTo(new SqlResponder.Failed("22023", "the number of replicas specified in constraints (2) cannot be greater than "
            + "the number of replicas configured for the zone (1)", null));
    assertThat(rig.sql("n1", "ALTER RANGE default CONFIGURE ZONE DISCARD"))
        .isEqualTo(new SqlResponder.Failed("23514", "cannot remove default zone", null));
    assertThat(rig.sql("n1", "ALTER DATABASE nope CONFIGURE ZONE USING num_replicas = 3"))
        .isEqualTo(new SqlResponder.Failed("3D000", "database \"nope\" does not exist", null));
  }

  @Test
  void probesAndSessionStatementsAreAnswered() {
    assertThat(rig.sql("n1", "SELECT 1")).isEqualTo(new SqlResponder.Rows(List.of("?column?"), List.of("int8"), List.of(List.of("1"))));
    assertThat(rig.rows("n1", "select version();").get(0).get(0)).startsWith("KaiwuDB 3.1.0 (");
    assertThat(rig.sql("n1", "BEGIN READ ONLY")).isEqualTo(new SqlResponder.Done("BEGIN"));
    assertThat(rig.sql("n1", "SET application_name = 'opsplay'")).isEqualTo(new SqlResponder.Done("SET"));
    assertThat(rig.sql("n1", "COMMIT")).isEqualTo(new SqlResponder.Done("COMMIT"));
  }

  @Test
  void anythingElseIsRefusedSayingWhatIsSupported() {
    SqlResponder.Failed f = (SqlResponder.Failed) rig.sql("n1", "SELECT * FROM system.users");
    assertThat(f.sqlState()).isEqualTo("0A000");
    assertThat(f.message()).isEqualTo("the lab does not support this statement: SELECT * FROM system.users");
    assertThat(f.hint()).startsWith("supported: SELECT 1;");
    SqlResponder.Failed odd = (SqlResponder.Failed) rig.sql("n1", "SELECT node_id FROM kwdb_internal.gossip_liveness WHERE node_id > 1");
    assertThat(odd.sqlState()).isEqualTo("0A000");
    assertThat(rig.sql("n1", "SELECT nope FROM kwdb_internal.gossip_liveness"))
        .isEqualTo(new SqlResponder.Failed("42703", "column \"nope\" does not exist", null));
  }

  @Test
  void aNodeThatHasNotJoinedAnswersNoQuery() {
    rig.kwbase("n4", "start", "--insecure", "--join=127.0.0.99:26257", "--background");
    assertThat(rig.lab.running("n4")).isTrue();
    assertThat(rig.sql("n4", "SELECT 1")).isEqualTo(new SqlResponder.Failed("57P03", "node is waiting for cluster initialization", null));
  }
}
