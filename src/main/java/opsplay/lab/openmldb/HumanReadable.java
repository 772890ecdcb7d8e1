package opsplay.lab.openmldb;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * OpenMLDB's two number formats ({@code base/strings.h}): ages as {@code 523ms}, {@code 3s},
 * {@code 1m}, {@code 15d} (integer-truncated), and sizes as {@code 0.000}, {@code 1.266 K} (base
 * 1024, three decimals, a space before the unit).
 */
final class HumanReadable {
  private static final long[] TIME_STEPS = {1000, 60, 60, 24};
  private static final String[] TIME_LABELS = {"ms", "s", "m", "h", "d"};
  private static final String[] SIZE_LABELS = {"", " K", " M", " G", " T", " P", " E"};

  private HumanReadable() {}

  static String time(long millis) {
    long value = millis;
    for (int i = 0; i < TIME_STEPS.length; i++) {
      long next = value / TIME_STEPS[i];
      if (next == 0) return value + TIME_LABELS[i];
      value = next;
    }
    return value + TIME_LABELS[4];
  }

  static String bytes(long count) {
    int shift = 0;
    double value = count;
    long rest = count;
    while ((rest >>= 10) > 0 && shift < SIZE_LABELS.length - 1) {
      value /= 1024;
      shift++;
    }
    return threeDecimals(value) + SIZE_LABELS[shift];
  }

  // printf("%.3f") rounds the exact binary value, ties to even; BigDecimal(double) is that value.
  private static String threeDecimals(double value) {
    return new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
  }
}
