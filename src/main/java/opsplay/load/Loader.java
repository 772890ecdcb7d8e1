package opsplay.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import opsplay.actions.Actions;
import opsplay.core.Diagnostics;
import opsplay.core.EvalException;
import opsplay.core.Inventory;
import opsplay.core.Node;
import opsplay.core.Play;
import opsplay.core.Playbook;
import opsplay.core.SourcePos;
import opsplay.expr.Expressions;

/**
 * Loads everything a run needs and checks it without contacting a host: extra vars, the
 * inventory, the playbook with its templates and expressions, host patterns, and the names the
 * templates use. Every problem ends up in the returned Diagnostics.
 */
public final class Loader {
  private final LabHook labs;
  private final boolean inventoryChecks;

  /** A loader that ignores an inventory's {@code lab:} key. */
  public Loader() {
    this(LabHook.IGNORE);
  }

  /** A loader that reads the hosts of the lab an inventory's {@code lab:} key asks for from {@code labs}. */
  public Loader(LabHook labs) {
    this(labs, true);
  }

  /**
   * {@code inventoryChecks} false: host patterns and variable names are not checked, since
   * without an inventory (lint with no -i) every group and inventory variable would be "unknown".
   */
  public Loader(LabHook labs, boolean inventoryChecks) {
    this.labs = labs;
    this.inventoryChecks = inventoryChecks;
  }

  /** Loads {@code playbook} against {@code inventories} with {@code -e} values. */
  public Loaded load(Path playbook, List<Path> inventories, List<String> extraVars) {
    Diagnostics diagnostics = new Diagnostics();
    Map<String, Object> extra = extraVars(extraVars, diagnostics);
    // Neither needs the other, so the inventory is read on a second core while the playbook is parsed.
    CompletableFuture<Inventory> reading = CompletableFuture.supplyAsync(
        () -> new InventoryParser(diagnostics, labs).parse(inventories));
    Recorded compiler = new Recorded(new Expressions(diagnostics, templatesDir(playbook)));
    Playbook parsed = new PlaybookParser(diagnostics, compiler, new Actions()).parse(playbook);
    Inventory inventory = joined(reading);
    // an inventory that cannot be read is reported by its parser; checked against what is left,
    // every host pattern and inventory variable would be reported unknown as well
    boolean allRead = inventories.stream().allMatch(i -> Files.isReadable(i) || InventoryParser.isHostList(i));
    if (!inventoryChecks || !allRead) return new Loaded(diagnostics, parsed, inventory, extra);
    new NameCheck(diagnostics).check(parsed, inventory, extra, compiler.items());
    for (Play play : parsed.plays()) {
      if (play.hosts() == null) continue;
      if (play.hosts().names().isEmpty()) HostPattern.check(play.hosts().source(), inventory, play.hosts().pos(), diagnostics);
      else checkRendered(play, inventory, extra, diagnostics);
    }
    return new Loaded(diagnostics, parsed, inventory, extra);
  }

  /** A templated {@code hosts:} is known now ({@link Play#hostPattern}): what it names must exist before anything runs. */
  private static void checkRendered(Play play, Inventory inventory, Map<String, Object> extra, Diagnostics diagnostics) {
    String pattern;
    try {
      pattern = play.hostPattern(inventory, extra);
    } catch (EvalException e) {
      return; // an undefined name, which NameCheck reports; anything else the runner reports with the play
    }
    try {
      HostPattern.select(pattern, inventory);
    } catch (IllegalArgumentException e) {
      diagnostics.error(play.hosts().pos(), "hosts '" + pattern + "' (rendered): " + e.getMessage(),
          "check the -e values and the inventory's groups it is made of");
    }
  }

  /** What {@code reading} gave, or what it threw, as it threw it. */
  private static <T> T joined(CompletableFuture<T> reading) {
    try {
      return reading.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error r) throw r;
      throw e;
    }
  }

  /**
   * The {@code templates/} folder for partials and file templates: the nearest one in the
   * playbook's folder or above it (playbooks/kwdb/x.yml finds the repository's templates/).
   */
  static Path templatesDir(Path playbook) {
    for (Path dir = playbook.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("templates"))) return dir.resolve("templates");
    }
    return null;
  }

  /** {@code -e key=value [key2=value2]}, {@code -e @vars.yml} or {@code -e '{"key": 1}'}; later ones win. */
  static Map<String, Object> extraVars(List<String> args, Diagnostics diagnostics) {
    Map<String, Object> out = new LinkedHashMap<>();
    YamlLoader yaml = new YamlLoader(diagnostics);
    for (String arg : args) {
      if (arg.startsWith("@")) {
        Path file = Path.of(arg.substring(1));
        try {
          out.putAll(mapping(yaml.load(Files.readString(file), file.toString()), "-e " + arg, diagnostics));
        } catch (IOException e) {
          diagnostics.error(SourcePos.of("-e " + arg), "cannot read " + file + ": " + InventoryParser.describe(e));
        }
      } else if (arg.strip().startsWith("{")) {
        out.putAll(mapping(yaml.load(arg, "-e"), "-e " + arg, diagnostics));
      } else {
        for (String pair : arg.strip().split("\\s+")) {
          int eq = pair.indexOf('=');
          if (eq > 0) out.put(pair.substring(0, eq), pair.substring(eq + 1));
          else diagnostics.error(SourcePos.of("-e " + arg), "expected KEY=VALUE, found '" + pair + "'",
              "write -e name=value, -e @vars.yml or -e '{\"name\": 1}'");
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapping(Node root, String what, Diagnostics diagnostics) {
    if (root == null) return Map.of();
    if (!root.isMap()) {
      diagnostics.error(root.pos(), what + ": expected a mapping of variables, found a " + root.typeName());
      return Map.of();
    }
    return (Map<String, Object>) root.plain();
  }
}
