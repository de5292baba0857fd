package dev.schemawarden.drift.internal.diagnose;

import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Problem;
import java.util.ArrayList;
import java.util.List;

/** One diagnose pass: the connection, the settings, the counters' window and what the checks found so far. */
final class Pass {
  final Db db;
  final DiagnoseSettings settings;

  /** The database's name. */
  final String database;

  /** Seconds the counters have been counting: the denominator of every rate. */
  final double observedSeconds;

  final List<Problem> problems = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  Pass(Db db, DiagnoseSettings settings, String database, double observedSeconds) {
    this.db = db;
    this.settings = settings;
    this.database = database;
    this.observedSeconds = observedSeconds;
  }

  /** INFO below {@code warning}, WARNING below {@code error}, else ERROR. */
  static Severity bySize(double value, double warning, double error) {
    return value >= error ? Severity.ERROR : value >= warning ? Severity.WARNING : Severity.INFO;
  }

  /** {@code count} per second over the window; 0 when the window is under a second. */
  double rate(double count) {
    return observedSeconds < 1 ? 0 : count / observedSeconds;
  }
}
