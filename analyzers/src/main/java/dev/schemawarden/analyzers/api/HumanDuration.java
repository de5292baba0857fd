package dev.schemawarden.analyzers.api;

import java.time.Duration;
import java.util.Locale;

/**
 * The one way a duration reaches a person: lock and rewrite estimates, budgets, diagnose windows, a snapshot's
 * age. The largest unit that keeps the number under its next step (ms, s, min, h, then days from 48 h), one
 * decimal dropped when it is zero: {@code 250 ms}, {@code 1.5 s}, {@code 10 min}, {@code 4.2 h}, {@code 7 days}.
 */
public final class HumanDuration {
  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private HumanDuration() {}

  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long ms = saturatedMillis(d);
    if (ms < SECOND) {
      return ms + " ms";
    }
    // Each unit is kept while its one-decimal rounding stays below the next step: 59.96 s is "1
    // min", not "60 s".
    if (tenths(ms, SECOND) < 600) {
      return oneDecimal(ms, SECOND) + " s";
    }
    if (tenths(ms, MINUTE) < 600) {
      return oneDecimal(ms, MINUTE) + " min";
    }
    if (tenths(ms, HOUR) < 480) {
      return oneDecimal(ms, HOUR) + " h";
    }
    return oneDecimal(ms, DAY) + " days";
  }

  private static long saturatedMillis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static long tenths(long ms, long unit) {
    return Math.round(ms * 10.0 / unit);
  }

  private static String oneDecimal(long ms, long unit) {
    String s = String.format(Locale.ROOT, "%.1f", ms / (double) unit);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
