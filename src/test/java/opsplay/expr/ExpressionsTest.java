package opsplay.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opsplay.core.Condition;
import opsplay.core.Diagnostic;
import opsplay.core.Diagnostics;
import opsplay.core.EvalException;
import opsplay.core.Node;
import opsplay.core.SourcePos;
import opsplay.core.Value;
import opsplay.core.Vars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpressionsTest {
  private static final SourcePos POS = new SourcePos("pb.yml", 3, 10);
  private final Diagnostics diagnostics = new Diagnostics();
  private final Expressions expressions = new Expressions(diagnostics, null);

  static Stream<Arguments> valueCases() {
    return Cases.of("values.yml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueCases")
  void evaluatesValues(Map<String, Object> c) {
    Value value = expressions.value(Cases.node(c.get("value"), POS));
    assertThat(diagnostics.list()).isEmpty();
    assertThat(value.pos()).isEqualTo(POS);
    Vars vars = Cases.vars(c.get("vars"));
    if (c.containsKey("error")) {
      assertThatThrownBy(() -> value.evaluate(vars)).isInstanceOfSatisfying(EvalException.class, e -> {
        assertThat(e.getMessage()).isEqualTo(c.get("error"));
        assertThat(e.pos()).isEqualTo(POS);
      });
    } else {
      assertThat(value.evaluate(vars)).isEqualTo(Cases.plain(c.get("expect")));
    }
  }

  @Test
  void typedLookupKeepsTheVeryList() {
    List<Object> hosts = List.of("n1", "n2");
    Object out = expressions.value(Node.scalar(POS, "{{groups.kwdb}}")).evaluate(Vars.of(Map.of("groups", Map.of("kwdb", hosts))));
    assertThat(out).isSameAs(hosts);
  }

  @Test
  void valueNamesAreTheUnionOfWhatItUses() {
    Value v = expressions.value(Cases.node(Map.of("a", "{{x.y}}", "b", List.of("{{ size(y) + n }}", "{{#s}}{{z}}{{/s}}", 3),
        "c", "plain"), POS));
    assertThat(v.names()).containsExactlyInAnyOrder("x", "y", "n", "s");
  }

  @Test
  void anExpressionErrorInAValuePointsInsideTheTag() {
    expressions.value(Node.scalar(POS, "{{ n + }}"));
    assertThat(diagnostics.list()).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("expression ends too early, after '+'");
      assertThat(d.pos()).isEqualTo(new SourcePos("pb.yml", 3, 16)); // the quote at 10, then {{ n +
    });
  }

  @Test
  void yamlBooleansAndNumbersAreConstantConditions() {
    assertThat(expressions.condition(Node.scalar(POS, false)).test(Vars.empty())).isFalse();
    assertThat(expressions.condition(Node.scalar(POS, 0L)).test(Vars.empty())).isFalse();
    assertThat(expressions.condition(Node.scalar(POS, true)).test(Vars.empty())).isTrue();
    Condition two = expressions.condition(Node.scalar(POS, 2L));
    assertThat(two.evaluate(Vars.empty())).isEqualTo(2L);
    assertThat(two.names()).isEmpty();
    assertThat(two.source()).isEqualTo("2");
    assertThat(diagnostics.list()).isEmpty();
  }

  @Test
  void aListOfConditionsIsAllOfThemInOrder() {
    Condition all = expressions.condition(Cases.node(List.of("a.rc == 0", "a.stdout =~ '.*ok.*'"), POS));
    assertThat(all.names()).containsExactly("a");
    assertThat(all.test(Cases.vars(Map.of("a", Map.of("rc", 0, "stdout", "it is ok"))))).isTrue();
    assertThat(all.test(Cases.vars(Map.of("a", Map.of("rc", 0, "stdout", "bad"))))).isFalse();
    // the first is false, so the second (which would fail) is not evaluated
    assertThat(all.test(Cases.vars(Map.of("a", Map.of("rc", 1))))).isFalse();
    assertThat(diagnostics.list()).isEmpty();
  }

  @Test
  void whatIsNotAnExpressionIsReported() {
    expressions.condition(Node.scalar(POS, null));
    expressions.condition(Cases.node(Map.of("a", 1), POS));
    expressions.condition(Cases.node(List.of(), POS));
    expressions.template(Cases.node(List.of("a"), POS));
    assertThat(diagnostics.list()).extracting(Diagnostic::message).containsExactly(
        "expected an expression, found nothing", "expected an expression, found a mapping",
        "expected an expression, found an empty list", "expected a string, found a list");
    assertThat(diagnostics.list()).allSatisfy(d -> assertThat(d.pos()).isEqualTo(POS));
  }

  @Test
  void aConditionThatMustHaveBeenQuotedIsReportedOneColumnFurther() {
    expressions.condition(Node.scalar(POS, "x == 'a: b"));
    assertThat(diagnostics.list()).singleElement().extracting(d -> d.pos().column()).isEqualTo(16); // quote 10, then x == '
  }

  @Test
  void templatesAreMustacheAndScalarsAreTheirText() {
    assertThat(expressions.template(Node.scalar(POS, "{{a}}-{{b}}")).render(Cases.vars(Map.of("a", 1, "b", "x")))).isEqualTo("1-x");
    assertThat(expressions.template(Node.scalar(POS, 5L)).render(Vars.empty())).isEqualTo("5");
    assertThat(expressions.template(Node.scalar(POS, "{{a}}")).names()).containsExactly("a");
  }

  @Test
  void filesComeFromTheTemplatesDirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("motd.mustache"), "hi {{#json}}{{who}}{{/json}}");
    Expressions withDir = new Expressions(diagnostics, dir);
    assertThat(withDir.file("motd.mustache", POS).render(Cases.vars(Map.of("who", "you")))).isEqualTo("hi \"you\"");
  }
}
