package opsplay.lab.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PostgreSQL's binary and text forms of values, as the wire server converts them. */
class BinaryFormatTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "NUMERIC|123.45", "NUMERIC|-0.001", "NUMERIC|10000", "NUMERIC|0", "NUMERIC|12345678901234567890.000001",
      "NUMERIC|NaN", "INT2|-7", "INT4|2147483647", "INT8|-9223372036854775808", "FLOAT8|2.5", "FLOAT4|-1.5",
      "BOOL|true", "TEXT|héllo", "UUID|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "BYTEA|\\x00ff10",
      "DATE|2024-05-01", "DATE|1999-12-31", "TIME|10:20:30.5", "TIMETZ|10:20:30+05:30",
      "TIMESTAMP|2024-05-01 10:20:30.123456", "TIMESTAMPTZ|2024-05-01 10:20:30+00", "TIMESTAMPTZ|infinity",
      "JSONB|{\"a\": 1}", "INT8_ARRAY|{1,2,NULL,4}", "TEXT_ARRAY|{a,\"b c\",\"\",\"NULL\",NULL}", "INT4_ARRAY|{}"})
  void valuesSurviveARoundTrip(String type, String text) {
    PgType t = PgType.valueOf(type);
    assertThat(BinaryFormat.decode(t, BinaryFormat.encode(t, text))).isEqualTo(text);
  }

  /** The bytes PostgreSQL itself sends (numeric_send), so that pgjdbc reads them right. */
  @Test
  void numericHasPostgresLayout() {
    assertThat(HexFormat.of().formatHex(BinaryFormat.encode(PgType.NUMERIC, "123.45"))).isEqualTo("0002000000000002007b1194");
    assertThat(HexFormat.of().formatHex(BinaryFormat.encode(PgType.NUMERIC, "-0.001"))).isEqualTo("0001ffff40000003000a");
  }

  @Test
  void timestampsWithOffsetsAreStoredInUtc() {
    byte[] utc = BinaryFormat.encode(PgType.TIMESTAMPTZ, "2024-05-01 10:20:30+00");
    assertThat(BinaryFormat.encode(PgType.TIMESTAMPTZ, "2024-05-01T12:20:30+02:00")).isEqualTo(utc);
    assertThat(BinaryFormat.encode(PgType.TIMESTAMPTZ, "2024-05-01T10:20:30Z")).isEqualTo(utc);
    assertThat(BinaryFormat.decode(PgType.INTERVAL, HexFormat.of().parseHex("00000000d693a4000000000300000010")))
        .isEqualTo("1 year 4 mons 3 days 01:00:00");
  }

  @Test
  void textIsWrittenAsPostgresWritesIt() {
    assertThat(TextFormat.canonical(PgType.BOOL, "true")).isEqualTo("t");
    assertThat(TextFormat.canonical(PgType.TIMESTAMPTZ, "2024-05-01T10:20:30.100Z")).isEqualTo("2024-05-01 10:20:30.1+00");
    assertThat(TextFormat.canonical(PgType.TIMESTAMPTZ, "2024-05-01 10:20:30+05:30")).isEqualTo("2024-05-01 10:20:30+05:30");
    assertThat(TextFormat.canonical(PgType.TIMESTAMP, "2024-05-01T10:20")).isEqualTo("2024-05-01 10:20:00");
    assertThat(TextFormat.canonical(PgType.TEXT, "2024-05-01T10:20")).isEqualTo("2024-05-01T10:20");
    assertThat(TextFormat.canonical(PgType.DATE, "not a date")).isEqualTo("not a date");
  }

  @Test
  void arrayLiteralsQuoteWherePostgresDoes() {
    assertThat(ArrayLiteral.parse("{a,\"b \\\"c\\\"\",NULL, d }")).isEqualTo(Arrays.asList("a", "b \"c\"", null, "d"));
    assertThat(ArrayLiteral.format(Arrays.asList("a", "b c", null, "", "x,y"))).isEqualTo("{a,\"b c\",NULL,\"\",\"x,y\"}");
    assertThatThrownBy(() -> ArrayLiteral.parse("{{1},{2}}")).hasMessageContaining("multidimensional");
  }

  @Test
  void typeNamesAsResponderWriteThem() {
    assertThat(PgType.named("INT8").oid).isEqualTo(20);
    assertThat(PgType.named("varchar(20)").oid).isEqualTo(1043);
    assertThat(PgType.named("timestamp with time zone").oid).isEqualTo(1184);
    assertThat(PgType.named("string[]").oid).isEqualTo(1009);
    assertThat(PgType.named("_int8").oid).isEqualTo(1016);
    assertThat(PgType.named("jsonb").oid).isEqualTo(3802);
    assertThat(PgType.named("int64x")).isNull();
  }
}
