package opsplay.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import opsplay.testing.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input as data: each file in cases/load-errors (a playbook) and cases/inventory-errors (an
 * inventory) says in {@code # expect-error: LINE:COL message} comments exactly which errors
 * {@code opsplay lint} reports (and in {@code # expect-hint: TEXT} what some hints say). Nothing
 * else may be reported, and the exit code is 4.
 */
class LoadErrorsTest {
  static final Path PLAYBOOKS = Path.of("src/test/resources/cases/load-errors");
  static final Path INVENTORIES = Path.of("src/test/resources/cases/inventory-errors");
  static final String RUN_INVENTORY = "src/test/resources/cases/run/inventory.yml";

  static Stream<Path> playbooks() throws IOException {
    return list(PLAYBOOKS);
  }

  static Stream<Path> inventories() throws IOException {
    return list(INVENTORIES).filter(p -> !p.endsWith("playbook.yml"));
  }

  private static Stream<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("playbooks")
  void playbook(Path file) throws IOException {
    expect(file, Cli.run("lint", file.toString(), "-i", RUN_INVENTORY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inventories")
  void inventory(Path file) throws IOException {
    expect(file, Cli.run("lint", INVENTORIES.resolve("playbook.yml").toString(), "-i", file.toString()));
  }

  private static void expect(Path file, Cli.Outcome r) throws IOException {
    List<String> expected = Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect-error: "))
        .map(l -> l.substring("# expect-error: ".length())).toList();
    assertThat(expected).as("the case states its errors").isNotEmpty();
    assertThat(r.code()).as(r.err()).isEqualTo(4);
    for (String e : expected) {
      String where = e.substring(0, e.indexOf(' '));
      String message = e.substring(e.indexOf(' ') + 1);
      assertThat(r.err()).as("stderr").contains(file + ":" + where + ": error: " + message);
    }
    for (String hint : Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect-hint: ")).toList()) {
      assertThat(r.err()).as("stderr").contains("  hint: " + hint.substring("# expect-hint: ".length()));
    }
    long reported = r.err().lines().filter(l -> l.contains(": error: ")).count();
    assertThat(reported).as("number of errors in\n" + r.err()).isEqualTo(expected.size());
    assertThat(r.err()).contains("nothing was run").doesNotContain("hunter2-secret");
    assertThat(r.out()).isEmpty();
  }
}
