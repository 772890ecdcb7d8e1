package opsplay.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** Prints a bash/zsh completion script: {@code source <(opsplay completion)}. */
@Command(name = "completion", description = "Print a bash/zsh completion script: source <(opsplay completion)")
public final class CompletionCommand extends AutoComplete.GenerateCompletion {}
