package dev.schemawarden.app.server;

import io.javalin.http.BadRequestResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Query parameters as the {@code /api/} endpoints and the console read them; bad ones answer 400 with the fix. */
final class QueryParams {
  private QueryParams() {}

  static Optional<String> text(String s) {
    return Optional.ofNullable(s).map(String::trim).filter(x -> !x.isEmpty());
  }

  static long number(String s, long dflt, String name) {
    if (s == null || s.isBlank()) {
      return dflt;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestResponse(name + " must be a whole number, got '" + s + "'");
    }
  }

  /** An instant ({@code 2026-01-05T10:00:00Z}) or a day ({@code 2026-01-05}, midnight UTC). */
  static Optional<Instant> time(String s, String name) {
    if (s == null || s.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          s.length() == 10
              ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
              : Instant.parse(s));
    } catch (DateTimeParseException e) {
      throw new BadRequestResponse(
          name + " must be a date (2026-01-05) or an instant (2026-01-05T10:00:00Z)");
    }
  }
}
