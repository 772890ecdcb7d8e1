package opsplay.expr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.core.Compiler;
import opsplay.core.Condition;
import opsplay.core.Diagnostics;
import opsplay.core.Node;
import opsplay.core.SourcePos;
import opsplay.core.Template;
import opsplay.core.Value;

/** The playbook's {@link Compiler}: Mustache for templates, the JEXL sandbox for conditions, both for values. */
public final class Expressions implements Compiler {
  /** A string that is exactly one {{ X }} tag, X not a section, partial, comment, delimiter or {{{ }}}/{{& }} tag. */
  private static final Pattern WHOLE_TAG = Pattern.compile("\\{\\{(?![#^/>!=&{<$])\\s*(.*?)\\s*}}", Pattern.DOTALL);
  /** A variable path as Mustache reads it: {@code count}, {@code groups.kwdb.0}, {@code hostvars.kw-1.address}. */
  private static final Pattern PATH = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_-]*(\\.[\\p{L}\\p{N}_-]+)*");
  /** A plain YAML scalar cannot start with these or contain ": " or " #", so such a string was quoted. */
  private static final Pattern QUOTED_ONLY = Pattern.compile("^[\"'{\\[!&*|>%@`#].*|.*(: | #).*", Pattern.DOTALL);

  private final Diagnostics diagnostics;
  private final MustacheTemplates templates;
  private final SandboxConditions conditions;

  /**
   * A compiler reporting to {@code diagnostics}; partials and template files are read from
   * {@code templatesDir}, which may be null when there are none.
   */
  public Expressions(Diagnostics diagnostics, Path templatesDir) {
    this.diagnostics = diagnostics;
    this.templates = new MustacheTemplates(diagnostics, templatesDir);
    this.conditions = new SandboxConditions(diagnostics);
  }

  /**
   * The file {@code relativePath} under the templates directory as a template (for actions that
   * render whole files); see {@link MustacheTemplates#file}.
   */
  @Override
  public Template file(String relativePath, SourcePos pos) {
    return templates.file(relativePath, pos);
  }

  /** A scalar as a Mustache template (numbers and booleans as their text); anything else is an error. */
  @Override
  public Template template(Node node) {
    if (!node.isScalar()) {
      diagnostics.error(node.pos(), "expected a string, found a " + node.typeName());
      return Placeholders.template(node.pos(), "");
    }
    return templates.compile(node.text(), node.pos());
  }

  /**
   * A string as a sandboxed expression; a boolean or number as a constant; a list as "all of
   * these" (as Ansible's {@code when}). Null, mappings and list items that are not scalars are errors.
   */
  @Override
  public Condition condition(Node node) {
    if (node.value() instanceof Boolean || node.value() instanceof Number) {
      return new ConstantCondition(node.pos(), node.text(), node.value());
    }
    if (node.value() instanceof String text) {
      return conditions.compile(text, node.pos(), QUOTED_ONLY.matcher(text).matches() ? 1 : 0);
    }
    if (node.isList() && !node.list().isEmpty()) {
      List<Condition> all = new ArrayList<>();
      for (Node item : node.list()) all.add(item.isScalar() && !item.isNull() ? condition(item) : notAnExpression(item));
      return new AllConditions(node.pos(), sourceOf(node), all);
    }
    return notAnExpression(node);
  }

  private Condition notAnExpression(Node node) {
    String found = node.isNull() ? "nothing" : (node.isList() ? "an empty list" : "a " + node.typeName());
    diagnostics.error(node.pos(), "expected an expression, found " + found,
        "write a condition such as: result.rc == 0 && result.stdout =~ '.*done.*'");
    return Placeholders.condition(node.pos(), node.text());
  }

  private static String sourceOf(Node list) {
    List<String> parts = new ArrayList<>();
    for (Node item : list.list()) parts.add(item.text());
    return "[" + String.join(", ", parts) + "]";
  }

  /**
   * A value of the same shape as the node: mappings and lists element by element, other scalars
   * as constants, a string that is exactly one {@code {{ X }}} typed (a variable path looked up, or
   * else an expression evaluated), any other string with tags rendered as a template.
   */
  @Override
  public Value value(Node node) {
    if (node.isMap()) {
      Map<String, Value> entries = new LinkedHashMap<>();
      node.map().forEach((key, item) -> entries.put(key, value(item)));
      return new Values.MapOf(node.pos(), entries);
    }
    if (node.isList()) {
      List<Value> items = new ArrayList<>();
      for (Node item : node.list()) items.add(value(item));
      return new Values.ListOf(node.pos(), items);
    }
    if (!(node.value() instanceof String text) || !text.contains("{{")) return new Values.Constant(node.pos(), node.value());
    Matcher whole = WHOLE_TAG.matcher(text);
    if (!whole.matches() || whole.group(1).contains("{{") || whole.group(1).contains("}}")) {
      return new Values.Rendered(node.pos(), templates.compile(text, node.pos()));
    }
    String inside = whole.group(1);
    if (PATH.matcher(inside).matches()) return new Values.Named(node.pos(), inside);
    // a string that starts with "{{" must be quoted in YAML, hence the 1 for the quote
    Condition expression = conditions.compile(inside, node.pos(), 1 + whole.start(1));
    return new Values.Computed(node.pos(), expression);
  }
}
