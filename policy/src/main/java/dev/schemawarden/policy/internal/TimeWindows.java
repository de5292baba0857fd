package dev.schemawarden.policy.internal;

import dev.schemawarden.policy.api.PolicyRule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/** Whether an instant falls in a rule's weekly windows or freezes, judged in each one's own time zone. */
public final class TimeWindows {
  private TimeWindows() {}

  /** The first window or freeze containing {@code at}, described for people; empty when none does. */
  public static Optional<String> match(PolicyRule.When when, Instant at) {
    for (PolicyRule.Window w : when.windows()) {
      if (contains(w, at)) {
        return Optional.of(
            "in window "
                + describe(w)
                + " ("
                + at.atZone(w.zone()).toLocalDateTime()
                + " "
                + w.zone()
                + ")");
      }
    }
    for (PolicyRule.Freeze f : when.freezes()) {
      LocalDate day = at.atZone(f.zone()).toLocalDate();
      if (!day.isBefore(f.from()) && !day.isAfter(f.to())) {
        return Optional.of(
            "in freeze " + f.from() + ".." + f.to() + " " + f.zone() + " (" + f.reason() + ")");
      }
    }
    return Optional.empty();
  }

  static boolean contains(PolicyRule.Window w, Instant at) {
    ZonedDateTime local = at.atZone(w.zone());
    int minute = local.getHour() * 60 + local.getMinute();
    DayOfWeek day = local.getDayOfWeek();
    if (w.fromMinute() < w.toMinute()) {
      return w.days().contains(day) && minute >= w.fromMinute() && minute < w.toMinute();
    }
    // Runs past midnight: the evening of a listed day, or the early hours of the day after one.
    return (w.days().contains(day) && minute >= w.fromMinute())
        || (w.days().contains(day.minus(1)) && minute < w.toMinute());
  }

  static String describe(PolicyRule.Window w) {
    StringBuilder days = new StringBuilder();
    for (DayOfWeek d : DayOfWeek.values()) {
      if (w.days().contains(d)) {
        days.append(days.length() == 0 ? "" : ",")
            .append(d.getDisplayName(TextStyle.SHORT, Locale.ROOT));
      }
    }
    return days + " " + hhmm(w.fromMinute()) + "-" + hhmm(w.toMinute()) + " " + w.zone();
  }

  private static String hhmm(int minute) {
    return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
  }
}
