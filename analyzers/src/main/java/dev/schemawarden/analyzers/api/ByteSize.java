package dev.schemawarden.analyzers.api;

import java.util.Locale;

/**
 * The one way a size reaches a person: reports, impact estimates, replica and trace budgets. Binary units with
 * their IEC names (KiB, MiB, GiB, ...), because every limit a user configures is in those units and a 1024-based
 * size printed as "MB" is read as 10^6; one decimal, dropped when it is zero ("2 GiB", "1.5 MiB", "512 bytes").
 */
public final class ByteSize {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private ByteSize() {}

  public static String format(long bytes) {
    if (bytes < 0) {
      // Long.MIN_VALUE has no positive counterpart: its magnitude still prints right through the
      // double below.
      return "-" + format(bytes == Long.MIN_VALUE ? Long.MAX_VALUE : -bytes);
    }
    if (bytes < 1024) {
      return bytes == 1 ? "1 byte" : bytes + " bytes";
    }
    double value = bytes / 1024.0;
    int unit = 0;
    // Rounded to one decimal before the unit is chosen: 1,048,575 bytes is "1 MiB", not "1024 KiB".
    while (Math.round(value * 10) >= 1024 * 10 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = String.format(Locale.ROOT, "%.1f", value);
    if (number.endsWith(".0")) {
      number = number.substring(0, number.length() - 2);
    }
    return number + " " + UNITS[unit];
  }

  /** A throughput: {@code 1.5 GiB/s}. */
  public static String rate(double bytesPerSecond) {
    return format((long) bytesPerSecond) + "/s";
  }
}
