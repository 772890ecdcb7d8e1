package opsplay.lab.pg;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values in PostgreSQL's text format (DateStyle ISO): the forms this server sends and the forms
 * it reads from responders, which may write ISO-8601 ({@code 2024-05-01T10:00:00Z}) or
 * {@code true}/{@code false} where PostgreSQL writes {@code 2024-05-01 10:00:00+00} and {@code t}/{@code f}.
 */
final class TextFormat {
  private static final Pattern DATE_TIME = Pattern.compile(
      "(\\d{4,})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
          + "\\s*(Z|z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?)?");
  private static final Pattern TIME = Pattern.compile(
      "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?\\s*(Z|z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?)?");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

  private TextFormat() {}

  /**
   * The text PostgreSQL would send for a responder's value of type {@code type}: booleans as
   * {@code t}/{@code f}, dates and times in ISO DateStyle. Anything it cannot read passes unchanged.
   */
  static String canonical(PgType type, String text) {
    try {
      return switch (type) {
        case BOOL -> bool(text) ? "t" : "f";
        case DATE -> date(text).format(DATE);
        case TIME -> time(time(text).toLocalTime());
        case TIMETZ -> time(time(text).toLocalTime()) + offset(time(text).getOffset());
        case TIMESTAMP -> timestamp(timestamp(text).toLocalDateTime());
        case TIMESTAMPTZ -> timestamp(timestamp(text).toLocalDateTime()) + offset(timestamp(text).getOffset());
        default -> text;
      };
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /** PostgreSQL's boolean input: {@code t}, {@code true}, {@code yes}, {@code on}, {@code 1} and their opposites. */
  static boolean bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "t", "true", "y", "yes", "on", "1" -> true;
      case "f", "false", "n", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("invalid input syntax for type boolean: \"" + text + "\"");
    };
  }

  static LocalDate date(String text) {
    return timestamp(text).toLocalDate();
  }

  /** A date with an optional time and offset; without an offset it is taken as UTC, as the lab's TimeZone is. */
  static OffsetDateTime timestamp(String text) {
    Matcher m = DATE_TIME.matcher(text.strip());
    if (!m.matches()) throw new IllegalArgumentException("invalid input syntax for type timestamp: \"" + text + "\"");
    LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    LocalTime at = m.group(4) == null ? LocalTime.MIDNIGHT : clock(m.group(4), m.group(5), m.group(6), m.group(7));
    return OffsetDateTime.of(LocalDateTime.of(day, at), zone(m.group(8)));
  }

  static OffsetTime time(String text) {
    Matcher m = TIME.matcher(text.strip());
    if (!m.matches()) throw new IllegalArgumentException("invalid input syntax for type time: \"" + text + "\"");
    return OffsetTime.of(clock(m.group(1), m.group(2), m.group(3), m.group(4)), zone(m.group(5)));
  }

  private static LocalTime clock(String hour, String minute, String second, String fraction) {
    int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    return LocalTime.of(Integer.parseInt(hour), Integer.parseInt(minute), second == null ? 0 : Integer.parseInt(second), nanos);
  }

  private static ZoneOffset zone(String offset) {
    if (offset == null) return ZoneOffset.UTC;
    try {
      return ZoneOffset.of(offset.equals("z") ? "Z" : offset.length() == 2 ? offset.charAt(0) + "0" + offset.charAt(1) : offset);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("invalid time zone offset \"" + offset + "\"", e);
    }
  }

  static String timestamp(LocalDateTime t) {
    return t.toLocalDate().format(DATE) + " " + time(t.toLocalTime());
  }

  /** {@code HH:MM:SS} with the fraction of a second only when there is one, trailing zeros dropped. */
  static String time(LocalTime t) {
    String s = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    if (t.getNano() == 0) return s;
    return s + "." + String.format(Locale.ROOT, "%09d", t.getNano()).replaceAll("0+$", "");
  }

  /** {@code +HH}, or {@code +HH:MM} and {@code +HH:MM:SS} when needed, as PostgreSQL writes offsets. */
  static String offset(ZoneOffset z) {
    int total = z.getTotalSeconds();
    int abs = Math.abs(total);
    String s = String.format(Locale.ROOT, "%s%02d", total < 0 ? "-" : "+", abs / 3600);
    if (abs % 3600 != 0) s += String.format(Locale.ROOT, ":%02d", abs % 3600 / 60);
    if (abs % 60 != 0) s += String.format(Locale.ROOT, ":%02d", abs % 60);
    return s;
  }
}
