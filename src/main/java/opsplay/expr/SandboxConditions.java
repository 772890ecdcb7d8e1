package opsplay.expr;

import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import opsplay.core.Condition;
import opsplay.core.Diagnostics;
import opsplay.core.EvalException;
import opsplay.core.SourcePos;
import opsplay.core.Vars;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.JexlOperator;
import org.apache.commons.jexl3.JexlOptions;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.internal.Engine;
import org.apache.commons.jexl3.internal.Frame;
import org.apache.commons.jexl3.internal.Interpreter;
import org.apache.commons.jexl3.internal.introspection.Uberspect;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlPropertyGet;
import org.apache.commons.jexl3.introspection.JexlPropertySet;
import org.apache.commons.jexl3.introspection.JexlSandbox;
import org.apache.commons.jexl3.introspection.JexlUberspect;
import org.apache.commons.jexl3.parser.ASTEmptyFunction;
import org.apache.commons.jexl3.parser.ASTSizeFunction;
import org.apache.commons.logging.impl.NoOpLog;

/**
 * The one class that touches Apache Commons JEXL: compiles condition strings into strict,
 * sandboxed {@link Condition}s that read variables and nothing else.
 */
public final class SandboxConditions {

  private final Diagnostics diagnostics;
  private final JexlEngine engine;

  /** Conditions whose syntax errors go to {@code diagnostics}. */
  public SandboxConditions(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    JexlUberspect.ResolverStrategy strategy = (operator, object) -> List.of(DataOnly.KEYS);
    NoOpLog log = new NoOpLog();
    this.engine = new StrictSizeEngine(new JexlBuilder()
        .features(features())
        .arithmetic(new DataArithmetic(true, null, Integer.MIN_VALUE))
        // made here rather than by the engine, which would look up commons-logging's LogFactory
        // (a class path search) only to compare it with the logger given
        .uberspect(new Uberspect(log, strategy, JexlPermissions.RESTRICTED))
        .sandbox(sandbox())
        .strategy(strategy)
        .strict(true)
        .safe(false)
        .silent(false)
        .logger(log));
  }

  /**
   * Compiles an expression written as a plain scalar at {@code pos}. A syntax error is reported
   * at its own column and a placeholder that fails if evaluated is returned.
   */
  public Condition compile(String expression, SourcePos pos) {
    return compile(expression, pos, 0);
  }

  /**
   * Compiles an expression whose first character is {@code shift} columns right of {@code pos}
   * (after a quote, or inside {@code {{ }}}). Evaluation errors carry {@code pos}.
   */
  public Condition compile(String expression, SourcePos pos, int shift) {
    if (expression.isBlank()) {
      diagnostics.error(pos, "expected an expression, found nothing", SyntaxErrors.EXAMPLE);
      return Placeholders.condition(pos, expression);
    }
    ExpressionText.Prepared prepared = ExpressionText.prepare(expression);
    if (!prepared.ok()) {
      diagnostics.error(at(pos, shift, expression, prepared.column()), "invalid expression: " + prepared.problem(), prepared.hint());
      return Placeholders.condition(pos, expression);
    }
    try {
      // an expression, not a script: no statements (return, if, throw); the script form lists the
      // variables, and JEXL's expressions are scripts too (parsing twice cost a tenth of a preview)
      JexlExpression compiled = engine.createExpression(new JexlInfo(pos.file(), 1, 1), prepared.text());
      JexlScript script = compiled instanceof JexlScript both ? both : engine.createScript(prepared.text());
      List<List<String>> variables = List.copyOf(script.getVariables());
      Set<String> names = new LinkedHashSet<>();
      for (List<String> path : variables) names.add(path.get(0));
      names.removeAll(optionalNames(prepared.text()));
      return new Compiled(pos, expression, Collections.unmodifiableSet(names), compiled, variables);
    } catch (JexlException e) {
      JexlInfo info = e.getInfo();
      int line = info == null ? 1 : info.getLine();
      SyntaxErrors.Problem problem = SyntaxErrors.explain(kind(e), e.getDetail(), String.valueOf(e.getMessage()), expression,
          line, info == null ? 1 : info.getColumn());
      diagnostics.error(at(pos, shift, expression, problem.column()), problem.message(), problem.hint());
      return Placeholders.condition(pos, expression);
    }
  }

  private static SyntaxErrors.Kind kind(JexlException e) {
    if (e instanceof JexlException.Feature) return SyntaxErrors.Kind.REFUSED_FEATURE;
    if (e instanceof JexlException.Assignment) return SyntaxErrors.Kind.ASSIGNMENT;
    if (e instanceof JexlException.Tokenization) return SyntaxErrors.Kind.BAD_TOKEN;
    if (e instanceof JexlException.Ambiguous) return SyntaxErrors.Kind.TWO_EXPRESSIONS;
    return SyntaxErrors.Kind.UNEXPECTED;
  }

  /** Columns are exact only on one line; a multi-line expression is reported where it starts. */
  private static SourcePos at(SourcePos pos, int shift, String expression, int column) {
    if (expression.contains("\n") || !pos.hasLine()) return pos;
    return pos.atColumn(pos.column() + shift + Math.max(column, 1) - 1);
  }

  private static JexlFeatures features() {
    return new JexlFeatures()
        .newInstance(false).sideEffect(false).sideEffectGlobal(false).localVar(false)
        .loops(false).lambda(false).thinArrow(false).fatArrow(false)
        .pragma(false).pragmaAnywhere(false).importPragma(false).namespacePragma(false)
        .annotation(false).register(false);
  }

  /**
   * Only these classes and methods exist for a condition, whatever JexlPermissions would allow:
   * the data that variables hold, read-only.
   */
  private static JexlSandbox sandbox() {
    JexlSandbox box = new JexlSandbox(false, true);
    allow(box, String.class, false, "length", "isEmpty", "isBlank", "contains", "startsWith", "endsWith", "trim", "strip",
        "toLowerCase", "toUpperCase", "indexOf", "lastIndexOf", "substring", "replace", "matches", "equalsIgnoreCase",
        "split");
    allow(box, Number.class, false, "intValue", "longValue", "doubleValue");
    allow(box, Boolean.class, false, "booleanValue");
    allow(box, Map.class, true, "get", "containsKey", "containsValue", "keySet", "values", "size", "isEmpty");
    allow(box, List.class, true, "get", "contains", "containsAll", "indexOf", "size", "isEmpty");
    allow(box, Collection.class, false, "contains", "containsAll", "size", "isEmpty");
    return box;
  }

  private static void allow(JexlSandbox box, Class<?> type, boolean readKeys, String... methods) {
    // inheritable: a HashMap or List.of(...) gets what Map or List may do; writes are all blocked
    box.permissions(type.getName(), true, readKeys, false, true).execute(methods);
  }

  /**
   * Property access on data only: a map key or a list index that is there. A missing one is
   * "unsolvable", which strict JEXL turns into an error (and {@code ??} into its default).
   * Java bean properties such as {@code x.class} do not exist.
   */
  private enum DataOnly implements JexlUberspect.PropertyResolver {
    KEYS;

    @Override
    public JexlPropertyGet getPropertyGet(JexlUberspect uberspect, Object object, Object identifier) {
      String key = String.valueOf(identifier);
      return Vars.found(Vars.child(object, key)) ? new KeyGet(key) : null;
    }

    @Override
    public JexlPropertySet getPropertySet(JexlUberspect uberspect, Object object, Object identifier, Object value) {
      return null;
    }
  }

  /** Reads one key; fails its try (so JEXL looks again) when the next object lacks it. */
  private record KeyGet(String key) implements JexlPropertyGet {
    @Override
    public Object invoke(Object object) {
      Object value = Vars.child(object, key);
      if (!Vars.found(value)) throw new IllegalStateException("no key '" + key + "'");
      return value;
    }

    @Override
    public Object tryInvoke(Object object, Object identifier) {
      if (!key.equals(String.valueOf(identifier))) return JexlEngine.TRY_FAILED;
      Object value = Vars.child(object, key);
      return Vars.found(value) ? value : JexlEngine.TRY_FAILED;
    }

    @Override
    public boolean tryFailed(Object value) {
      return value == JexlEngine.TRY_FAILED;
    }

    @Override
    public boolean isCacheable() {
      return true;
    }
  }

  /**
   * Truth values follow {@link Truthiness}, so {@code && || ! ?:} agree with {@code test()}: null
   * is false there rather than an error.
   */
  private static final class DataArithmetic extends JexlArithmetic {
    DataArithmetic(boolean strict, MathContext context, int scale) {
      super(strict, context, scale);
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
      return new DataArithmetic(strict, context, scale);
    }

    @Override
    public boolean isStrict(JexlOperator operator) {
      return operator != JexlOperator.NOT && operator != JexlOperator.CONDITION && super.isStrict(operator);
    }

    @Override
    public boolean toBoolean(Object value) {
      return Truthiness.test(value);
    }

    /** {@code list + list} is the two lists one after the other (as in Ansible's templates). */
    @Override
    public Object add(Object left, Object right) {
      if (isList(left) && isList(right)) {
        List<Object> out = new ArrayList<>(items(left));
        out.addAll(items(right));
        return out;
      }
      return super.add(left, right);
    }

    /**
     * {@code list - list} is the first list without the items of the second, in its order (Ansible's
     * difference). Items compare as plain data: 2 from YAML and 2 written in the expression are equal.
     */
    @Override
    public Object subtract(Object left, Object right) {
      if (isList(left) && isList(right)) {
        List<Object> out = new ArrayList<>(items(left));
        out.removeAll(items(right));
        return out;
      }
      return super.subtract(left, right);
    }

    private static boolean isList(Object o) {
      return o instanceof Collection<?> || (o != null && o.getClass().isArray());
    }

    private static List<Object> arrayItems(Object array) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) out.add(java.lang.reflect.Array.get(array, i));
      return out;
    }

    /** A list's or array's items as plain data (numbers as Long or Double, whatever their source). */
    private static List<?> items(Object o) {
      return (List<?>) PlainData.of(o instanceof Collection<?> c ? c : arrayItems(o));
    }

    /** {@code =~} with a string pattern matches the whole text, '.' across lines too: command output has many. */
    @Override
    public Boolean contains(Object container, Object value) {
      if (container instanceof CharSequence regex && value != null) {
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value.toString()).matches();
      }
      if (isList(container)) return items(container).contains(PlainData.of(value)); // x in list, by value
      return super.contains(container, value);
    }

    @Override
    protected boolean toBoolean(boolean strict, Object value) {
      return Truthiness.test(value);
    }
  }

  /**
   * JEXL 3.5 answers 0 or true when anything inside {@code size()} or {@code empty()} fails, an
   * undefined name included; here that error stands. Uses JEXL's internal API (pinned version).
   */
  private static final class StrictSizeEngine extends Engine {
    StrictSizeEngine(JexlBuilder builder) {
      super(builder);
    }

    @Override
    protected Interpreter createInterpreter(JexlContext context, Frame frame, JexlOptions options) {
      return new StrictSizeInterpreter(this, options, context, frame);
    }
  }

  private static final class StrictSizeInterpreter extends Interpreter {
    StrictSizeInterpreter(Engine engine, JexlOptions options, JexlContext context, Frame frame) {
      super(engine, options, context, frame);
    }

    @Override
    protected Object visit(ASTSizeFunction node, Object data) {
      return operators.size(node, node.jjtGetChild(0).jjtAccept(this, data));
    }

    @Override
    protected Object visit(ASTEmptyFunction node, Object data) {
      return operators.empty(node, node.jjtGetChild(0).jjtAccept(this, data));
    }
  }

  /** The task's variables, read-only. */
  private record VarsContext(Map<String, Object> values) implements JexlContext {
    @Override
    public Object get(String name) {
      return values.get(name);
    }

    @Override
    public boolean has(String name) {
      return values.containsKey(name);
    }

    @Override
    public void set(String name, Object value) {
      throw new UnsupportedOperationException("a condition cannot set variables");
    }
  }

  /** A compiled condition; a JexlExpression is immutable and safe to run from many threads. */
  /** Names used only before {@code ??} ({@code kw_port ?? 26257}): optional, so "defined somewhere" does not apply. */
  private static Set<String> optionalNames(String text) {
    String code = text.replaceAll("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"", "''");
    Set<String> optional = new LinkedHashSet<>();
    java.util.regex.Matcher m = OPTIONAL.matcher(code);
    while (m.find()) optional.add(m.group(1));
    Set<String> required = new LinkedHashSet<>();
    java.util.regex.Matcher any = NAME.matcher(OPTIONAL.matcher(code).replaceAll("''"));
    while (any.find()) required.add(any.group(1));
    optional.removeAll(required);
    return optional;
  }

  private static final java.util.regex.Pattern OPTIONAL =
      java.util.regex.Pattern.compile("(?<![\\w.'])([A-Za-z_]\\w*)(?:\\.\\w+|\\[[^\\]]*])*\\s*\\?\\?");
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("(?<![\\w.'])([A-Za-z_]\\w*)");

  private record Compiled(SourcePos pos, String source, Set<String> names, JexlExpression expression,
      List<List<String>> variables) implements Condition {
    @Override
    public Object evaluate(Vars vars) {
      try {
        return PlainData.of(expression.evaluate(new VarsContext(vars.asMap())));
      } catch (JexlException e) {
        throw new EvalException(pos, message(e, vars));
      }
    }

    @Override
    public boolean test(Vars vars) {
      return Truthiness.test(evaluate(vars));
    }

    private String message(JexlException e, Vars vars) {
      if (e instanceof JexlException.Variable v) {
        return v.isUndefined() ? Vars.undefined(List.of(v.getVariable().split("\\.")), vars.asMap())
            : "cannot evaluate '" + source + "': variable '" + v.getVariable() + "' is null";
      }
      if (e instanceof JexlException.Property p) return missing(p.getProperty(), vars);
      if (e instanceof JexlException.Method m) {
        String signature = m.getMethodSignature().contains("(") ? m.getMethodSignature() : m.getMethodSignature() + "()";
        return "method '" + signature + "' does not exist or is not allowed in conditions";
      }
      String text = String.valueOf(e.getMessage()).replaceFirst("^\\S*@\\d+:\\d+(:\\d+)? ", "").replaceFirst("^JEXL error : ", "");
      // messages stay on one line, whatever the cause printed
      String cause = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage()).replaceAll("\\s*\\R\\s*", " ").strip();
      if (e.getCause() instanceof ArithmeticException && (cause.equals("/") || cause.equals("%"))) text = "division by zero";
      else if (e.getCause() instanceof PatternSyntaxException p) text = "bad regular expression '" + p.getPattern() + "': " + p.getDescription();
      else if (cause.startsWith("Object comparison:")) text = "cannot compare " + cause.substring("Object comparison:".length());
      else if (!cause.isEmpty()) text += " (" + cause + ")";
      return "cannot evaluate '" + source + "': " + text;
    }

    /**
     * JEXL names only the key that failed; the path as written is the variable whose walk through
     * {@code vars} stops at that key (else at any key), or the key alone.
     */
    private String missing(String property, Vars vars) {
      String key = property.replaceFirst("^\\.", "").replaceAll("^['\"]|['\"]$", "");
      String any = null;
      for (List<String> path : variables) {
        int stop = stopIndex(path, vars);
        if (stop < 0) continue;
        if (path.get(stop).equals(key)) return Vars.undefined(path, vars.asMap());
        if (any == null) any = Vars.undefined(path, vars.asMap());
      }
      return any != null ? any : Vars.undefined(List.of(key), Map.of());
    }

    private static int stopIndex(List<String> path, Vars vars) {
      Object current = vars.asMap();
      for (int i = 0; i < path.size(); i++) {
        current = Vars.child(current, path.get(i));
        if (!Vars.found(current)) return i;
      }
      return -1;
    }
  }
}
