package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import java.util.Objects;

/**
 * What {@code warden diagnose} reports: the pass over one environment and the threshold it is judged against.
 *
 * @param environment the environment's name from {@code .schemawarden.yml}, or {@code manual} for {@code --url}
 * @param failOn problems at or above it block (exit 1)
 */
public record DiagnoseReport(String environment, Diagnosis diagnosis, Severity failOn) {
  public DiagnoseReport {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(diagnosis, "diagnosis");
    Objects.requireNonNull(failOn, "failOn");
  }

  public boolean blocked() {
    return diagnosis.blocks(failOn);
  }

  /** A measure as people read it: bytes in kB/MB/GB, fractions as percentages, rates with one decimal. */
  static String show(Problem.Measure m) {
    return switch (m.unit()) {
      case "bytes" -> ByteSize.format((long) m.value());
      case "fraction" -> ReportSupport.oneDecimal(m.value() * 100) + "%";
      case "per_second" -> ReportSupport.oneDecimal(m.value()) + "/s";
      case "seconds" ->
          HumanDuration.format(java.time.Duration.ofMillis((long) (m.value() * 1000)));
      default -> m.display();
    };
  }
}
