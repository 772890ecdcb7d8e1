package opsplay.cli;

import picocli.CommandLine.Command;

/** {@code opsplay check}: the same as {@code run --check}, the dry-run preview. */
@Command(name = "check", description = {"Preview a run; change nothing.",
    "Shows every command each host would get. Guards (creates/removes/unless),",
    "read-only probes and check_mode: false tasks do run."}, sortOptions = false)
public final class CheckCommand extends RunCommand {
  public CheckCommand(Environment env) {
    super(env);
  }

  @Override
  boolean checkOnly() {
    return true;
  }
}
