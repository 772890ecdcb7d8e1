package opsplay.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.core.Condition;
import opsplay.core.Diagnostics;
import opsplay.core.EvalException;
import opsplay.core.SourcePos;
import opsplay.core.Vars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxConditionsTest {
  private static final SourcePos POS = new SourcePos("pb.yml", 5, 13);
  private final Diagnostics diagnostics = new Diagnostics();
  private final SandboxConditions conditions = new SandboxConditions(diagnostics);

  static Stream<Arguments> evaluationCases() {
    return Cases.of("conditions.yml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evaluationCases")
  void evaluates(Map<String, Object> c) {
    Condition condition = conditions.compile((String) c.get("expr"), POS);
    assertThat(diagnostics.list()).isEmpty();
    Vars vars = Cases.vars(c.get("vars"));
    if (c.containsKey("error")) {
      assertThatThrownBy(() -> condition.evaluate(vars)).isInstanceOfSatisfying(EvalException.class, e -> {
        assertThat(e.getMessage()).isEqualTo(c.get("error"));
        assertThat(e.pos()).isEqualTo(POS);
      });
    } else {
      assertThat(condition.evaluate(vars)).isEqualTo(Cases.plain(c.get("expect")));
    }
  }

  static Stream<Arguments> truthinessCases() {
    return Cases.of("truthiness.yml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truthinessCases")
  void testsTruthiness(Map<String, Object> c) {
    Vars vars = Cases.vars(Map.of()).with("v", Cases.plain(c.get("v")));
    assertThat(conditions.compile("v", POS).test(vars)).isEqualTo(c.get("expect"));
  }

  static Stream<Arguments> brokenCases() {
    return Cases.of("broken-conditions.yml");
  }

  /** Syntax errors go to Diagnostics at the node's line, JEXL's column added, with a hint. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenCases")
  void reportsSyntaxErrors(Map<String, Object> c) {
    Condition condition = conditions.compile((String) c.get("expr"), POS);
    assertThat(diagnostics.list()).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo(c.get("message"));
      assertThat(d.hint()).contains((String) c.get("hint"));
      assertThat(d.pos()).isEqualTo(new SourcePos("pb.yml", 5, ((Long) c.get("column")).intValue()));
    });
    assertThatThrownBy(() -> condition.test(Vars.empty())).isInstanceOf(EvalException.class).hasMessageContaining("has errors");
  }

  @Test
  void aShiftMovesTheColumnForQuotedOrEmbeddedExpressions() {
    conditions.compile("n >", POS, 1);
    assertThat(diagnostics.list()).singleElement().extracting(d -> d.pos().column()).isEqualTo(16);
  }

  @Test
  void namesAreTheTopLevelVariables() {
    Condition c = conditions.compile("result.rc == 0 && size(groups.kwdb) > n && x in ['a'] && 'lit' == 'lit'", POS);
    assertThat(c.names()).containsExactlyInAnyOrder("result", "groups", "n", "x");
    assertThat(c.source()).startsWith("result.rc == 0");
    assertThat(c.pos()).isEqualTo(POS);
  }

  /** A name only ever read through {@code ??} is optional: the load-time "defined somewhere" check skips it. */
  @Test
  void namesBeforeNullCoalescingAreOptional() {
    assertThat(conditions.compile("kw_port ?? 26257", POS).names()).isEmpty();
    assertThat(conditions.compile("opts.port ?? fallback", POS).names()).containsExactly("fallback");
    assertThat(conditions.compile("(x ?? 1) + x", POS).names()).containsExactly("x");
    assertThat(conditions.compile("'y ??' == y", POS).names()).containsExactly("y");
    assertThat(conditions.compile("kw_port ?? 26257", POS).evaluate(opsplay.core.Vars.empty())).isEqualTo(26257L);
  }

  static Stream<String> escapes() {
    return Stream.of("''.getClass()", "x.getClass()", "x.getClass().forName('java.lang.Runtime')", "x.class",
        "x.class.forName('java.lang.Runtime')", "n.getClass()", "m.getClass().getClassLoader()", "l.getClass()",
        "x.toString().getClass()", "[1].getClass()", "{'a': 1}.getClass()", "(1 .. 3).getClass()", "`${x.getClass()}`",
        "new('java.io.File', '/')", "new('java.lang.ProcessBuilder', 'touch', 'MARKER').start()",
        "java.lang.System.exit(1)", "java.lang.Runtime.getRuntime().exec('touch MARKER')", "Runtime:getRuntime()",
        "java.lang.Math:abs(-1)", "x = 1", "m.k = 2", "l[0] = 'z'", "x += 'a'", "var y = 1", "for (i : l) { i }",
        "while (true) { 1 }", "() -> 1", "function() { 1 }", "#pragma jexl.import java.lang\n1", "@silent x",
        "m.put('k', 2)", "m.clear()", "l.add('z')", "l.clear()", "l.remove(0)", "x.getBytes()", "x.chars()", "x.intern()");
  }

  /** Every way out of the data is refused at compile time or when evaluated, and nothing runs. */
  @ParameterizedTest
  @MethodSource("escapes")
  void theSandboxRefuses(String escape, @TempDir Path dir) {
    Path marker = dir.resolve("marker");
    Map<String, Object> m = new HashMap<>(Map.of("k", 1L));
    List<Object> l = new ArrayList<>(List.of("a"));
    Vars vars = Vars.of(Map.of("x", "abc", "n", 2L, "m", m, "l", l));
    Condition c = conditions.compile(escape.replace("MARKER", marker.toString()), POS);
    if (!diagnostics.hasErrors()) {
      assertThatThrownBy(() -> c.evaluate(vars)).isInstanceOfSatisfying(EvalException.class, e -> {
        assertThat(e.pos()).isEqualTo(POS);
        assertThat(e.getMessage()).doesNotContain("org.apache", "\n");
      });
    }
    assertThat(marker).doesNotExist();
    assertThat(m).isEqualTo(Map.of("k", 1L));
    assertThat(l).containsExactly("a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"new('java.io.File', '/')", "x = 1", "var y = 1", "for (i : l) { i }", "() -> 1", "@silent x",
      "#pragma jexl.import java.lang\n1"})
  void theseAreRefusedBeforeAnythingRuns(String escape) {
    conditions.compile(escape, POS);
    assertThat(diagnostics.hasErrors()).isTrue();
  }

  @Test
  void compiledConditionsAreSharedAcrossThreads() throws Exception {
    Condition c = conditions.compile("result.rc == n && result.stdout =~ '.*' + n + '.*'", POS);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 8; t++) {
      long n = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 1000; i++) {
          Vars ok = Vars.of(Map.of("n", n, "result", Map.of("rc", n, "stdout", "x" + n + "y")));
          Vars missing = Vars.of(Map.of("n", n, "result", Map.of("rc", n)));
          if (!c.test(ok)) failures.add(new AssertionError("false for " + n));
          try {
            c.test(missing);
            failures.add(new AssertionError("no error for " + n));
          } catch (EvalException e) {
            if (!e.getMessage().equals("undefined variable 'result.stdout' (result has rc)")) failures.add(e);
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) t.join(60_000);
    assertThat(failures).isEmpty();
  }
}
