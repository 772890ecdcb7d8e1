package opsplay.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The opsplay command: wires picocli, its subcommands, the output streams and the exit codes. */
@Command(name = "opsplay", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Runs version-controlled operations procedures for database clusters:",
        "YAML playbooks run across hosts over SSH, with a dry-run preview of every",
        "command before anything is touched.", ""},
    footer = {"", "Exit codes: 0 ok, 1 unexpected error, 2 a task failed, 3 a host was unreachable,",
        "4 invalid playbook/inventory/template/expression (nothing ran), 5 bad options,",
        "99 interrupted.", "", "Examples:", "  opsplay check examples/hello.yml -i inventory/local.yml",
        "  opsplay run site.yml -i hosts.ini --limit 'kwdb:!n1' -e kw_port=26257",
        "  inv=$(opsplay lab up kwdb --detach)", "  opsplay run playbooks/kwdb/scale-out-cli.yml -i \"$inv\""})
public final class Main implements Runnable {
  /** The subcommands, in the order --help lists them. */
  private static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("run", RunCommand.class);
    commands.put("check", CheckCommand.class);
    commands.put("lint", LintCommand.class);
    commands.put("list", ListCommand.class);
    commands.put("lab", LabCommand.class);
    commands.put("help", CommandLine.HelpCommand.class);
    commands.put("completion", CompletionCommand.class);
    return Collections.unmodifiableMap(commands);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Prints usage when no subcommand is given. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // picocli offers converters for java.time and java.sql types by loading (and so initialising)
    // those classes; no option here has such a type, and skipping them saves 100 classes, 12 ms
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java\\.(time|sql)\\..*");
    }
    PrintWriter out = new PrintWriter(System.out, false);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = commandLine(out, err, System.getenv(), System.console() != null, args).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * The CLI for {@code args} with its streams, environment and terminal flag injected, so tests
   * run it as a black box.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal,
      String... args) {
    return commandLine(new Environment(out, err, env, terminal), args);
  }

  /**
   * The CLI for {@code args}, with everything it gets from outside given (tests add their own lab
   * models this way). When the first argument names a command (run, check, lint, list, lab), only
   * that one is made: picocli reads every command's annotations, which costs 25 ms for all of them.
   * Otherwise (help, completion, none, a mistyped name) all are, for the listing and did-you-mean.
   */
  public static CommandLine commandLine(Environment environment, String... args) {
    PrintWriter out = environment.out();
    PrintWriter err = environment.err();
    Map<String, String> env = environment.env();
    Factory factory = new Factory(environment);
    CommandLine cl = new CommandLine(new Main(), factory);
    String first = args.length > 0 ? args[0] : "";
    boolean one = COMMANDS.containsKey(first) && !first.equals("help") && !first.equals("completion");
    for (Map.Entry<String, Class<?>> command : COMMANDS.entrySet()) {
      if (!one || command.getKey().equals(first)) cl.addSubcommand(command.getKey(), create(factory, command.getValue()));
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setExpandAtFiles(false); // -e @vars.yml is an extra-vars file, as in ansible-playbook, not a picocli argument file
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(environment.style().colour()
        ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cl.setParameterExceptionHandler((e, a) -> {
      err.println("opsplay: " + e.getMessage());
      String advice = e instanceof CommandLine.UnmatchedArgumentException u ? AnsibleOptions.advice(u.getUnmatched()) : null;
      if (advice != null) err.println(advice);
      else CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCode.USAGE.code;
    });
    cl.setExecutionExceptionHandler((e, c, p) -> {
      err.println("opsplay: unexpected error: " + e);
      if (env.containsKey("OPSPLAY_DEBUG")) e.printStackTrace(err);
      return ExitCode.ERROR.code;
    });
    return cl;
  }

  private static Object create(Factory factory, Class<?> command) {
    try {
      return factory.create(command);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the command " + command.getSimpleName(), e);
    }
  }

  /** Gives every command the injected environment. */
  private record Factory(Environment environment) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.getDeclaredConstructor(Environment.class).newInstance(environment);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }

  /** Reads the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"opsplay " + (v == null ? "0.1.0" : v),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }
}
