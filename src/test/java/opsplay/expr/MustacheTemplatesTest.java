package opsplay.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import opsplay.core.Diagnostic;
import opsplay.core.Diagnostics;
import opsplay.core.EvalException;
import opsplay.core.SourcePos;
import opsplay.core.Template;
import opsplay.core.Vars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MustacheTemplatesTest {
  private static final SourcePos POS = new SourcePos("pb.yml", 7, 12);
  private final Diagnostics diagnostics = new Diagnostics();
  private final MustacheTemplates templates = new MustacheTemplates(diagnostics, null);

  static Stream<Arguments> renderCases() {
    return Cases.of("templates.yml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderCases")
  void renders(Map<String, Object> c) {
    Template t = templates.compile((String) c.get("template"), POS);
    assertThat(diagnostics.list()).isEmpty();
    Vars vars = Cases.vars(c.get("vars"));
    if (c.containsKey("error")) {
      assertThatThrownBy(() -> t.render(vars)).isInstanceOfSatisfying(EvalException.class, e -> {
        assertThat(e.getMessage()).isEqualTo(c.get("error"));
        assertThat(e.pos()).isEqualTo(POS);
      });
    } else {
      assertThat(t.render(vars)).isEqualTo(c.get("expect"));
    }
  }

  static Stream<Arguments> brokenCases() {
    return Cases.of("broken-templates.yml");
  }

  /** Compile errors go to Diagnostics at the template's position; the placeholder never renders. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenCases")
  void reportsCompileErrors(Map<String, Object> c) {
    Template t = templates.compile((String) c.get("template"), POS);
    assertThat(diagnostics.list()).singleElement().satisfies(d -> {
      assertThat(d.pos()).isEqualTo(POS);
      assertThat(d.message()).isEqualTo(c.get("message"));
      assertThat(d.hint()).contains((String) c.get("hint"));
    });
    assertThatThrownBy(() -> t.render(Vars.empty())).isInstanceOf(EvalException.class).hasMessageContaining("has errors");
  }

  @Test
  void namesAreTopLevelAndSectionNamesAndWhatLambdasUse() {
    Template t = templates.compile("{{a}} {{b.c}} {{#s}}{{inner}}{{/s}} {{^t}}{{inner2}}{{/t}} {{#json}}{{j.k}}{{/json}}"
        + " {{#shell_quote}}{{#q}}{{inner3}}{{/q}}{{/shell_quote}} {{.}} {{! c}}", POS);
    assertThat(t.names()).containsExactlyInAnyOrder("a", "b", "s", "t", "j", "q");
    assertThat(t.source()).startsWith("{{a}}");
    assertThat(t.pos()).isEqualTo(POS);
  }

  /** The quoted text goes through a real shell and comes back as the same single word. */
  @ParameterizedTest
  @ValueSource(strings = {"it's $HOME; rm -rf / \"x\"", "", "a b", "`id`", "$(id)", "\\", "*", "line\nbreak", "'", "''", "-n", "ü €"})
  void shellQuoteSurvivesARealShell(String hostile) throws Exception {
    Template t = templates.compile("printf '%s|' {{#shell_quote}}{{v}}{{/shell_quote}}", POS);
    String command = t.render(Vars.of(Map.of("v", hostile)));
    Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEqualTo(hostile + "|");
  }

  @Test
  void partialsComeFromTheTemplatesDirectoryAndSeeTheSectionItem(@TempDir Path dir) throws IOException {
    write(dir, "kwdb/join.mustache", "join {{name}} to {{cluster}}{{> common/dot}}");
    write(dir, "common/dot.mustache", ".");
    MustacheTemplates withDir = new MustacheTemplates(diagnostics, dir);
    Template t = withDir.compile("{{#nodes}}{{> kwdb/join}} {{/nodes}}", POS);
    Vars vars = Vars.of(Map.of("cluster", "c1", "nodes", List.of(Map.of("name", "n1"), Map.of("name", "n2"))));
    assertThat(t.render(vars)).isEqualTo("join n1 to c1. join n2 to c1. ");
    assertThat(diagnostics.list()).isEmpty();
  }

  @Test
  void aPartialMayIncludeItself(@TempDir Path dir) throws IOException {
    write(dir, "tree.mustache", "{{name}}{{#children}}({{> tree}}){{/children}}");
    MustacheTemplates withDir = new MustacheTemplates(diagnostics, dir);
    Map<String, Object> leaf = Map.of("name", "c", "children", List.of());
    Map<String, Object> tree = Map.of("name", "a", "children", List.of(Map.of("name", "b", "children", List.of(leaf)),
        Map.of("name", "d", "children", List.of())));
    assertThat(withDir.compile("{{#tree}}{{> tree}}{{/tree}}", POS).render(Vars.of(Map.of("tree", tree)))).isEqualTo("a(b(c))(d)");
  }

  @Test
  void aMissingPartialIsReportedWithThePath(@TempDir Path dir) throws IOException {
    write(dir, "secret.mustache", "no");
    MustacheTemplates withDir = new MustacheTemplates(diagnostics, dir.resolve("templates"));
    Files.createDirectories(dir.resolve("templates"));
    withDir.compile("{{> kwdb/nope}}", POS);
    withDir.compile("{{> ../secret}}", POS);
    assertThat(diagnostics.list()).extracting(Diagnostic::message).containsExactly(
        "partial '{{> kwdb/nope}}' not found: no file " + dir.resolve("templates/kwdb/nope.mustache").toAbsolutePath(),
        "partial '{{> ../secret}}' not found: it is outside the templates directory " + dir.resolve("templates"));
    assertThat(diagnostics.list()).allSatisfy(d -> assertThat(d.pos()).isEqualTo(POS));
  }

  @Test
  void aSyntaxErrorInAPartialPointsIntoThePartial(@TempDir Path dir) throws IOException {
    write(dir, "bad.mustache", "line one\n{{#open}}\n");
    MustacheTemplates withDir = new MustacheTemplates(diagnostics, dir);
    withDir.compile("x {{> bad}}", POS);
    assertThat(diagnostics.list()).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("unclosed section '{{#open}}' (in partial 'bad.mustache' line 2)");
      assertThat(d.pos()).isEqualTo(new SourcePos(dir.toAbsolutePath().resolve("bad.mustache").toString(), 2, 1));
    });
  }

  @Test
  void aWholeFileRendersAndItsErrorsPointIntoIt(@TempDir Path dir) throws IOException {
    write(dir, "motd.mustache", "Welcome to {{host}}\n{{#users}}- {{.}}\n{{/users}}");
    write(dir, "broken.mustache", "ok\nok\n{{x");
    MustacheTemplates withDir = new MustacheTemplates(diagnostics, dir);
    Template motd = withDir.file("motd.mustache", POS);
    assertThat(motd.render(Vars.of(Map.of("host", "h1", "users", List.of("a", "b"))))).isEqualTo("Welcome to h1\n- a\n- b\n");
    assertThat(motd.names()).containsExactlyInAnyOrder("host", "users");
    withDir.file("broken.mustache", POS);
    withDir.file("missing.mustache", POS);
    assertThat(diagnostics.list()).extracting(Diagnostic::pos, Diagnostic::message).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(new SourcePos(dir.toAbsolutePath().resolve("broken.mustache").toString(), 3, 1),
            "unclosed tag: '{{' without its '}}'"),
        org.assertj.core.groups.Tuple.tuple(POS,
            "template file 'missing.mustache' not found: no file " + dir.toAbsolutePath().resolve("missing.mustache")));
  }

  @Test
  void withoutATemplatesDirectoryPartialsAndFilesAreErrors() {
    templates.compile("{{> p}}", POS);
    templates.file("f.mustache", POS);
    assertThat(diagnostics.list()).extracting(Diagnostic::message).containsExactly(
        "partial '{{> p}}' not found: there is no templates directory",
        "template file 'f.mustache' not found: there is no templates directory");
  }

  /** One compiled template, rendered from 8 threads with different variables, 1000 times each. */
  @Test
  void rendersFromManyThreadsAtOnce() throws Exception {
    Template t = templates.compile("{{host}}:{{#items}}{{name}}={{#shell_quote}}{{v}}{{/shell_quote}},{{/items}}"
        + "{{#json}}{{host}}{{/json}}{{^none}}!{{/none}}", POS);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        int id = thread;
        results.add(pool.submit(() -> renderMany(t, id)));
      }
      for (Future<Integer> f : results) assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(1000);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int renderMany(Template t, int thread) {
    int ok = 0;
    for (int i = 0; i < 1000; i++) {
      String host = "h" + thread + "-" + i;
      Vars vars = Vars.of(Map.of("host", host, "none", List.of(),
          "items", List.of(Map.of("name", "a" + i, "v", "x y" + thread), Map.of("name", "b", "v", "z" + i))));
      String expected = host + ":a" + i + "='x y" + thread + "',b=z" + i + ",\"" + host + "\"!";
      if (t.render(vars).equals(expected)) ok++;
    }
    return ok;
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
