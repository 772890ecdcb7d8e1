package opsplay.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.core.ActionException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * ns_client's output, read as the driver reads it: each NAME.txt under cases/parse/ns_client is what
 * the client printed (samples from the reference and the lab's scenarios, trailing spaces and all),
 * NAME.yml what must be read from it; messages.yml holds the one-line answers.
 */
class NsClientOutputTest {
  private static final Path CASES = Path.of("src/test/resources/cases/parse/ns_client");

  static Stream<Arguments> samples() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files.filter(p -> p.toString().endsWith(".txt")).sorted()
          .map(p -> Arguments.of(Named.of(p.getFileName().toString(), p))).toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @SuppressWarnings("unchecked")
  void readsTheSample(Path txt) throws Exception {
    String stdout = Files.readString(txt);
    Map<String, Object> spec = new Yaml().load(Files.readString(Path.of(txt.toString().replace(".txt", ".yml"))));
    String db = (String) spec.get("database");
    Object read = switch ((String) spec.get("read")) {
      case "tablets" -> NsClientOutput.tablets(stdout).stream()
          .map(n -> n.endpoint() + " " + n.state() + (n.healthy() ? " healthy" : " not-healthy")).toList();
      case "replicas" -> NsClientOutput.replicas(db, stdout).stream().map(r -> r.database() + " " + r.table() + " "
          + r.partition() + " " + r.endpoint() + " " + (r.leader() ? "leader" : "follower") + " " + (r.alive() ? "yes" : "no")).toList();
      case "operations" -> NsClientOutput.operations(db, stdout).stream().map(o -> o.id() + " " + o.type() + " " + o.table()
          + " " + o.partition() + " " + o.status() + " " + (o.task().isEmpty() ? "-" : o.task())
          + (NsClientOutput.unfinished(o) ? " unfinished" : " finished")).toList();
      case "databases" -> NsClientOutput.databases(stdout);
      case "auto_failover" -> NsClientOutput.autoFailover(stdout);
      default -> throw new AssertionError("unknown read: " + spec.get("read"));
    };
    if (read instanceof List<?> list) assertThat((List<Object>) list).containsExactlyElementsOf((List<Object>) spec.get("expect"));
    else assertThat(read).isEqualTo(spec.get("expect"));
  }

  @SuppressWarnings("unchecked")
  static Stream<Arguments> messages() throws IOException {
    List<Map<String, Object>> cases = new Yaml().load(Files.readString(CASES.resolve("messages.yml")));
    return cases.stream().map(c -> Arguments.of(Named.of(c.get("command") + " <- " + String.valueOf(c.get("output")).strip(), c)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void readsTheAnswer(Map<String, Object> c) throws ActionException {
    String command = (String) c.get("command");
    String output = (String) c.get("output");
    if (c.containsKey("accepted")) NsClientOutput.expectAccepted(command, output);
    if (c.containsKey("refused")) {
      assertThatThrownBy(() -> NsClientOutput.expectAccepted(command, output)).isInstanceOf(ActionException.class)
          .hasMessageContaining((String) c.get("refused"));
    }
    if (c.containsKey("table")) {
      assertThatThrownBy(() -> NsClientOutput.table(command, output)).isInstanceOf(ActionException.class)
          .hasMessageContaining((String) c.get("table"));
    }
    if (c.containsKey("used")) {
      assertThat(NsClientOutput.used(command.substring("use ".length()), output)).isEqualTo(c.get("used"));
    }
  }
}
