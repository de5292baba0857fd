package dev.schemawarden.policy.internal;

import dev.schemawarden.analyzers.api.yaml.YamlNode;
import dev.schemawarden.analyzers.api.yaml.YamlNode.Entry;
import dev.schemawarden.policy.api.PolicyRule;
import dev.schemawarden.policy.internal.yaml.NodeReader;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code match.when}: weekly windows and date-range freezes, each in an IANA time zone. */
final class WhenReader {
  private static final Set<String> WHEN_KEYS = Set.of("zone", "windows", "freezes");
  private static final Set<String> WINDOW_KEYS = Set.of("days", "from", "to", "zone");
  private static final Set<String> FREEZE_KEYS = Set.of("from", "to", "zone", "reason");
  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
  private static final Map<String, Set<DayOfWeek>> DAYS = days();

  private final NodeReader r;

  WhenReader(NodeReader r) {
    this.r = r;
  }

  PolicyRule.When when(YamlNode.Mapping m) {
    r.allowOnly(m, "'when'", WHEN_KEYS);
    ZoneId zone = m.entry("zone").flatMap(this::zone).orElse(ZoneOffset.UTC);
    List<PolicyRule.Window> windows = new ArrayList<>();
    m.entry("windows")
        .flatMap(f -> r.list(f.value(), "'windows'"))
        .ifPresent(
            l ->
                l.items()
                    .forEach(
                        item ->
                            r.map(item, "each window")
                                .flatMap(w -> window(w, zone))
                                .ifPresent(windows::add)));
    List<PolicyRule.Freeze> freezes = new ArrayList<>();
    m.entry("freezes")
        .flatMap(f -> r.list(f.value(), "'freezes'"))
        .ifPresent(
            l ->
                l.items()
                    .forEach(
                        item ->
                            r.map(item, "each freeze")
                                .flatMap(fr -> freeze(fr, zone))
                                .ifPresent(freezes::add)));
    if (m.entry("windows").isEmpty() && m.entry("freezes").isEmpty()) {
      r.problem(
          m.line(),
          "'when' has neither 'windows' nor 'freezes'",
          "add windows: or freezes:, or remove when:");
    }
    return new PolicyRule.When(windows, freezes);
  }

  private Optional<PolicyRule.Window> window(YamlNode.Mapping m, ZoneId defaultZone) {
    r.allowOnly(m, "a window", WINDOW_KEYS);
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    m.entry("days")
        .ifPresent(
            f ->
                r.strings(f)
                    .forEach(
                        d ->
                            r.oneOf(f.keyLine(), "day", d, DAYS.keySet())
                                .ifPresent(k -> days.addAll(DAYS.get(k)))));
    if (m.entry("days").isEmpty()) {
      days.addAll(EnumSet.allOf(DayOfWeek.class));
    }
    Optional<Integer> from = m.entry("from").flatMap(f -> minute(f, false));
    Optional<Integer> to = m.entry("to").flatMap(f -> minute(f, true));
    if (m.entry("from").isEmpty() || m.entry("to").isEmpty()) {
      r.problem(
          m.line(),
          "a window needs both 'from' and 'to'",
          "write from: \"17:00\" and to: \"24:00\"");
    }
    ZoneId zone = m.entry("zone").flatMap(this::zone).orElse(defaultZone);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PolicyRule.Window(days, from.get(), to.get(), zone));
  }

  private Optional<PolicyRule.Freeze> freeze(YamlNode.Mapping m, ZoneId defaultZone) {
    r.allowOnly(m, "a freeze", FREEZE_KEYS);
    Optional<LocalDate> from = m.entry("from").flatMap(this::date);
    Optional<LocalDate> to = m.entry("to").flatMap(this::date);
    if (m.entry("from").isEmpty() || m.entry("to").isEmpty()) {
      r.problem(
          m.line(),
          "a freeze needs both 'from' and 'to' dates",
          "write from: 2025-12-22 and to: 2026-01-02");
    }
    ZoneId zone = m.entry("zone").flatMap(this::zone).orElse(defaultZone);
    String reason = m.entry("reason").flatMap(r::string).orElse("change freeze");
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    if (to.get().isBefore(from.get())) {
      r.problem(
          m.entry("to").get().keyLine(),
          "freeze ends (" + to.get() + ") before it starts (" + from.get() + ")",
          "swap 'from' and 'to'");
      return Optional.empty();
    }
    return Optional.of(new PolicyRule.Freeze(from.get(), to.get(), zone, reason));
  }

  private Optional<ZoneId> zone(Entry f) {
    return r.string(f)
        .flatMap(
            z -> {
              try {
                return Optional.of(ZoneId.of(z));
              } catch (DateTimeException e) {
                r.problem(
                    f.keyLine(),
                    "unknown time zone '" + z + "'",
                    NodeReader.didYouMean(z, ZoneId.getAvailableZoneIds())
                            .map(s -> "did you mean '" + s + "'? ")
                            .orElse("")
                        + "use an IANA name such as Europe/Berlin, America/New_York or UTC");
                return Optional.empty();
              }
            });
  }

  private Optional<Integer> minute(Entry f, boolean allow24) {
    return r.string(f)
        .flatMap(
            t -> {
              Matcher m = TIME.matcher(t);
              if (m.matches()) {
                int h = Integer.parseInt(m.group(1));
                int min = Integer.parseInt(m.group(2));
                if ((h < 24 && min < 60) || (allow24 && h == 24 && min == 0)) {
                  return Optional.of(h * 60 + min);
                }
              }
              r.problem(
                  f.keyLine(),
                  "'"
                      + f.key()
                      + "' must be a time HH:MM"
                      + (allow24 ? " (24:00 for midnight)" : "")
                      + ", not '"
                      + t
                      + "'",
                  "write it quoted, e.g. " + f.key() + ": \"17:00\"");
              return Optional.empty();
            });
  }

  private Optional<LocalDate> date(Entry f) {
    return r.string(f)
        .flatMap(
            t -> {
              try {
                return Optional.of(LocalDate.parse(t));
              } catch (DateTimeParseException e) {
                r.problem(
                    f.keyLine(),
                    "'" + f.key() + "' must be a date YYYY-MM-DD, not '" + t + "'",
                    "write e.g. " + f.key() + ": 2025-12-22");
                return Optional.empty();
              }
            });
  }

  private static Map<String, Set<DayOfWeek>> days() {
    Map<String, Set<DayOfWeek>> m = new java.util.HashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      m.put(full, Set.of(d));
      m.put(full.substring(0, 3), Set.of(d));
    }
    m.put("weekdays", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    m.put("weekend", EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    return Map.copyOf(m);
  }
}
