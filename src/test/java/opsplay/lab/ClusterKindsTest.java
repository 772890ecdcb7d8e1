package opsplay.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in models take the settings that mean something for their kind and refuse the others. */
class ClusterKindsTest {
  private static final List<String> FOUR = List.of("127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1");

  @ParameterizedTest
  @CsvSource({"true, false", "false, true"})
  void anOpenMldbLabRefusesKwdbsSecureAndSingleReplica(boolean secure, boolean singleReplica) {
    LabSettings settings = new LabSettings("openmldb", 3, 1, secure, singleReplica, 1);
    assertThatThrownBy(() -> ClusterKinds.builtIn().create(settings, FOUR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("are settings of a kwdb lab");
  }

  @ParameterizedTest
  @CsvSource({"kwdb, true, false", "kwdb, false, true", "openmldb, false, false"})
  void eachKindMakesOneHostPerAddress(String kind, boolean secure, boolean singleReplica) {
    LabCluster cluster = ClusterKinds.builtIn().create(new LabSettings(kind, 3, 1, secure, singleReplica, 1), FOUR);
    assertThat(cluster.nodes()).hasSize(4);
  }
}
