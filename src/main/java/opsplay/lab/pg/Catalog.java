package opsplay.lab.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opsplay.lab.SqlResponder.Answer;
import opsplay.lab.SqlResponder.Rows;

/**
 * The pg_catalog.pg_type lookups pgjdbc makes by itself, answered from {@link PgType} so that
 * responders never see them: ResultSetMetaData.getColumnTypeName and getObject ask for any type
 * outside the driver's built-in list (interval, uuid, arrays of those), and createArrayOf asks by
 * name. The statements are pgjdbc 42.7's (TypeInfoCache), recognised by their select lists.
 */
final class Catalog {
  private static final String NAMESPACE = "pg_catalog";
  private static final Pattern LITERAL = Pattern.compile("(?:oid|typname)\\s*=\\s*'?([^'\\s)]+)'?");

  private Catalog() {}

  /** The answer to a pgjdbc type lookup, or null when {@code sql} is not one. */
  static Answer answer(String sql, List<String> params) {
    String s = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    if (!s.contains("pg_catalog.pg_type")) return null;
    // A null key (describing the statement before its parameters are known) finds no row.
    String key = params.isEmpty() ? literal(s) : params.get(0);
    if (s.startsWith("select n.nspname = any(current_schemas(true)), n.nspname, t.typname from")) {
      PgType t = byOid(key);
      return rows(List.of("?column?", "nspname", "typname"), List.of("bool", "name", "name"), t, x -> List.of("t", NAMESPACE, x.typname()));
    }
    if (s.startsWith("select typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid")) {
      PgType t = byOid(key);
      return rows(List.of("is_array", "typtype", "typname", "oid"), List.of("bool", "text", "name", "oid"), t,
          x -> List.of(x.isArray() ? "t" : "f", "b", x.typname(), String.valueOf(x.oid)));
    }
    if (s.startsWith("select e.oid, n.nspname = any(current_schemas(true)), n.nspname, e.typname from")) {
      PgType t = byOid(key);
      return rows(List.of("oid", "?column?", "nspname", "typname"), List.of("oid", "bool", "name", "name"),
          t == null ? null : t.element, x -> List.of(String.valueOf(x.oid), "t", NAMESPACE, x.typname()));
    }
    if (s.startsWith("select e.typdelim from")) {
      PgType t = byOid(key);
      return rows(List.of("typdelim"), List.of("text"), t == null ? null : t.element, x -> List.of(","));
    }
    return byName(s, key);
  }

  /** The lookups by type name: the type itself, or the array type of an element type. */
  private static Answer byName(String s, String name) {
    List<String> columns = List.of("oid", "typname");
    List<String> types = List.of("oid", "name");
    PgType t = PgType.named(name);
    if (s.startsWith("select pg_type.oid, typname from") || s.startsWith("select t.oid, t.typname from pg_catalog.pg_type t join pg_catalog.pg_namespace n on t.typnamespace = n.oid where t.typname")) {
      return rows(columns, types, t, x -> List.of(String.valueOf(x.oid), x.typname()));
    }
    if (s.startsWith("select t.oid, t.typname from pg_catalog.pg_type t join pg_catalog.pg_namespace n on t.typnamespace = n.oid where t.typelem")
        || s.startsWith("select t.typarray, arr.typname from")) {
      return rows(List.of(s.contains("typarray") ? "typarray" : "oid", "typname"), types, t == null ? null : t.array(),
          x -> List.of(String.valueOf(x.oid), x.typname()));
    }
    return null;
  }

  private static PgType byOid(String key) {
    if (key == null) return null;
    try {
      return PgType.of(Integer.parseInt(key.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** pgjdbc in simple-query mode puts the value in the text ({@code WHERE t.oid = '1186'::int4}). */
  private static String literal(String s) {
    Matcher m = LITERAL.matcher(s.substring(s.lastIndexOf(" where ") + 1));
    return m.find() ? m.group(1).replaceAll("::.*", "") : null;
  }

  private static Answer rows(List<String> columns, List<String> types, PgType t, java.util.function.Function<PgType, List<String>> row) {
    List<List<String>> rows = new ArrayList<>();
    if (t != null) rows.add(row.apply(t));
    return new Rows(columns, types, rows);
  }
}
