package opsplay.expr;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.MustacheResolver;
import com.github.mustachejava.ObjectHandler;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.CommentCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.PartialCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.codes.WriteCode;
import com.github.mustachejava.util.Wrapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.core.Diagnostics;
import opsplay.core.EvalException;
import opsplay.core.Shell;
import opsplay.core.SourcePos;
import opsplay.core.Template;
import opsplay.core.Vars;
import opsplay.expr.SectionScopes.Missing;
import opsplay.json.Json;

/**
 * The one class that touches mustache.java: compiles strings and template files into strict,
 * unescaped {@link Template}s with the {@code shell_quote} and {@code json} lambdas.
 */
public final class MustacheTemplates {
  static final String SHELL_QUOTE = "shell_quote";
  static final String JSON = "json";
  /** The name mustache.java gets for strings; no file can be called this. */
  private static final String STRING = "<string>";
  private static final String EXTENSION = ".mustache";
  /** What a tag may hold: "." or dotted segments of letters, digits, '_' and '-'. */
  private static final Pattern NAME = Pattern.compile("\\.|[\\p{L}\\p{N}_-]+(\\.[\\p{L}\\p{N}_-]+)*");
  private static final Pattern UNCLOSED = Pattern.compile("Failed to close '(.*)' tag");
  private static final Pattern MISMATCHED = Pattern.compile("Mismatched start/end tags: (.*) != (.*?) in ");
  /** mustache.java appends " @[file:line]" to its messages; ours say where on their own. */
  private static final String CONTEXT_SUFFIX = " @\\[[^\\]]*\\]$";

  private final Diagnostics diagnostics;
  private final Path templatesDir;
  private final DefaultMustacheFactory factory;

  /**
   * Templates whose problems go to {@code diagnostics}. Partials and {@link #file} read from
   * {@code templatesDir}; null means there are none.
   */
  public MustacheTemplates(Diagnostics diagnostics, Path templatesDir) {
    this.diagnostics = diagnostics;
    this.templatesDir = templatesDir == null ? null : templatesDir.toAbsolutePath().normalize();
    Path dir = this.templatesDir;
    this.factory = new Factory(name -> {
      String text = read(dir, name);
      return text == null ? null : new StringReader(text);
    }, new StrictNames(new Json()));
  }

  /**
   * Compiles {@code source}, written at {@code pos}. A syntax error, a missing partial or a tag
   * that holds no name is reported at {@code pos}, and a placeholder that fails if rendered is returned.
   */
  public Template compile(String source, SourcePos pos) {
    return compile(source, pos, STRING);
  }

  /**
   * Compiles the file {@code relativePath} under the templates directory. {@code pos} is where the
   * file is named: a missing file is reported there and render errors carry it; syntax errors
   * point into the file itself.
   */
  public Template file(String relativePath, SourcePos pos) {
    String text;
    try {
      text = read(templatesDir, relativePath);
    } catch (MustacheException e) {
      diagnostics.error(pos, e.getMessage().replaceAll(CONTEXT_SUFFIX, ""));
      return Placeholders.template(pos, relativePath);
    }
    if (text != null) return compile(text, pos, relativePath);
    diagnostics.error(pos, "template file '" + relativePath + "' not found" + where(relativePath), lookHint());
    return Placeholders.template(pos, relativePath);
  }

  private Template compile(String source, SourcePos pos, String name) {
    Mustache mustache;
    try {
      mustache = factory.compile(new StringReader(source), name);
    } catch (MustacheNotFoundException e) {
      String partial = e.getName().endsWith(EXTENSION) ? e.getName().substring(0, e.getName().length() - EXTENSION.length()) : e.getName();
      diagnostics.error(pos, "partial '{{> " + partial + "}}' not found" + where(e.getName()), lookHint());
      return Placeholders.template(pos, source);
    } catch (MustacheException e) {
      reportSyntax(e, pos, name, source);
      return Placeholders.template(pos, source);
    }
    Set<String> names = new LinkedHashSet<>();
    List<Problem> problems = new ArrayList<>();
    collect(mustache.getCodes(), true, names, problems);
    problems.forEach(p -> diagnostics.error(pos, p.message(), p.hint()));
    return problems.isEmpty() ? new Compiled(pos, source, Collections.unmodifiableSet(names), mustache) : Placeholders.template(pos, source);
  }

  /** A tag that compiles but cannot mean anything. */
  private record Problem(String message, String hint) {}

  /**
   * Names referenced outside sections (first path segment) and section names; lambdas open no
   * scope, so their bodies count as outside. Also reports tags that hold no variable name.
   */
  private static void collect(Code[] codes, boolean outside, Set<String> names, List<Problem> problems) {
    if (codes == null) return;
    for (Code code : codes) {
      if (code instanceof PartialCode || code instanceof WriteCode || code instanceof CommentCode) continue;
      String name = code.getName();
      boolean section = code instanceof IterableCode;
      if (SHELL_QUOTE.equals(name) || JSON.equals(name)) {
        if (section && !(code instanceof NotIterableCode)) collect(code.getCodes(), outside, names, problems);
        else problems.add(new Problem("'" + name + "' is a lambda and works only as a section", "write {{#" + name + "}}…{{/" + name + "}}"));
      } else if (section || code instanceof ValueCode) {
        if (!NAME.matcher(name).matches()) problems.add(badName(name));
        else if (outside && !name.equals(".")) names.add(name.split("\\.")[0]);
        if (section) collect(code.getCodes(), false, names, problems);
      } else {
        collect(code.getCodes(), outside, names, problems);
      }
    }
  }

  private static Problem badName(String name) {
    if (name.isBlank()) return new Problem("empty tag in template", "write a variable name between {{ and }}");
    return new Problem("'{{" + name + "}}' does not hold a variable name",
        (name.contains("|") ? "Mustache has no filters; " : "")
            + "a tag holds a name such as {{host}} or {{groups.kwdb.0}}; expressions belong in conditions"
            + " (when, until, …) or in a value that is exactly one {{ expression }}");
  }

  private void reportSyntax(MustacheException e, SourcePos pos, String name, String source) {
    String raw = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll(CONTEXT_SUFFIX, "");
    TemplateContext tc = e.getContext();
    SourcePos at = pos;
    String suffix = "";
    if (tc != null && !STRING.equals(tc.file())) {
      at = new SourcePos(templatesDir == null ? tc.file() : templatesDir.resolve(tc.file()).toString(), tc.line(), 1);
      if (!tc.file().equals(name)) suffix = " (in partial '" + tc.file() + "' line " + tc.line() + ")";
    } else if (tc != null && source.contains("\n")) {
      suffix = " (line " + tc.line() + " of the template)";
    }
    Problem problem = explain(raw);
    diagnostics.error(at, problem.message() + suffix, problem.hint());
  }

  /** mustache.java's parser messages, in the words of someone writing a playbook. */
  private static Problem explain(String raw) {
    Matcher unclosed = UNCLOSED.matcher(raw);
    if (unclosed.find()) return new Problem("unclosed section '{{#" + unclosed.group(1) + "}}'", "close it with {{/" + unclosed.group(1) + "}}");
    Matcher mismatch = MISMATCHED.matcher(raw);
    if (mismatch.find() && mismatch.group(1).equals("null")) {
      String n = mismatch.group(2);
      return new Problem("'{{/" + n + "}}' closes no open section", "remove it, or open the section with {{#" + n + "}}");
    }
    if (mismatch.find(0)) {
      return new Problem("section '{{#" + mismatch.group(1) + "}}' is closed by '{{/" + mismatch.group(2) + "}}'",
          "close it with {{/" + mismatch.group(1) + "}}");
    }
    if (raw.startsWith("Improperly closed variable")) {
      return new Problem("unclosed tag: '{{' without its '}}'", "close the tag with }} (or }}} after {{{)");
    }
    if (raw.startsWith("Empty mustache")) return new Problem("empty tag '{{}}'", "write a variable name between {{ and }}");
    return new Problem("invalid template: " + raw, "see https://mustache.github.io/mustache.5.html for the syntax");
  }

  private String where(String name) {
    if (templatesDir == null) return ": there is no templates directory";
    Path file = templatesDir.resolve(name).normalize();
    return file.startsWith(templatesDir) ? ": no file " + file : ": it is outside the templates directory " + templatesDir;
  }

  private String lookHint() {
    return templatesDir == null ? "partials and template files need a templates directory"
        : "files are read from " + templatesDir + "; check the name or create the file";
  }

  /** The text of {@code name} under {@code dir}, or null when there is no such file inside it. */
  private static String read(Path dir, String name) {
    if (dir == null) return null;
    Path file = dir.resolve(name.startsWith("/") ? name.substring(1) : name).normalize();
    if (!file.startsWith(dir) || !Files.isRegularFile(file)) return null;
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new MustacheException("cannot read template file " + file + ": " + e.getMessage());
    }
  }

  /** A compiled template; mustache.java's Mustache is safe to execute from many threads. */
  private record Compiled(SourcePos pos, String source, Set<String> names, Mustache mustache) implements Template {
    @Override
    public String render(Vars vars) {
      StringWriter out = new StringWriter();
      try {
        mustache.execute(out, vars.asMap());
      } catch (RuntimeException e) {
        throw evalError(e, pos);
      }
      return out.toString();
    }

    /** mustache.java wraps what the name handler throws; the message we want is inside. */
    private static EvalException evalError(RuntimeException e, SourcePos pos) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof EvalException found) return new EvalException(pos, found.getMessage());
      }
      String raw = String.valueOf(e.getMessage()).replaceAll(CONTEXT_SUFFIX, "");
      return new EvalException(pos, "cannot render template: " + raw);
    }
  }

  /** No HTML escaping; partial names are relative to the templates directory, whoever includes them. */
  private static final class Factory extends DefaultMustacheFactory {
    Factory(MustacheResolver resolver, ObjectHandler names) {
      super(resolver);
      setObjectHandler(names);
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String resolvePartialPath(String dir, String name, String extension) {
      String path = name.startsWith("/") ? name.substring(1) : name;
      return path.endsWith(EXTENSION) ? path : path + EXTENSION;
    }
  }

  /**
   * Resolves every name on each call (so mustache.java's binding cache holds nothing stale) and
   * turns a missing name into an {@link EvalException} instead of "". Stateless, so thread-safe.
   */
  private static final class StrictNames implements ObjectHandler {
    private final Function<String, String> shellQuote = Shell::quote;
    private final Function<String, String> json;
    private final Json jsonWriter;

    StrictNames(Json jsonWriter) {
      this.jsonWriter = jsonWriter;
      this.json = jsonWriter::write;
    }

    @Override
    public Wrapper find(String name, List<Object> scopes) {
      return s -> lookup(name, s);
    }

    @Override
    public Binding createBinding(String name, TemplateContext tc, Code code) {
      return scopes -> lookup(name, scopes);
    }

    private Object lookup(String name, List<Object> scopes) {
      if (SHELL_QUOTE.equals(name)) return shellQuote;
      if (JSON.equals(name)) return json;
      return SectionScopes.find(name, scopes);
    }

    @Override
    public Object coerce(Object object) {
      return object;
    }

    @Override
    public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
      if (isFalse(defined(object))) return writer;
      if (!(object instanceof Collection<?> items)) return iteration.next(writer, object, scopes);
      for (Object item : items) writer = iteration.next(writer, item == null ? SectionScopes.NULL_ITEM : item, scopes);
      return writer;
    }

    @Override
    public Writer falsey(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
      return isFalse(defined(object)) ? iteration.next(writer, object, scopes) : writer;
    }

    @Override
    public String stringify(Object object) {
      Object value = defined(object);
      return value instanceof Map || value instanceof Collection ? jsonWriter.write(value) : value.toString();
    }

    private static Object defined(Object object) {
      if (object instanceof Missing missing) throw new EvalException(null, missing.message());
      return object;
    }

    /** Mustache's rule: false, null, "" and empty lists hide a section; 0 and maps do not. */
    private static boolean isFalse(Object v) {
      return v == null || v == SectionScopes.NULL_ITEM || Boolean.FALSE.equals(v) || "".equals(v)
          || v instanceof Collection<?> c && c.isEmpty();
    }
  }
}
