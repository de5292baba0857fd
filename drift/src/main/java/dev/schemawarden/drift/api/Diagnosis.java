package dev.schemawarden.drift.api;

import dev.schemawarden.analyzers.api.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code warden diagnose} pass found, and what it cost production.
 *
 * @param database the database's name
 * @param serverVersion {@code server_version}
 * @param readAt when the pass read the statistics (the server's clock)
 * @param countersSince since when the cumulative counters have been counting ({@code pg_stat_database.stats_reset},
 *     else the server's start): every rate and "no scans" covers {@code countersSince .. readAt}
 * @param window the window the settings asked for
 * @param problems sorted: severity (worst first), check, object
 * @param notes what could not be read or judged (a check skipped for a short window, a sequence the role cannot
 *     read), one line each
 * @param queries how many queries the pass ran on production
 * @param queryTime their total time, as the client measured it
 */
public record Diagnosis(
    String database,
    String serverVersion,
    Instant readAt,
    Instant countersSince,
    Duration window,
    List<Problem> problems,
    List<String> notes,
    int queries,
    Duration queryTime) {

  /** The order problems are reported in. */
  public static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::severity)
          .reversed()
          .thenComparing(Problem::check)
          .thenComparing(Problem::object);

  public Diagnosis {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(readAt, "readAt");
    Objects.requireNonNull(countersSince, "countersSince");
    Objects.requireNonNull(window, "window");
    problems = problems.stream().sorted(ORDER).toList();
    notes = List.copyOf(notes);
    Objects.requireNonNull(queryTime, "queryTime");
  }

  /** How long the counters behind the evidence have been counting. */
  public Duration observed() {
    return Duration.between(countersSince, readAt);
  }

  /** The same pass with {@code newProblems} instead (after severity overrides). */
  public Diagnosis withProblems(List<Problem> newProblems) {
    return new Diagnosis(
        database,
        serverVersion,
        readAt,
        countersSince,
        window,
        newProblems,
        notes,
        queries,
        queryTime);
  }

  /** True when a problem is at or above {@code failOn}. */
  public boolean blocks(Severity failOn) {
    return problems.stream().anyMatch(p -> p.severity().atLeast(failOn));
  }
}
