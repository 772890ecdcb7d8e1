package opsplay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How SQL text is split and how placeholders are found and mapped back, by PostgreSQL's lexical rules. */
class SqlTextTest {
  @Test
  void splitsOnSemicolonsOutsideQuotesDollarQuotesAndComments() {
    String script = """
        CREATE TABLE t (v text);
        INSERT INTO t VALUES ('a;b'), (E'it\\'s;'), ("x;y");  -- trailing; comment
        DO $$ BEGIN PERFORM 1; END $$;
        DO $fn$ BEGIN RAISE NOTICE '$$;'; END $fn$;
        /* a /* nested; */ comment; */ SELECT 1;
        -- only a comment;
        ;
        """;
    assertThat(SqlText.split(script)).containsExactly(
        "CREATE TABLE t (v text)",
        "INSERT INTO t VALUES ('a;b'), (E'it\\'s;'), (\"x;y\")",
        "-- trailing; comment\nDO $$ BEGIN PERFORM 1; END $$",
        "DO $fn$ BEGIN RAISE NOTICE '$$;'; END $fn$",
        "/* a /* nested; */ comment; */ SELECT 1");
  }

  @Test
  void aDollarSignInANameOrAParameterIsNotAQuote() {
    assertThat(SqlText.split("SELECT a$b$ FROM t; SELECT $1; SELECT 2")).hasSize(3);
  }

  @Test
  void namedPlaceholdersBecomeQuestionMarksButCastsSlicesQuotesAndCommentsStay() {
    SqlText.Named n = SqlText.named("SELECT :id::int, a[lo:hi], ':no', \":no\", $$:no$$ -- :no\n, :name_2 /* :no */");
    assertThat(n.sql()).isEqualTo("SELECT ?::int, a[lo:hi], ':no', \":no\", $$:no$$ -- :no\n, ? /* :no */");
    assertThat(n.names()).containsExactly("id", "name_2");
  }

  @Test
  void questionMarksOutsideQuotesArePlaceholdersAndADoubledOneIsEscaped() {
    assertThat(SqlText.placeholders("SELECT ?, '?', ?? , \"?\" -- ?\n, ?")).containsExactly(7, 31);
  }

  @Test
  void anOffsetInRewrittenTextMapsBackToTheOriginal() {
    String written = "SELECT :long_name + :b FROM missing";
    SqlText.Named n = SqlText.named(written);
    assertThat(SqlText.original(n.sql().indexOf("missing"), n.edits())).isEqualTo(written.indexOf("missing"));
    assertThat(SqlText.original(n.sql().indexOf('?'), n.edits())).isEqualTo(7);
    assertThat(SqlText.original(5, List.of())).isEqualTo(5);
  }
}
