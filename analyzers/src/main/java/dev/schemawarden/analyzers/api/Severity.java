package dev.schemawarden.analyzers.api;

import java.util.Locale;

/** How bad a finding is. Ordered: {@code OFF < INFO < WARNING < ERROR}; {@code OFF} disables a rule. */
public enum Severity {
  OFF,
  INFO,
  WARNING,
  ERROR;

  /** True when this severity is at or above {@code threshold} (and neither is OFF). */
  public boolean atLeast(Severity threshold) {
    return this != OFF && threshold != OFF && compareTo(threshold) >= 0;
  }

  /** Lower-case name as used in config files, CLI flags and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code off|info|warning|error} (case-insensitive; {@code warn} is accepted for warning). */
  public static Severity parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("warn")) {
      return WARNING;
    }
    for (Severity s : values()) {
      if (s.label().equals(t)) {
        return s;
      }
    }
    throw new WardenException(
        ErrorCode.USAGE, "unknown severity '" + text + "': use one of off, info, warning, error");
  }
}
