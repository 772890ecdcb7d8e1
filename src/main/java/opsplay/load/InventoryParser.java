package opsplay.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.core.Diagnostics;
import opsplay.core.Inventory;
import opsplay.core.Node;
import opsplay.core.SourcePos;

/**
 * Reads inventories in Ansible's YAML and INI shapes (a file, or a directory of them), then the
 * {@code group_vars/} and {@code host_vars/} folders beside each. Every problem goes to
 * Diagnostics with its position. With no inventory at all, the run has one host,
 * {@code localhost}, that runs on the controller.
 */
public final class InventoryParser {
  private static final List<String> GROUP_KEYS = List.of("hosts", "vars", "children");
  private final Diagnostics diagnostics;
  private final YamlLoader yaml;
  private final InventoryDraft draft;
  private final VarChecks checks;
  private final LabHook labs;
  private SourcePos labKey; // where the first lab: key was written

  public InventoryParser(Diagnostics diagnostics) {
    this(diagnostics, LabHook.IGNORE);
  }

  /** A parser that asks {@code labs} for the hosts of a {@code lab:} key and reads them too. */
  public InventoryParser(Diagnostics diagnostics, LabHook labs) {
    this.diagnostics = diagnostics;
    this.yaml = new YamlLoader(diagnostics);
    this.draft = new InventoryDraft(diagnostics);
    this.checks = new VarChecks(diagnostics);
    this.labs = labs;
  }

  public Inventory parse(List<Path> sources) {
    if (sources.isEmpty()) {
      draft.host("all", "localhost", SourcePos.of("implicit localhost"));
      draft.hostVars("localhost", Map.of("connection", "local"));
    }
    List<Path> dirs = new ArrayList<>();
    for (Path source : sources) {
      if (isHostList(source)) {
        hostList(source.toString());
      } else if (Files.isDirectory(source)) {
        filesIn(source).forEach(this::file);
        dirs.add(source);
      } else {
        file(source);
        dirs.add(source.toAbsolutePath().getParent());
      }
    }
    labInventory();
    for (Path dir : dirs) varsFolders(dir);
    return draft.build();
  }

  /**
   * Whether {@code -i} gave host names rather than a file: as in ansible-playbook, a value with a
   * comma that is not a path, such as {@code n1,n2} or {@code 10.0.0.5,} (one host).
   */
  public static boolean isHostList(Path source) {
    return source.toString().contains(",") && !Files.exists(source);
  }

  private void hostList(String names) {
    SourcePos pos = SourcePos.of(names);
    for (String name : names.split(",")) {
      String host = name.strip();
      if (host.isEmpty()) continue;
      if (host.matches("[A-Za-z0-9_.:\\[\\]-]+")) {
        draft.host("all", host, pos);
      } else {
        diagnostics.error(pos, "'" + host + "' is not a host name", "separate host names with commas: -i n1,n2 (or -i n1, for one)");
      }
    }
  }

  /** Reads the inventory of the lab a {@code lab:} key asked for, after the files that name it. */
  private void labInventory() {
    if (labKey == null) return;
    try {
      Path inventory = labs.inventory(draft.labSettings());
      if (inventory != null) file(inventory);
    } catch (IllegalArgumentException e) {
      diagnostics.error(labKey, e.getMessage(), "for example lab: {kind: kwdb, nodes: 3, spare: 1, speed: 10}");
    } catch (java.io.UncheckedIOException e) {
      diagnostics.error(labKey, "cannot lay out the lab: " + e.getMessage());
    }
  }

  private List<Path> filesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().matches("(\\..*|.*~|.*\\.(md|txt|retry|orig|bak))"))
          .sorted().toList();
    } catch (IOException e) {
      diagnostics.error(SourcePos.of(dir.toString()), "cannot read the inventory folder: " + e.getMessage());
      return List.of();
    }
  }

  private void file(Path path) {
    String text = read(path);
    if (text == null) return;
    String name = path.getFileName().toString();
    boolean yamlFile = name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json");
    if (!yamlFile && looksLikeIni(text)) {
      new IniInventory(draft, checks, diagnostics).read(text, path.toString());
      return;
    }
    Node root = yaml.load(text, path.toString());
    if (root == null) return;
    if (!root.isMap()) {
      diagnostics.error(root.pos(), "an inventory is a mapping of groups (all: {hosts: …, children: …}), found a "
          + root.typeName(), "see inventory/local.yml for the shape");
      return;
    }
    root.map().forEach((key, value) -> {
      if (key.equals("lab")) lab(value, root.keyPos(key));
      else group(key, value, null, root.keyPos(key));
    });
  }

  private static boolean looksLikeIni(String text) {
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) continue;
      return t.startsWith("[") || !t.contains(":");
    }
    return false;
  }

  private String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      diagnostics.error(SourcePos.of(path.toString()), "cannot read the inventory: " + describe(e),
          "check the path given with -i");
      return null;
    }
  }

  static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
  }

  private void lab(Node value, SourcePos pos) {
    if (!value.isMap()) {
      diagnostics.error(value.pos(), "lab: expected a mapping such as {kind: kwdb, nodes: 3, spare: 1}, found a " + value.typeName());
      return;
    }
    if (labKey != null) {
      diagnostics.error(pos, "a second lab: key (the first is at " + labKey + "): one inventory starts one lab");
      return;
    }
    labKey = pos;
    @SuppressWarnings("unchecked")
    Map<String, Object> settings = (Map<String, Object>) value.plain();
    draft.lab(settings);
  }

  private void group(String name, Node node, String parent, SourcePos pos) {
    draft.group(name, pos);
    if (parent != null) draft.child(parent, name, pos);
    if (node == null || node.isNull()) return;
    if (!node.isMap()) {
      diagnostics.error(node.pos(), "group '" + name + "': expected a mapping with hosts, vars or children, found a "
          + node.typeName());
      return;
    }
    node.map().forEach((key, value) -> {
      switch (key) {
        case "hosts" -> hosts(name, value);
        case "vars" -> draft.groupVars(name, checks.vars(value, "group '" + name + "' vars"));
        case "children" -> children(name, value);
        default -> diagnostics.unknown(node.keyPos(key), "key in group '" + name + "':", key, GROUP_KEYS);
      }
    });
  }

  private void hosts(String group, Node hosts) {
    if (hosts.isNull()) return;
    if (!hosts.isMap()) {
      diagnostics.error(hosts.pos(), "hosts: expected a mapping of host names (n1: {address: …}), found a "
          + hosts.typeName(), "write each host as 'name:' on its own line, with its variables below it");
      return;
    }
    hosts.map().forEach((pattern, vars) -> {
      SourcePos pos = hosts.keyPos(pattern);
      for (String host : HostRanges.expand(pattern, pos, diagnostics)) {
        draft.host(group, host, pos);
        if (vars != null && !vars.isNull()) draft.hostVars(host, checks.vars(vars, "host '" + host + "'"));
      }
    });
  }

  private void children(String parent, Node children) {
    if (children.isNull()) return;
    if (!children.isMap()) {
      diagnostics.error(children.pos(), "children: expected a mapping of group names, found a " + children.typeName());
      return;
    }
    children.map().forEach((name, value) -> group(name, value, parent, children.keyPos(name)));
  }

  /** group_vars/NAME(.yml|.yaml|.json| or a folder of files) and host_vars/NAME likewise. */
  private void varsFolders(Path dir) {
    for (String group : List.copyOf(draft.groupNames())) {
      Map<String, Object> vars = varsFiles(dir.resolve("group_vars"), group);
      if (!vars.isEmpty()) draft.groupVars(group, vars);
    }
    for (String host : List.copyOf(draft.hostNames())) {
      Map<String, Object> vars = varsFiles(dir.resolve("host_vars"), host);
      if (!vars.isEmpty()) draft.hostVars(host, vars);
    }
  }

  private Map<String, Object> varsFiles(Path folder, String name) {
    Map<String, Object> vars = new LinkedHashMap<>();
    if (!Files.isDirectory(folder)) return vars;
    List<Path> files = new ArrayList<>();
    for (String ext : List.of("", ".yml", ".yaml", ".json")) {
      Path p = folder.resolve(name + ext);
      if (Files.isRegularFile(p)) files.add(p);
      else if (ext.isEmpty() && Files.isDirectory(p)) files.addAll(filesIn(p));
    }
    for (Path f : files) {
      String text = read(f);
      Node root = text == null ? null : yaml.load(text, f.toString());
      if (root != null) vars.putAll(checks.vars(root, f.getFileName().toString()));
    }
    return vars;
  }
}
