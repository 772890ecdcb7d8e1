package opsplay.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import opsplay.core.Inventory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ansible's host patterns against tests' inventory (lone; kwdb = n1 n2 n3 with child primary = n1; new_nodes = n4). */
class HostPatternTest {
  static final Inventory INVENTORY = InventoryParserTest.parse("yaml/hosts.yml");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "all               | lone n1 n2 n3 n4",
      "*                 | lone n1 n2 n3 n4",
      "kwdb              | n1 n2 n3",
      "kwdb:new_nodes    | n1 n2 n3 n4",
      "kwdb,new_nodes    | n1 n2 n3 n4",
      "kwdb:!n1          | n2 n3",
      "kwdb:&primary     | n1",
      "!kwdb             | lone n4",
      "kwdb[0]           | n1",
      "kwdb[-1]          | n3",
      "kwdb[0:1]         | n1 n2",
      "kwdb[1:]          | n2 n3",
      "n4:kwdb[0]        | n1 n4",
      "n*                | n1 n2 n3 n4",
      "~n[12]            | n1 n2",
      "ungrouped         | lone",
      "kwdb:!primary:n4  | n2 n3 n4",
  })
  void selects(String pattern, String hosts) {
    assertThat(HostPattern.select(pattern.strip(), INVENTORY)).isEqualTo(List.of(hosts.strip().split(" ")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "kwbd        | no host or group named 'kwbd' in the inventory (did you mean 'kwdb'?)",
      "kwdb[5]     | 'kwdb[5]': kwdb has 3 hosts (indexes 0 to 2)",
      "kwdb:!n9    | no host or group named 'n9'",
  })
  void refuses(String pattern, String message) {
    assertThatThrownBy(() -> HostPattern.select(pattern.strip(), INVENTORY)).hasMessageContaining(message.strip());
  }
}
