package opsplay.lab.pg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import opsplay.core.SqlText;
import opsplay.lab.SqlResponder.Failed;

/**
 * A parsed statement: its SQL ({@code ""} for an empty query) and the type OID of each
 * parameter, 0 where neither the client nor the SQL says (the server takes those as text).
 */
record Prepared(String sql, int[] parameterTypes) {
  /** {@code types} as Parse gave them, extended to the highest {@code $n} the SQL uses. */
  static Prepared of(String sql, int[] types) {
    int count = Math.max(types.length, highestParameter(sql));
    return new Prepared(sql, Arrays.copyOf(types, count));
  }

  int parameterCount() {
    return parameterTypes.length;
  }

  /** What Describe reports: unspecified parameters are text, as PostgreSQL infers for {@code SELECT $1}. */
  int[] describedTypes() {
    return Arrays.stream(parameterTypes).map(oid -> oid == 0 ? PgType.TEXT.oid : oid).toArray();
  }

  /** The Bind's values as text, into {@code params}; the failure when they do not fit this statement. */
  Failed bind(Frontend.Bind b, List<String> params) {
    if (b.values().size() != parameterCount()) {
      return new Failed("08P01", "bind message supplies " + b.values().size() + " parameters, but prepared statement \""
          + b.statement() + "\" requires " + parameterCount(), null);
    }
    short[] formats = b.parameterFormats();
    for (int k = 0; k < b.values().size(); k++) {
      short format = formats.length == 0 ? 0 : formats[formats.length == 1 ? 0 : Math.min(k, formats.length - 1)];
      try {
        params.add(parameter(b.values().get(k), format, parameterTypes[k]));
      } catch (RuntimeException e) {
        return new Failed("22P03", "incorrect binary data format in bind parameter " + (k + 1) + ": " + e.getMessage(), null);
      }
    }
    return null;
  }

  /** Text as sent (booleans as true/false, whatever spelling the client used); binary values of known types as their text. */
  private static String parameter(byte[] value, short format, int oid) {
    if (value == null) return null;
    PgType type = PgType.of(oid);
    if (format == 0) {
      String text = new String(value, StandardCharsets.UTF_8);
      if (type != PgType.BOOL) return text;
      try {
        return String.valueOf(TextFormat.bool(text));
      } catch (IllegalArgumentException e) {
        return text;
      }
    }
    if (type == null) throw new IllegalArgumentException("no binary format known for type OID " + oid);
    return BinaryFormat.decode(type, value);
  }

  /** The largest {@code $n} outside quotes and comments. */
  private static int highestParameter(String sql) {
    int highest = 0;
    int i = 0;
    while (i < sql.length()) {
      int after = SqlText.skip(sql, i);
      if (after > i) {
        i = after;
        continue;
      }
      if (sql.charAt(i) == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
        int j = i + 1;
        while (j < sql.length() && Character.isDigit(sql.charAt(j))) j++;
        if (j > i + 1 && j - i < 8) highest = Math.max(highest, Integer.parseInt(sql.substring(i + 1, j)));
        i = j;
        continue;
      }
      i++;
    }
    return highest;
  }
}
