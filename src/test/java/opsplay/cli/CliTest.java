package opsplay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import opsplay.json.Json;
import opsplay.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user meets it: help, version, usage errors, lint, list, exit codes. */
class CliTest {
  static final String INVENTORY = "src/test/resources/cases/run/inventory.yml";

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Cli.Outcome r = Cli.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("run", "check", "lint", "list", "completion", "Exit codes", "99 interrupted");
  }

  @Test
  void helpForOneCommandShowsItsOptions() {
    Cli.Outcome r = Cli.run("help", "run");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--check", "--limit", "--start-at-task", "--forks", "--output", "--skip-tags");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "run --help         | --start-at-task",
      "check -h           | --skip-tags",
      "lint --help        | PLAYBOOK",
      "list --help        | --tasks",
      "lab --help         | status",
      "lab up --help      | --detach",
      "lab status --help  | DIR",
      "lab down -h        | DIR"})
  void everyCommandTakesHelp(String args, String option) {
    Cli.Outcome r = Cli.run(args.split(" "));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Usage: opsplay " + args.substring(0, args.indexOf(" -")))
        .contains(option).contains("-h, --help");
  }

  @Test
  void theHelpIsWrittenForEightyColumns() {
    Cli.Outcome r = Cli.run("--help");
    assertThat(r.out()).as("no line is wrapped by picocli")
        .contains("\n  inv=$(opsplay lab up kwdb --detach)\n").contains(", 5 bad options,\n99 interrupted.\n");
    assertThat(Cli.run("run", "--help").out()).contains("(default: .opsplay/runs)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "lab --help"})
  void theCommandListShowsEachCommandOnOneLine(String args) {
    String out = Cli.run(args.split(" ")).out();
    String commands = out.substring(out.indexOf("Commands:"));
    for (String line : commands.substring(0, (commands + "\n\n").indexOf("\n\n")).split("\n")) {
      assertThat(line).as("a command's summary wraps onto a line of its own").doesNotStartWith("        ");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "run", "list"})
  void aLimitNamingNoHostIsABadOptionAndNothingRuns(String command, @TempDir Path dir) throws IOException {
    Path marker = dir.resolve("marker");
    Path pb = dir.resolve("pb.yml");
    Files.writeString(pb, "- hosts: all\n  tasks:\n    - ssh: touch " + marker + "\n      check_mode: false\n");
    List<String> args = new java.util.ArrayList<>(List.of(command, pb.toString(), "-i", INVENTORY, "--limit", "all:!locl"));
    if (!command.equals("list")) args.addAll(List.of("--journal", dir.resolve("j").toString()));
    Cli.Outcome r = Cli.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(5);
    assertThat(r.err()).contains("--limit: error: no host or group named 'locl' in the inventory (did you mean 'local'?)")
        .contains("nothing was run").doesNotContain("unexpected");
    assertThat(r.out()).isEmpty();
    assertThat(marker).doesNotExist();
  }

  @Test
  void aStartAtTaskNamingNoTaskIsABadOptionAndNothingRuns(@TempDir Path dir) throws IOException {
    Path marker = dir.resolve("marker");
    Path pb = dir.resolve("pb.yml");
    Files.writeString(pb, "- hosts: all\n  tasks:\n    - ssh: touch " + marker + "\n    - name: second\n      ssh: 'true'\n");
    Cli.Outcome r = Cli.run("run", pb.toString(), "-i", INVENTORY, "--start-at-task", "secnd", "--journal", dir.resolve("j").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(5);
    assertThat(r.err()).contains("--start-at-task: no task is named 'secnd' (did you mean 'second'?)");
    assertThat(r.out()).isEmpty();
    assertThat(marker).doesNotExist();
  }

  @Test
  void anUnnamedTaskIsStartedAtByTheNameTheOutputShowsForIt(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Path pb = dir.resolve("pb.yml");
    Files.writeString(pb, "- hosts: h1\n  tasks:\n    - ssh: touch " + first + "\n    - ssh: touch " + second + "\n");
    Cli.Outcome r = Cli.run("run", pb.toString(), "-i", INVENTORY, "--start-at-task", "ssh (" + pb + ":4:7)",
        "--journal", dir.resolve("j").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("TASK ssh (" + pb + ":4:7)");
    assertThat(first).doesNotExist();
    assertThat(second).exists();
  }

  @Test
  void lintWithoutAnInventoryChecksThePlaybookAloneAndSaysWhatItLeftOut(@TempDir Path dir) throws IOException {
    Path pb = dir.resolve("pb.yml");
    Files.writeString(pb, "- hosts: kwdb[0]\n  tasks:\n    - ssh: echo {{kw_port}}\n");
    Cli.Outcome ok = Cli.run("lint", pb.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("ok: " + pb + " (1 play, 1 task; host patterns and variable names not checked: no -i)");
    Files.writeString(pb, "- hosts: kwdb[0]\n  tasks:\n    - ssh: echo {{kw_port}\n");
    assertThat(Cli.run("lint", pb.toString()).err()).contains(pb + ":3:12: error: unclosed tag");
    Cli.Outcome against = Cli.run("lint", pb.toString(), "-i", INVENTORY);
    assertThat(against.err()).contains("no host or group named 'kwdb'");
  }

  @Test
  void versionNamesTheProgram() {
    assertThat(Cli.run("--version").out()).startsWith("opsplay ");
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithASuggestion() {
    Cli.Outcome r = Cli.run("run", "x.yml", "--chek");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("--chek").contains("--check");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "run x.yml --syntax-check           | --syntax-check is written here as: opsplay lint PLAYBOOK",
      "run x.yml --list-tasks             | --list-tasks is written here as: opsplay list PLAYBOOK -i INVENTORY --tasks",
      "check x.yml --list-hosts           | --list-hosts is written here as: opsplay list PLAYBOOK -i INVENTORY --hosts",
      "run x.yml -u root                  | -u is written here as: -e ssh_user=USER",
      "run x.yml --user=root              | --user is written here as: -e ssh_user=USER",
      "run x.yml --private-key k          | --private-key is written here as: -e ssh_key=PATH",
      "run x.yml -c local                 | -c is written here as: -e connection=local",
      "run x.yml -b                       | -b is written here as: become: true on the play or task",
      "run x.yml --become-user postgres   | --become-user is written here as: become_user: on the play or task",
      "run x.yml -k                       | -k is written here as: ssh_password: env:NAME",
      "run x.yml -K                       | -K has no counterpart here: become runs sudo -n",
      "run x.yml -T 30                    | -T is written here as: -e ssh_connect_timeout=SECONDS"})
  void anAnsiblePlaybookOptionSaysWhatOpsplayWritesInstead(String args, String advice) {
    Cli.Outcome r = Cli.run(args.split(" "));
    assertThat(r.code()).as(r.err()).isEqualTo(5);
    assertThat(r.err()).contains("ansible-playbook's " + advice).doesNotContain("Possible solutions");
  }

  @Test
  void ansiblePlaybooksShortCheckAndDiffOptionsWork() {
    Cli.Outcome r = Cli.run("run", "examples/hello.yml", "-i", "inventory/local.yml", "-C", "-D", "-o", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.events("run_start").get(0).get("check")).isEqualTo(true);
    assertThat(Cli.run("run", "--help").out()).contains("-C, --check").contains("-D, --diff");
  }

  @Test
  void forksMustBePositive() {
    assertThat(Cli.run("run", "x.yml", "--forks", "0").code()).isEqualTo(5);
  }

  @Test
  void completionScriptIsPrinted() {
    Cli.Outcome r = Cli.run("completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F");
    assertThat(r.out()).as("every command completes").contains("run", "check", "lint", "list", "lab");
  }

  @Test
  void aMistypedCommandIsAUsageErrorThatNamesTheRightOne() {
    Cli.Outcome r = Cli.run("chek", "x.yml");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("chek").contains("check");
  }

  @Test
  void lintShowsFileLineColumnCaretAndHintAndExits4(@TempDir Path dir) throws IOException {
    Path pb = dir.resolve("pb.yml");
    Files.writeString(pb, "- hosts: local\n  tasks:\n    - name: x\n      ssh: 'true'\n      whne: n == 1\n");
    Cli.Outcome r = Cli.run("lint", pb.toString(), "-i", INVENTORY);
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains(pb + ":5:7:").contains("whne").contains("did you mean 'when'")
        .contains("      whne: n == 1\n        ^").contains("nothing was run");
  }

  @Test
  void runWithAnInvalidPlaybookRunsNothing(@TempDir Path dir) throws IOException {
    Path pb = dir.resolve("pb.yml");
    Path marker = dir.resolve("marker");
    Files.writeString(pb, "- hosts: local\n  tasks:\n    - ssh: touch " + marker + "\n    - ssh: echo {{undefined_thing}}\n");
    Cli.Outcome r = Cli.run("run", pb.toString(), "-i", INVENTORY);
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("undefined variable 'undefined_thing'");
    assertThat(marker).doesNotExist();
  }

  @Test
  void listShowsHostsAndTasks() {
    String pb = "src/test/resources/cases/run/failing-command.yml";
    Cli.Outcome hosts = Cli.run("list", pb, "-i", INVENTORY, "--limit", "h1:h3");
    assertThat(hosts.code()).isZero();
    assertThat(hosts.out()).contains("h1").contains("h3").doesNotContain("h2");
    Cli.Outcome tasks = Cli.run("list", pb, "-i", INVENTORY, "--tasks");
    assertThat(tasks.out()).contains("fail on h2").contains("after").contains("failing-command.yml:");
  }

  @Test
  void aRunThatFailedSaysHowToGoOnAndAPreviewOrASuccessDoesNot(@TempDir Path dir) throws IOException {
    String failing = "src/test/resources/cases/run/failing-command.yml";
    Cli.Outcome failed = Cli.run("run", failing, "-i", INVENTORY, "-o", "json", "--journal", dir.toString());
    assertThat(failed.code()).isEqualTo(2);
    String runId = String.valueOf(failed.events("run_start").get(0).get("run_id"));
    assertThat(failed.err()).contains("opsplay: to go on once the cause is fixed, run the same command with --resume "
        + runId).contains(dir.resolve(runId + ".jsonl").toString());
    Path stops = Files.writeString(dir.resolve("stops.yml"), "- hosts: h1\n  tasks:\n    - fail: {msg: stop here}\n");
    Cli.Outcome preview = Cli.run("check", stops.toString(), "-i", INVENTORY, "--journal", dir.toString());
    assertThat(preview.code()).isEqualTo(2);
    assertThat(preview.err()).doesNotContain("--resume");
    assertThat(Cli.run("run", "examples/hello.yml", "-i", "inventory/local.yml", "--journal", dir.toString()).err())
        .doesNotContain("--resume");
  }

  @Test
  void anInventoryOfHostNamesSeparatedByCommasNeedsNoFile(@TempDir Path dir) throws IOException {
    Path pb = Files.writeString(dir.resolve("pb.yml"), "- hosts: all\n  tasks:\n    - ssh: echo on {{inventory_hostname}}\n");
    Cli.Outcome hosts = Cli.run("list", pb.toString(), "-i", "db1,db2,", "--hosts");
    assertThat(hosts.code()).as(hosts.err()).isZero();
    assertThat(hosts.out()).contains("hosts (2):\n    db1\n    db2\n");
    Cli.Outcome run = Cli.run("run", pb.toString(), "-i", "localhost,", "-e", "connection=local", "-o", "json",
        "--journal", dir.resolve("runs").toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.events("host_result")).singleElement().satisfies(e -> assertThat(e.get("stdout")).isEqualTo("on localhost"));
    assertThat(Cli.run("lint", pb.toString(), "-i", "db1,,db 2").err()).contains("db1,,db 2: error: 'db 2' is not a host name");
  }

  @Test
  void aMissingInventoryIsTheOneErrorNotEveryHostPatternAfterIt() {
    Cli.Outcome r = Cli.run("run", "examples/hello.yml", "-i", "nosuch.ini");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("nosuch.ini: error: cannot read the inventory").contains("1 error; nothing was run")
        .doesNotContain("no host or group");
  }

  @Test
  void aFolderGivenAsThePlaybookNamesThePlaybooksInIt() {
    Cli.Outcome r = Cli.run("check", "playbooks/kwdb", "-i", "inventory/lab-kwdb.yml");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("playbooks/kwdb: error: a folder, not a playbook")
        .contains("hint: name a playbook in it: playbooks/kwdb/rebalance.yml, playbooks/kwdb/scale-in-cli.yml,");
  }

  @Test
  void listNamesAnUnnamedTaskOrBlockByItsPlaceOnce(@TempDir Path dir) throws IOException {
    Path pb = Files.writeString(dir.resolve("pb.yml"), "- hosts: h1\n  tasks:\n    - block:\n        - print: hi\n");
    Cli.Outcome tasks = Cli.run("list", pb.toString(), "-i", INVENTORY, "--tasks");
    assertThat(tasks.out()).contains("  block (" + pb + ":3:7)\n").contains("    print (" + pb + ":4:11)\n");
  }

  @Test
  void listRendersAHostsPatternFromExtraVars(@TempDir Path dir) throws IOException {
    Path pb = dir.resolve("pb.yml");
    Files.writeString(pb, "- hosts: \"{{remove}}\"\n  tasks:\n    - print: hi\n");
    Cli.Outcome hosts = Cli.run("list", pb.toString(), "-i", INVENTORY, "-e", "remove=h2");
    assertThat(hosts.code()).as(hosts.err()).isZero();
    assertThat(hosts.out()).contains("hosts (1):\n    h2");
  }

  @Test
  void humanOutputHasNoColourWithoutATerminal() {
    Cli.Outcome r = Cli.run(Map.of(), "run", "src/test/resources/cases/run/register-when.yml", "-i", INVENTORY);
    assertThat(r.code()).isZero();
    assertThat(r.out()).doesNotContain("\u001b[").contains("TASK read n").contains("RECAP");
  }

  @Test
  void colourOnATerminalButNeverWithNoColor() {
    String pb = "src/test/resources/cases/run/register-when.yml";
    assertThat(Cli.runOnTerminal(Map.of("TERM", "xterm"), "run", pb, "-i", INVENTORY).out()).contains("\u001b[");
    assertThat(Cli.runOnTerminal(Map.of("TERM", "xterm", "NO_COLOR", "1"), "run", pb, "-i", INVENTORY).out())
        .doesNotContain("\u001b[");
  }

  @Test
  void jsonOutputIsOneEventPerLineInOrder() {
    Cli.Outcome r = Cli.run("run", "src/test/resources/cases/run/register-when.yml", "-i", INVENTORY, "-o", "json");
    List<String> kinds = r.out().lines().map(l -> (String) ((Map<?, ?>) new Json().read(l)).get("event")).toList();
    assertThat(kinds.get(0)).isEqualTo("run_start");
    assertThat(kinds.get(1)).isEqualTo("play_start");
    assertThat(kinds.get(kinds.size() - 1)).isEqualTo("recap");
    assertThat(kinds.subList(2, kinds.size() - 1)).containsExactly(
        "task_start", "host_result", "host_result", "host_result",
        "task_start", "host_result", "host_result", "host_result",
        "task_start", "host_result", "host_result", "host_result");
    assertThat(r.events("recap").get(0).get("exit_code")).isEqualTo(0);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void runIdsSortByTimeAndEndInFourRandomCharacters() {
    assertThat(RunCommand.runId(java.time.LocalDateTime.of(2026, 11, 24, 9, 5, 2), 0x1234abcd)).isEqualTo("20261124-090502-abcd");
    assertThat(RunCommand.runId(java.time.LocalDateTime.of(2027, 1, 1, 23, 59, 59), 0x0a)).isEqualTo("20270101-235959-000a");
  }

  @ParameterizedTest
  @CsvSource({"Europe/Berlin, 1782000000999", "Europe/Berlin, 1795000000000", "Asia/Kolkata, 1782000000000",
      "America/St_Johns, 1782000000000", "UTC, 0", "Pacific/Kiritimati, 1795000000500"})
  void runIdsUseTheWallClockOfTheMachinesZone(String zone, long millis) {
    java.time.LocalDateTime expected = java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis),
        java.time.ZoneId.of(zone)).withNano(0);
    assertThat(RunCommand.localTime(millis, java.util.TimeZone.getTimeZone(zone))).isEqualTo(expected);
  }
}
