package opsplay.lab.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import opsplay.lab.SqlResponder.Answer;
import opsplay.lab.SqlResponder.Done;
import opsplay.lab.SqlResponder.Failed;
import opsplay.lab.SqlResponder.Rows;

/**
 * A statement bound to its parameters, with the formats the client wants its columns in. It runs
 * once, when first described or executed (the responder answers rows and effects in one go), and
 * then hands out its rows, in several Executes if the client limits them.
 */
final class Portal {
  private final Prepared statement;
  private final List<String> params;
  private final short[] resultFormats;
  private Answer answer;
  /** The answer's column types, known once it ran and gave rows. */
  private List<PgType> types;
  private int sent;

  Portal(Prepared statement, List<String> params, short[] resultFormats) {
    this.statement = statement;
    this.params = params;
    this.resultFormats = resultFormats;
  }

  /** A portal whose answer is known already (it does not run). */
  Portal(Prepared statement, List<String> params, short[] resultFormats, Answer answer) {
    this(statement, params, resultFormats);
    this.answer = checked(answer);
  }

  /** The same statement, parameters and answer (it runs at most once), with other column formats. */
  Portal withResultFormats(short[] formats) {
    Portal p = new Portal(statement, params, formats);
    p.answer = answer;
    p.types = types;
    return p;
  }

  /**
   * RowDescription or NoData; the failure instead when the statement failed. {@code bound}: the
   * formats the Bind asked for (describing a portal), or all 0 (describing a statement, where
   * PostgreSQL does not know them yet).
   */
  Failed describe(StatementRunner runner, MessageWriter out, boolean bound) throws IOException, StatementRunner.NodeStopped {
    if (statement.sql().isEmpty()) {
      out.noData();
      return null;
    }
    Answer a = run(runner);
    if (a instanceof Failed f) return f;
    if (a instanceof Rows) {
      out.rowDescription(columns(bound));
    } else {
      out.noData();
    }
    return null;
  }

  /** The simple protocol's answer: RowDescription when there are rows, the rows, CommandComplete. */
  Failed runAll(StatementRunner runner, MessageWriter out) throws IOException, StatementRunner.NodeStopped {
    Answer a = run(runner);
    if (a instanceof Failed f) return f;
    if (a instanceof Rows) out.rowDescription(columns(true));
    return execute(runner, out, 0);
  }

  /** Up to {@code maxRows} rows (0: all) and CommandComplete, or PortalSuspended when rows remain. */
  Failed execute(StatementRunner runner, MessageWriter out, int maxRows) throws IOException, StatementRunner.NodeStopped {
    if (statement.sql().isEmpty()) {
      out.emptyQueryResponse();
      return null;
    }
    Answer a = run(runner);
    if (a instanceof Failed f) return f;
    if (a instanceof Done d) {
      out.commandComplete(d.tag());
      return null;
    }
    Rows r = (Rows) a;
    int end = maxRows <= 0 ? r.rows().size() : Math.min(r.rows().size(), sent + maxRows);
    int first = sent;
    for (; sent < end; sent++) {
      List<byte[]> values = new ArrayList<>();
      Failed bad = encode(r.columns(), r.rows().get(sent), values);
      if (bad != null) return bad;
      out.dataRow(values);
    }
    if (sent < r.rows().size()) {
      out.portalSuspended();
    } else {
      out.commandComplete("SELECT " + (sent - first));
    }
    return null;
  }

  private Answer run(StatementRunner runner) throws StatementRunner.NodeStopped {
    if (answer == null) answer = checked(runner.run(statement.sql(), params));
    return answer;
  }

  private List<MessageWriter.Column> columns(boolean bound) {
    List<String> names = ((Rows) answer).columns();
    List<MessageWriter.Column> out = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) out.add(new MessageWriter.Column(names.get(k), types.get(k), bound ? format(k) : 0));
    return out;
  }

  /** A malformed answer (unknown type name, a row of the wrong width) is the model's bug: XX000 names it. */
  private Answer checked(Answer a) {
    if (!(a instanceof Rows r)) return a;
    if (r.columns() == null || r.types() == null || r.rows() == null || r.types().size() != r.columns().size()) {
      return internal("a result needs as many types as columns: " + r.columns() + " " + r.types());
    }
    List<PgType> known = new ArrayList<>();
    for (int k = 0; k < r.columns().size(); k++) {
      PgType type = PgType.named(r.types().get(k));
      if (type == null) return internal("column " + r.columns().get(k) + " has an unknown type '" + r.types().get(k) + "'");
      known.add(type);
    }
    for (int i = 0; i < r.rows().size(); i++) {
      List<String> row = r.rows().get(i);
      if (row == null || row.size() != known.size()) {
        return internal("row " + (i + 1) + " has " + (row == null ? 0 : row.size()) + " values for " + known.size() + " columns");
      }
    }
    types = known;
    return a;
  }

  /** Bind gives no formats (all text), one for every column, or one per column. */
  private short format(int column) {
    if (resultFormats.length == 0) return 0;
    if (resultFormats.length == 1) return resultFormats[0];
    return column < resultFormats.length ? resultFormats[column] : 0;
  }

  private Failed encode(List<String> names, List<String> row, List<byte[]> values) {
    for (int k = 0; k < row.size(); k++) {
      String v = row.get(k);
      PgType type = types.get(k);
      try {
        values.add(v == null ? null : format(k) == 1 ? BinaryFormat.encode(type, v)
            : TextFormat.canonical(type, v).getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        return internal("column " + names.get(k) + ": '" + v + "' is not a valid " + type.name().toLowerCase(Locale.ROOT)
            + " (" + e.getMessage() + ")");
      }
    }
    return null;
  }

  private static Failed internal(String message) {
    return new Failed("XX000", "the simulated database answered badly: " + message, null);
  }
}
