package opsplay.lab.pg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import opsplay.lab.SqlResponder;

/**
 * A tiny SqlResponder for the wire server's tests: {@code SELECT 1}, a table {@code kinds} with a
 * column of every supported type, {@code SELECT $1, $2…} echoing its parameters, {@code SELECT
 * series(n)} with n rows, an error, and statements with command tags. It records what it was asked.
 */
final class SampleDatabase implements SqlResponder {
  /** One statement as the responder received it. */
  record Asked(String sql, List<String> params) {}

  static final List<String> KIND_COLUMNS = List.of("t", "v", "i8", "i4", "i2", "b", "f8", "f4", "n", "tstz", "ts", "d",
      "tm", "iv", "j", "jb", "by", "u", "i8s", "ts_list");
  static final List<String> KIND_TYPES = List.of("text", "varchar", "int8", "int4", "int2", "bool", "float8", "float4",
      "numeric", "timestamptz", "timestamp", "date", "time", "interval", "json", "jsonb", "bytea", "uuid", "int8[]", "text[]");
  static final List<String> KIND_VALUES = List.of("héllo wörld", "abc", "9007199254740993", "-42", "7", "true", "3.25",
      "1.5", "-12345.6789", "2024-05-01 10:20:30.123456+00", "2024-05-01 10:20:30", "2024-05-01", "10:20:30",
      "1 day 02:03:04", "{\"a\": 1}", "{\"b\": [1, 2]}", "\\x00ff10", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      "{1,2,NULL,4}", "{a,\"b c\",NULL}");

  private final List<Asked> asked = Collections.synchronizedList(new ArrayList<>());

  @Override
  public Answer answer(String sql, List<String> params) {
    asked.add(new Asked(sql, params));
    String s = sql.strip().toLowerCase(Locale.ROOT);
    if (s.equals("select 1")) return new Rows(List.of("?column?"), List.of("int8"), List.of(List.of("1")));
    if (s.equals("select * from kinds")) return kinds();
    if (s.startsWith("select $")) return echo(params);
    if (s.startsWith("select series(")) return series(Integer.parseInt(s.replaceAll("\\D", "")));
    if (s.startsWith("select broken")) {
      return new Failed("42703", "column \"broken\" does not exist", "check the column name");
    }
    if (s.startsWith("set cluster setting")) return new Done("SET CLUSTER SETTING");
    if (s.startsWith("insert")) return new Done("INSERT 0 1");
    if (s.startsWith("alter range")) return new Done("CONFIGURE ZONE 1");
    return new Failed("42601", "at or near \"" + s.split("\\s+")[0] + "\": syntax error", null);
  }

  List<Asked> asked() {
    synchronized (asked) {
      return List.copyOf(asked);
    }
  }

  private static Answer kinds() {
    List<String> nulls = new ArrayList<>(Collections.nCopies(KIND_COLUMNS.size(), null));
    return new Rows(KIND_COLUMNS, KIND_TYPES, List.of(KIND_VALUES, nulls));
  }

  private static Answer echo(List<String> params) {
    List<String> columns = new ArrayList<>();
    for (int k = 1; k <= params.size(); k++) columns.add("p" + k);
    return new Rows(columns, Collections.nCopies(params.size(), "text"), List.of(new ArrayList<>(params)));
  }

  private static Answer series(int n) {
    List<List<String>> rows = new ArrayList<>();
    for (int k = 1; k <= n; k++) rows.add(List.of(String.valueOf(k)));
    return new Rows(List.of("n"), List.of("int8"), rows);
  }
}
