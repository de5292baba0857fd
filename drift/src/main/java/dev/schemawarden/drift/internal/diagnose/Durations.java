package dev.schemawarden.drift.internal.diagnose;

import java.time.Duration;

/** Durations as people read them in a report: {@code 3 d 4 h}, {@code 12 min}, {@code 40 s}. */
final class Durations {
  private Durations() {}

  static String text(Duration d) {
    long s = d.toSeconds();
    if (s >= 86_400) {
      return s / 86_400 + " d" + (s % 86_400 >= 3_600 ? " " + (s % 86_400) / 3_600 + " h" : "");
    }
    if (s >= 3_600) {
      return s / 3_600 + " h" + (s % 3_600 >= 60 ? " " + (s % 3_600) / 60 + " min" : "");
    }
    if (s >= 60) {
      return s / 60 + " min";
    }
    return s + " s";
  }
}
