package opsplay.lab.pg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import opsplay.core.SqlText;
import opsplay.lab.SqlResponder;
import opsplay.lab.SqlResponder.Answer;
import opsplay.lab.SqlResponder.Done;
import opsplay.lab.SqlResponder.Failed;
import opsplay.lab.SqlResponder.Rows;

/**
 * Runs one statement of a session: transaction control ({@code BEGIN}, {@code COMMIT},
 * {@code ROLLBACK}, {@code SET TRANSACTION}), session variables and pgjdbc's type lookups here, everything else by the
 * responder under the lab's lock. Keeps the transaction status that ReadyForQuery reports, and
 * enforces what a PostgreSQL server would around the responder: nothing runs in a failed
 * transaction but its end, and a READ ONLY transaction refuses statements that write.
 */
final class StatementRunner {
  /** The simulated node stopped (its responder is gone): the session ends as PostgreSQL's do at shutdown. */
  static final class NodeStopped extends Exception {
    NodeStopped() {
      super("terminating connection due to administrator command");
    }
  }

  /** The statements a read-only transaction still runs; anything else is taken to write. */
  private static final Pattern READS = Pattern.compile("(?is)[\\s(]*(SELECT|SHOW|WITH|EXPLAIN|VALUES|TABLE)\\b.*");
  private static final Pattern READ_ONLY_MODE = Pattern.compile("(?is).*\\bREAD\\s+ONLY\\b.*");
  private static final Pattern READ_WRITE_MODE = Pattern.compile("(?is).*\\bREAD\\s+WRITE\\b.*");

  private final Supplier<SqlResponder> responder;
  private final Object lock;
  private final SessionSettings settings;
  private char status = 'I';

  StatementRunner(Supplier<SqlResponder> responder, Object lock, SessionSettings settings) {
    this.responder = responder;
    this.lock = lock;
    this.settings = settings;
  }

  /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
  char status() {
    return status;
  }

  /** An error ended the current statement: an open transaction block can now only end. */
  void failed() {
    if (status == 'T') status = 'E';
  }

  /**
   * The answer to one statement ({@code sql} is one statement, stripped; {@code params} are text
   * or null). Throws NodeStopped when the responder is gone; a responder that throws or answers
   * null gives an internal error (XX000), so a broken model shows up in the client.
   */
  Answer run(String sql, List<String> params) throws NodeStopped {
    synchronized (lock) {
      if (responder.get() == null) throw new NodeStopped();
    }
    String bare = withoutComments(sql);
    List<String> words = words(bare);
    Answer control = transactionControl(words, bare);
    if (control != null) return control;
    if (status == 'E') {
      return new Failed("25P02", "current transaction is aborted, commands ignored until end of transaction block", null);
    }
    Answer session = settings.run(bare, status == 'T');
    if (session != null) return session;
    Answer catalog = Catalog.answer(bare, params);
    if (catalog != null) return catalog;
    if (readOnly() && !READS.matcher(bare).matches()) {
      return new Failed("25006", "cannot execute " + command(words) + " in a read-only transaction", null);
    }
    if (status == 'T' && words.size() >= 3 && String.join(" ", words.subList(0, 3)).equalsIgnoreCase("SET CLUSTER SETTING")) {
      // KWDB (CockroachDB 20.1) changes cluster settings only in an implicit, one-statement transaction.
      return new Failed("25001", "SET CLUSTER SETTING cannot be used inside a transaction", null);
    }
    return ask(sql, params);
  }

  /**
   * The answer of a statement that can be had without its parameters and without effects
   * (pgjdbc's type lookups: their columns), or null; for describing a statement before any Bind.
   */
  Answer withoutParameters(String sql, int parameterCount) {
    return Catalog.answer(withoutComments(sql), Collections.nCopies(parameterCount, null));
  }

  private Answer ask(String sql, List<String> params) throws NodeStopped {
    try {
      Answer answer;
      synchronized (lock) {
        SqlResponder r = responder.get();
        if (r == null) throw new NodeStopped();
        answer = snapshot(r.answer(sql, Collections.unmodifiableList(params)));
      }
      return answer != null ? answer : new Failed("XX000", "the simulated database gave no answer to: " + sql, null);
    } catch (RuntimeException e) {
      return new Failed("XX000", "the simulated database failed: " + e, null);
    }
  }

  /** Rows are sent after the lock is released, so they are copied while the model cannot change them. */
  private static Answer snapshot(Answer a) {
    if (!(a instanceof Rows r) || r.rows() == null) return a;
    List<List<String>> rows = new ArrayList<>(r.rows().size());
    for (List<String> row : r.rows()) rows.add(row == null ? null : new ArrayList<>(row));
    return new Rows(copy(r.columns()), copy(r.types()), rows);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? null : new ArrayList<>(list);
  }

  /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, SET TRANSACTION and SET SESSION CHARACTERISTICS. */
  private Answer transactionControl(List<String> w, String sql) {
    String first = w.get(0);
    boolean rollbackTo = w.size() > 1 && w.get(1).equals("to");
    if (first.equals("begin") || (first.equals("start") && word(w, 1).equals("transaction"))) return begin(sql);
    if (first.equals("commit") || first.equals("end")) return finish(status == 'E' ? "ROLLBACK" : "COMMIT");
    if ((first.equals("rollback") || first.equals("abort")) && !rollbackTo) return finish("ROLLBACK");
    if (status == 'E') return null;
    if (first.equals("set") && word(w, 1).equals("transaction")) return setTransaction(sql);
    if (first.equals("set") && word(w, 1).equals("session") && word(w, 2).equals("characteristics")) {
      if (READ_ONLY_MODE.matcher(sql).matches()) settings.set("default_transaction_read_only", "on", false);
      if (READ_WRITE_MODE.matcher(sql).matches()) settings.set("default_transaction_read_only", "off", false);
      return new Done("SET");
    }
    return null;
  }

  /** PostgreSQL: BEGIN inside a transaction block only warns; the block goes on. */
  private Answer begin(String sql) {
    if (status == 'I') {
      status = 'T';
      boolean readOnly = READ_ONLY_MODE.matcher(sql).matches()
          || (!READ_WRITE_MODE.matcher(sql).matches() && settings.get("default_transaction_read_only").equals("on"));
      settings.set("transaction_read_only", readOnly ? "on" : "off", true);
    }
    return new Done(sql.toLowerCase(Locale.ROOT).startsWith("start") ? "START TRANSACTION" : "BEGIN");
  }

  private Answer finish(String tag) {
    status = 'I';
    settings.endTransaction();
    return new Done(tag);
  }

  /** Outside a transaction block SET TRANSACTION has no effect (PostgreSQL warns). */
  private Answer setTransaction(String sql) {
    if (status == 'T') {
      if (READ_ONLY_MODE.matcher(sql).matches()) settings.set("transaction_read_only", "on", true);
      if (READ_WRITE_MODE.matcher(sql).matches()) settings.set("transaction_read_only", "off", true);
    }
    return new Done("SET");
  }

  private boolean readOnly() {
    String key = status == 'I' ? "default_transaction_read_only" : "transaction_read_only";
    return "on".equals(settings.get(key));
  }

  /** The statement's name as KWDB's error names it: {@code SET CLUSTER SETTING}, {@code CONFIGURE ZONE}, {@code INSERT}. */
  private static String command(List<String> w) {
    String joined = String.join(" ", w);
    if (joined.contains("configure zone")) return "CONFIGURE ZONE";
    if (w.size() > 2 && w.get(1).equals("cluster") && w.get(2).equals("setting")) return (w.get(0) + " CLUSTER SETTING").toUpperCase(Locale.ROOT);
    return w.get(0).toUpperCase(Locale.ROOT);
  }

  /** The statement without the comments before it, so that a leading comment does not hide what it is. */
  private static String withoutComments(String sql) {
    int i = 0;
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
        i = SqlText.skip(sql, i);
      } else {
        break;
      }
    }
    return sql.substring(i);
  }

  /** The statement's first words, lower-cased, without punctuation attached to them. */
  private static List<String> words(String sql) {
    String[] parts = sql.strip().toLowerCase(Locale.ROOT).split("[\\s;(]+");
    return List.of(parts.length == 0 ? new String[] {""} : parts);
  }

  private static String word(List<String> w, int i) {
    return i < w.size() ? w.get(i) : "";
  }
}
