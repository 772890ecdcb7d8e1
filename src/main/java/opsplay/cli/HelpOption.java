package opsplay.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} for a subcommand: its usage, exit 0. (The top command has picocli's standard
 * {@code -h} and {@code -V}; a version option on each subcommand would only repeat it.)
 */
public final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;
}
