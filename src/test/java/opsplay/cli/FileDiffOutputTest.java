package opsplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import opsplay.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --diff as people and programs read it: indented under the host line, or a "diff" field in JSON;
 * a secret rendered into the file (even one of several lines, as a key is) never shows in it.
 */
class FileDiffOutputTest {
  private static final String INVENTORY = "src/test/resources/cases/run/inventory.yml";
  /** A key of several lines, as a certificate's is: masked whole, before the diff splits it into lines. */
  private static final String KEY = "{\"key\": \"-----BEGIN KEY-----\\nline-one-SECRET\\nline-two-SECRET\\n-----END KEY-----\\n\"}";
  @TempDir Path dir;

  private Path playbook() throws IOException {
    Files.writeString(Files.createDirectories(dir.resolve("templates")).resolve("app.env.mustache"),
        "mode=primary\nkey={{key}}\n");
    Files.writeString(dir.resolve("app.env"), "mode=replica\nkey=none\n");
    return Files.writeString(dir.resolve("site.yml"), String.join("\n",
        "- hosts: h1",
        "  secrets: [key]",
        "  tasks:",
        "    - name: env file",
        "      template: {src: app.env.mustache, dest: " + dir.resolve("app.env") + "}",
        ""));
  }

  @Test
  void theHumanReportIndentsTheDiffUnderTheHostAndMasksSecrets() throws IOException {
    Path pb = playbook();
    Cli.Outcome r = Cli.run("check", pb.toString(), "-i", INVENTORY, "--diff", "-e", KEY);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("  would change h1\n"
        + "      template: " + dir.resolve("app.env") + " (88 bytes, mode 0644)\n"
        + "      --- " + dir.resolve("app.env") + " (before)\n"
        + "      +++ " + dir.resolve("app.env") + " (after)\n"
        + "      @@ -1,2 +1,2 @@\n"
        + "      -mode=replica\n"
        + "      -key=none\n"
        + "      +mode=primary\n"
        + "      +key=********\n");
    assertThat(r.out() + r.err()).doesNotContain("SECRET");
    assertThat(Files.readString(dir.resolve("app.env"))).isEqualTo("mode=replica\nkey=none\n");
  }

  @Test
  void jsonCarriesTheDiffWithSecretsMaskedAndTheFileHoldsTheRealValue() throws IOException {
    Path pb = playbook();
    Cli.Outcome r = Cli.run("run", pb.toString(), "-i", INVENTORY, "--diff", "-o", "json", "-e", KEY);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.events("host_result").get(0).get("diff").toString()).contains("-key=none\n+mode=primary\n+key=********\n");
    assertThat(r.out() + r.err()).doesNotContain("SECRET");
    assertThat(Files.readString(dir.resolve("app.env"))).contains("line-one-SECRET\nline-two-SECRET\n");
  }

  @Test
  void onATerminalRemovedLinesAreRedAndAddedOnesGreen() throws IOException {
    Path pb = playbook();
    Cli.Outcome r = Cli.runOnTerminal(java.util.Map.of(), "check", pb.toString(), "-i", INVENTORY, "--diff", "-e", KEY);
    assertThat(r.out()).contains("      \u001b[1m--- " + dir.resolve("app.env") + " (before)\u001b[0m\n")
        .contains("      \u001b[31m-mode=replica\u001b[0m\n").contains("      \u001b[32m+key=********\u001b[0m\n");
  }

  @Test
  void withoutDiffThereIsNone() throws IOException {
    Path pb = playbook();
    Cli.Outcome r = Cli.run("run", pb.toString(), "-i", INVENTORY, "-o", "json", "-e", KEY);
    assertThat(r.events("host_result").get(0)).doesNotContainKey("diff");
  }
}
