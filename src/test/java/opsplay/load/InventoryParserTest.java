package opsplay.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import opsplay.core.Diagnostics;
import opsplay.core.Inventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One inventory written in both of Ansible's shapes, with group_vars/ and host_vars/ beside it. */
class InventoryParserTest {
  static final Path DIR = Path.of("src/test/resources/inventories");

  static Inventory parse(String file) {
    Diagnostics d = new Diagnostics();
    Inventory inv = new InventoryParser(d).parse(List.of(DIR.resolve(file)));
    assertThat(d.list()).as("diagnostics").isEmpty();
    return inv;
  }

  @ParameterizedTest
  @ValueSource(strings = {"yaml/hosts.yml", "ini/hosts"})
  void groupsHostsAndPrecedence(String file) {
    Inventory inv = parse(file);
    assertThat(inv.hosts().keySet()).containsExactly("lone", "n1", "n2", "n3", "n4");
    assertThat(inv.hostsOf("kwdb")).containsExactly("n1", "n2", "n3");
    assertThat(inv.hostsOf("primary")).containsExactly("n1");
    assertThat(inv.hostsOf("ungrouped")).containsExactly("lone");
    assertThat(inv.hosts().get("n1").vars()).containsEntry("who", "n1").containsEntry("role", "primary")
        .containsEntry("address", "10.0.0.1").containsEntry("ansible_host", "10.0.0.1").containsEntry("kw_port", 26257L);
    assertThat(inv.hosts().get("n2").vars()).containsEntry("who", "host_vars-n2").containsEntry("kw_port", 26258L);
    assertThat(inv.hosts().get("n3").vars()).containsEntry("who", "kwdb").doesNotContainKey("role");
    assertThat(inv.hosts().get("n4").vars()).containsEntry("who", "all").containsEntry("role", "joiner")
        .containsEntry("ssh_port", 2222L).containsEntry("ssh_user", "kaiwu");
    assertThat(inv.hosts().get("lone").vars()).containsEntry("address", "10.0.0.9").containsEntry("who", "all");
  }

  @Test
  void bothShapesGiveTheSameInventory() {
    Inventory yaml = parse("yaml/hosts.yml");
    Inventory ini = parse("ini/hosts");
    for (String h : yaml.hosts().keySet()) {
      assertThat(ini.hosts().get(h).vars()).as(h).isEqualTo(yaml.hosts().get(h).vars());
    }
    assertThat(ini.groupsVariable()).isEqualTo(yaml.groupsVariable());
  }

  @Test
  void withoutAnInventoryThereIsALocalhost() {
    Inventory inv = new InventoryParser(new Diagnostics()).parse(List.of());
    assertThat(inv.hosts().get("localhost").vars()).isEqualTo(Map.of("connection", "local"));
  }

  @Test
  void aMissingFileIsReported() {
    Diagnostics d = new Diagnostics();
    new InventoryParser(d).parse(List.of(DIR.resolve("nope.yml")));
    assertThat(d.list()).singleElement().satisfies(e -> assertThat(e.message()).contains("no such file"));
  }
}
