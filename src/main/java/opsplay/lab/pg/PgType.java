package opsplay.lab.pg;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A PostgreSQL data type the server can describe: its OID, its fixed length and, for arrays, its element. */
enum PgType {
  BOOL(16, 1, null, "bool", "boolean"),
  BYTEA(17, -1, null, "bytea", "bytes"),
  NAME(19, 64, null, "name"),
  INT8(20, 8, null, "int8", "bigint", "int", "integer", "int64", "serial8", "bigserial"),
  INT2(21, 2, null, "int2", "smallint"),
  INT4(23, 4, null, "int4", "int32"),
  TEXT(25, -1, null, "text", "string"),
  OID(26, 4, null, "oid"),
  JSON(114, -1, null, "json"),
  FLOAT4(700, 4, null, "float4", "real"),
  FLOAT8(701, 8, null, "float8", "float", "double precision", "double"),
  UNKNOWN(705, -2, null, "unknown"),
  BPCHAR(1042, -1, null, "bpchar", "char", "character"),
  VARCHAR(1043, -1, null, "varchar", "character varying"),
  DATE(1082, 4, null, "date"),
  TIME(1083, 8, null, "time", "time without time zone"),
  TIMESTAMP(1114, 8, null, "timestamp", "timestamp without time zone"),
  TIMESTAMPTZ(1184, 8, null, "timestamptz", "timestamp with time zone"),
  INTERVAL(1186, 16, null, "interval"),
  TIMETZ(1266, 12, null, "timetz", "time with time zone"),
  NUMERIC(1700, -1, null, "numeric", "decimal"),
  UUID(2950, 16, null, "uuid"),
  JSONB(3802, -1, null, "jsonb"),
  BOOL_ARRAY(1000, -1, BOOL),
  BYTEA_ARRAY(1001, -1, BYTEA),
  INT2_ARRAY(1005, -1, INT2),
  INT4_ARRAY(1007, -1, INT4),
  TEXT_ARRAY(1009, -1, TEXT),
  INT8_ARRAY(1016, -1, INT8),
  FLOAT4_ARRAY(1021, -1, FLOAT4),
  FLOAT8_ARRAY(1022, -1, FLOAT8),
  OID_ARRAY(1028, -1, OID),
  VARCHAR_ARRAY(1015, -1, VARCHAR),
  DATE_ARRAY(1182, -1, DATE),
  TIMESTAMP_ARRAY(1115, -1, TIMESTAMP),
  TIMESTAMPTZ_ARRAY(1185, -1, TIMESTAMPTZ),
  NUMERIC_ARRAY(1231, -1, NUMERIC),
  UUID_ARRAY(2951, -1, UUID),
  JSONB_ARRAY(3807, -1, JSONB);

  private static final Map<String, PgType> BY_NAME = new HashMap<>();
  private static final Map<Integer, PgType> BY_OID = new HashMap<>();

  static {
    for (PgType t : values()) {
      BY_OID.put(t.oid, t);
      for (String name : t.names) BY_NAME.put(name, t);
    }
    for (PgType t : values()) {
      if (t.element == null) continue;
      for (String name : t.element.names) {
        BY_NAME.put(name + "[]", t);
        BY_NAME.put("_" + name, t);
      }
    }
  }

  final int oid;
  final short length;
  final PgType element;
  private final String[] names;

  PgType(int oid, int length, PgType element, String... names) {
    this.oid = oid;
    this.length = (short) length;
    this.element = element;
    this.names = names;
  }

  /**
   * The type a responder names ({@code int8}, {@code INT8}, {@code varchar(20)}, {@code string[]},
   * {@code _int8}), or null for a name this server does not know. Modifiers in parentheses do
   * not change the OID, so they are dropped.
   */
  static PgType named(String name) {
    if (name == null) return null;
    String plain = name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s*\\([^)]*\\)", "").replaceAll("\\s+", " ");
    return BY_NAME.get(plain);
  }

  /** The type with this OID, or null (0, "unspecified", included). */
  static PgType of(int oid) {
    return BY_OID.get(oid);
  }

  /** The name pg_catalog.pg_type gives it: {@code int8}, {@code _int8} for its array. */
  String typname() {
    return element == null ? names[0] : "_" + element.names[0];
  }

  /** The array type of this element type, or null. */
  PgType array() {
    for (PgType t : values()) {
      if (t.element == this) return t;
    }
    return null;
  }

  boolean isArray() {
    return element != null;
  }
}
