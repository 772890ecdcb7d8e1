package opsplay.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options shared by {@code run} and {@code check} (SPEC §2). */
public final class RunOptionsMixin {
  @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "the playbook to run")
  Path playbook;

  @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
      description = "inventory file, YAML or INI (repeatable; group_vars/ and host_vars/ beside it are read),"
          + " or host names: n1,n2 (n1, for one)")
  List<Path> inventories = new ArrayList<>();

  @Option(names = {"-e", "--extra-vars"}, paramLabel = "KEY=VALUE|@FILE",
      description = "extra variables, highest precedence: KEY=VALUE or @vars.yml (repeatable)")
  List<String> extraVars = new ArrayList<>();

  @Option(names = {"-C", "--check"}, description = "preview: run guards and read-only probes, change nothing")
  boolean check;

  @Option(names = {"-D", "--diff"}, description = "show the differences a template or copy would make")
  boolean diff;

  @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "only these hosts (a:b union, a:&b, a:!b, g[0])")
  String limit;

  @Option(names = {"-t", "--tags"}, split = ",", splitSynopsisLabel = ",", paramLabel = "TAG", description = "only tasks with these tags")
  Set<String> tags = new LinkedHashSet<>();

  @Option(names = "--skip-tags", split = ",", splitSynopsisLabel = ",", paramLabel = "TAG", description = "leave out tasks with these tags")
  Set<String> skipTags = new LinkedHashSet<>();

  @Option(names = "--start-at-task", paramLabel = "NAME", description = "begin at the task with this name")
  String startAtTask;

  @Option(names = {"-f", "--forks"}, paramLabel = "N", defaultValue = "20",
      description = "hosts worked on in parallel (default: ${DEFAULT-VALUE})")
  int forks;

  @Option(names = {"-y", "--yes"}, description = "answer yes to pauses and confirmations")
  boolean yes;

  @Option(names = {"-o", "--output"}, paramLabel = "human|json", defaultValue = "human",
      description = "human (default) or json (JSON Lines on stdout, one event per line)")
  Output output;

  @Option(names = "--journal", paramLabel = "DIR", defaultValue = ".opsplay/runs",
      description = "the journal's folder (default: ${DEFAULT-VALUE})")
  java.nio.file.Path journal;

  @Option(names = "--resume", paramLabel = "RUN_ID|last",
      description = "run again, skipping every task-host pair that run finished (last: the newest run of this playbook)")
  String resume;

  @Option(names = "-v", description = "more output: -v shows every command's output, -vv also every planned step")
  boolean[] verbose = new boolean[0];

  /** The two report formats. */
  enum Output { human, json }
}
