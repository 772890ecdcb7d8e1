package opsplay.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import opsplay.core.Diagnostic;
import org.junit.jupiter.api.Test;

/** An include that comes back to itself is reported once, where the circle closes, and loading ends. */
class IncludeTest {
  @Test
  void aCycleIsReportedWhereItCloses() {
    Path dir = Path.of("src/test/resources/cases/includes");
    Loaded loaded = new Loader().load(dir.resolve("cycle.yml"), List.of(Path.of("src/test/resources/cases/run/inventory.yml")), List.of());
    List<Diagnostic> errors = loaded.diagnostics().list();
    assertThat(errors).singleElement().satisfies(d -> {
      assertThat(d.pos().file()).endsWith("b.yml");
      assertThat(d.pos().line()).isEqualTo(1);
      assertThat(d.message()).isEqualTo("include: a.yml includes itself (through " + dir.toAbsolutePath().resolve("b.yml") + ")");
    });
  }
}
