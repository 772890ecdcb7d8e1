package opsplay.lab.pg;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * PostgreSQL's binary format for the types a client may ask for it (pgjdbc does for integers,
 * floats, numeric, dates and times, uuid, bytea and their arrays once a statement is prepared on
 * the server, and sends such parameters in binary). Values go in and out as PostgreSQL text.
 */
final class BinaryFormat {
  private static final LocalDateTime EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);
  private static final LocalDate EPOCH_DAY = EPOCH.toLocalDate();
  private static final short NUMERIC_NEGATIVE = 0x4000;
  private static final short NUMERIC_NAN = (short) 0xC000;
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10000);

  private BinaryFormat() {}

  /** The binary form of a text value; IllegalArgumentException when the text is not a value of the type. */
  static byte[] encode(PgType type, String text) {
    if (type.isArray()) return encodeArray(type, text);
    return switch (type) {
      case BOOL -> new byte[] {(byte) (TextFormat.bool(text) ? 1 : 0)};
      case INT2 -> ByteBuffer.allocate(2).putShort(Short.parseShort(text.strip())).array();
      case INT4, OID -> ByteBuffer.allocate(4).putInt((int) Long.parseLong(text.strip())).array();
      case INT8 -> ByteBuffer.allocate(8).putLong(Long.parseLong(text.strip())).array();
      case FLOAT4 -> ByteBuffer.allocate(4).putFloat(Float.parseFloat(text.strip())).array();
      case FLOAT8 -> ByteBuffer.allocate(8).putDouble(Double.parseDouble(text.strip())).array();
      case NUMERIC -> numeric(text.strip());
      case BYTEA -> bytes(text);
      case UUID -> uuid(java.util.UUID.fromString(text.strip()));
      case DATE -> ByteBuffer.allocate(4).putInt(days(text)).array();
      case TIME -> ByteBuffer.allocate(8).putLong(micros(TextFormat.time(text).toLocalTime())).array();
      case TIMETZ -> timetz(TextFormat.time(text));
      case TIMESTAMP -> ByteBuffer.allocate(8).putLong(micros(text, false)).array();
      case TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(micros(text, true)).array();
      case JSONB -> jsonb(text);
      case INTERVAL -> throw new IllegalArgumentException("binary interval values are not supported, ask for text");
      default -> text.getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The text of a binary value; IllegalArgumentException when the bytes are not a value of the type. */
  static String decode(PgType type, byte[] b) {
    if (type.isArray()) return decodeArray(b);
    ByteBuffer in = ByteBuffer.wrap(b);
    String text = switch (type) {
      case BOOL -> b.length == 1 ? (b[0] != 0 ? "true" : "false") : null;
      case INT2 -> b.length == 2 ? String.valueOf(in.getShort()) : null;
      case INT4 -> b.length == 4 ? String.valueOf(in.getInt()) : null;
      case OID -> b.length == 4 ? String.valueOf(Integer.toUnsignedLong(in.getInt())) : null;
      case INT8 -> b.length == 8 ? String.valueOf(in.getLong()) : null;
      case FLOAT4 -> b.length == 4 ? String.valueOf(in.getFloat()) : null;
      case FLOAT8 -> b.length == 8 ? String.valueOf(in.getDouble()) : null;
      case NUMERIC -> numeric(in);
      case BYTEA -> "\\x" + HexFormat.of().formatHex(b);
      case UUID -> b.length == 16 ? new java.util.UUID(in.getLong(), in.getLong()).toString() : null;
      case DATE -> b.length == 4 ? date(in.getInt()) : null;
      case TIME -> b.length == 8 ? TextFormat.time(LocalTime.ofNanoOfDay(in.getLong() * 1000)) : null;
      case TIMETZ -> b.length == 12 ? timetz(in) : null;
      case TIMESTAMP -> b.length == 8 ? timestamp(in.getLong(), false) : null;
      case TIMESTAMPTZ -> b.length == 8 ? timestamp(in.getLong(), true) : null;
      case INTERVAL -> b.length == 16 ? interval(in.getLong(), in.getInt(), in.getInt()) : null;
      case JSONB -> b.length > 0 && b[0] == 1 ? new String(b, 1, b.length - 1, StandardCharsets.UTF_8) : null;
      default -> new String(b, StandardCharsets.UTF_8);
    };
    if (text == null) throw new IllegalArgumentException("invalid binary value for type " + type.name().toLowerCase(java.util.Locale.ROOT));
    return text;
  }

  private static byte[] bytes(String text) {
    if (text.startsWith("\\x")) return HexFormat.of().parseHex(text.substring(2));
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] uuid(java.util.UUID u) {
    return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
  }

  private static byte[] jsonb(String text) {
    byte[] json = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(json.length + 1).put((byte) 1).put(json).array();
  }

  private static int days(String text) {
    String t = text.strip();
    if (t.equals("infinity")) return Integer.MAX_VALUE;
    if (t.equals("-infinity")) return Integer.MIN_VALUE;
    return (int) ChronoUnit.DAYS.between(EPOCH_DAY, TextFormat.date(t));
  }

  private static String date(int days) {
    if (days == Integer.MAX_VALUE) return "infinity";
    if (days == Integer.MIN_VALUE) return "-infinity";
    return EPOCH_DAY.plusDays(days).toString();
  }

  private static long micros(LocalTime t) {
    return t.toNanoOfDay() / 1000;
  }

  /** Microseconds since 2000-01-01 00:00, in UTC for timestamptz; a timestamp keeps its wall-clock time. */
  private static long micros(String text, boolean zoned) {
    String t = text.strip();
    if (t.equals("infinity")) return Long.MAX_VALUE;
    if (t.equals("-infinity")) return Long.MIN_VALUE;
    OffsetDateTime at = TextFormat.timestamp(t);
    LocalDateTime wall = zoned ? at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : at.toLocalDateTime();
    return ChronoUnit.MICROS.between(EPOCH, wall);
  }

  private static String timestamp(long micros, boolean zoned) {
    if (micros == Long.MAX_VALUE) return "infinity";
    if (micros == Long.MIN_VALUE) return "-infinity";
    String wall = TextFormat.timestamp(EPOCH.plus(micros, ChronoUnit.MICROS));
    return zoned ? wall + "+00" : wall;
  }

  /** Time of day in microseconds, then the offset in seconds west of UTC (PostgreSQL's sign). */
  private static byte[] timetz(OffsetTime t) {
    return ByteBuffer.allocate(12).putLong(micros(t.toLocalTime())).putInt(-t.getOffset().getTotalSeconds()).array();
  }

  private static String timetz(ByteBuffer in) {
    LocalTime t = LocalTime.ofNanoOfDay(in.getLong() * 1000);
    return TextFormat.time(t) + TextFormat.offset(ZoneOffset.ofTotalSeconds(-in.getInt()));
  }

  /** PostgreSQL's output style: {@code 1 year 2 mons 3 days 04:05:06.5}; hours may exceed 24. */
  private static String interval(long micros, int days, int months) {
    List<String> parts = new ArrayList<>();
    if (months / 12 != 0) parts.add(unit(months / 12, "year"));
    if (months % 12 != 0) parts.add(unit(months % 12, "mon"));
    if (days != 0) parts.add(unit(days, "day"));
    if (micros != 0 || parts.isEmpty()) {
      long abs = Math.abs(micros);
      String minutes = TextFormat.time(LocalTime.ofNanoOfDay(abs % 3_600_000_000L * 1000)).substring(3);
      parts.add((micros < 0 ? "-" : "") + String.format(java.util.Locale.ROOT, "%02d:", abs / 3_600_000_000L) + minutes);
    }
    return String.join(" ", parts);
  }

  private static String unit(int n, String name) {
    return n + " " + name + (Math.abs(n) == 1 ? "" : "s");
  }

  /** Base-10000 digits with a weight (the power of the first digit), a sign and the number of decimals. */
  private static byte[] numeric(String text) {
    if (text.equalsIgnoreCase("NaN")) return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort(NUMERIC_NAN).putShort((short) 0).array();
    BigDecimal value = new BigDecimal(text);
    int scale = Math.max(value.scale(), 0);
    BigInteger unscaled = value.abs().setScale(scale).unscaledValue();
    int pad = (4 - scale % 4) % 4;
    unscaled = unscaled.multiply(BigInteger.TEN.pow(pad));
    List<Short> digits = new ArrayList<>();
    while (unscaled.signum() > 0) {
      BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
      digits.add(0, qr[1].shortValue());
      unscaled = qr[0];
    }
    int weight = digits.size() - (scale + pad) / 4 - 1;
    while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) digits.remove(digits.size() - 1);
    ByteBuffer out = ByteBuffer.allocate(8 + 2 * digits.size());
    out.putShort((short) digits.size()).putShort((short) (digits.isEmpty() ? 0 : weight));
    out.putShort(value.signum() < 0 ? NUMERIC_NEGATIVE : 0).putShort((short) scale);
    for (short d : digits) out.putShort(d);
    return out.array();
  }

  private static String numeric(ByteBuffer in) {
    int count = in.getShort();
    int weight = in.getShort();
    short sign = in.getShort();
    int scale = in.getShort();
    if (sign == NUMERIC_NAN) return "NaN";
    BigInteger unscaled = BigInteger.ZERO;
    for (int k = 0; k < count; k++) unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(in.getShort()));
    BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - count + 1)).setScale(scale, java.math.RoundingMode.DOWN);
    return (sign == NUMERIC_NEGATIVE ? value.negate() : value).toPlainString();
  }

  /** Header (dimensions, has-nulls flag, element OID), then each dimension's size and lower bound, then the elements. */
  private static byte[] encodeArray(PgType type, String text) {
    List<String> elements = ArrayLiteral.parse(text);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean nulls = elements.contains(null);
    out.writeBytes(ByteBuffer.allocate(12).putInt(elements.isEmpty() ? 0 : 1).putInt(nulls ? 1 : 0).putInt(type.element.oid).array());
    if (!elements.isEmpty()) out.writeBytes(ByteBuffer.allocate(8).putInt(elements.size()).putInt(1).array());
    for (String e : elements) {
      byte[] v = e == null ? null : encode(type.element, e);
      out.writeBytes(ByteBuffer.allocate(4).putInt(v == null ? -1 : v.length).array());
      if (v != null) out.writeBytes(v);
    }
    return out.toByteArray();
  }

  private static String decodeArray(byte[] b) {
    ByteBuffer in = ByteBuffer.wrap(b);
    int dimensions = in.getInt();
    in.getInt();
    PgType element = PgType.of(in.getInt());
    if (dimensions > 1) throw new IllegalArgumentException("multidimensional arrays are not supported");
    if (element == null) throw new IllegalArgumentException("unsupported array element type");
    int size = dimensions == 0 ? 0 : in.getInt();
    if (dimensions == 1) in.getInt();
    List<String> elements = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      int length = in.getInt();
      if (length < 0) {
        elements.add(null);
        continue;
      }
      byte[] v = new byte[length];
      in.get(v);
      elements.add(decode(element, v));
    }
    return ArrayLiteral.format(elements);
  }
}
