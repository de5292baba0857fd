package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.report.ReportFormat;
import dev.schemawarden.app.report.ReviewReport;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --format}, {@code --output} and {@code --fail-on}, shared by the commands that write a report. */
public final class ReportOptions {

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Text (default), markdown, json, sarif, codequality or github (workflow annotations).")
  String format = Renderers.DEFAULT_FORMAT;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the report to FILE instead of stdout (its directory must exist).")
  Path output;

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "Error, warning or info: exit 1 when a finding is at or above it "
          + "(default: fail-on in .schemawarden.yml, else error).")
  String failOn;

  Optional<Severity> failOn() {
    if (failOn == null) {
      return Optional.empty();
    }
    Severity s = Severity.parse(failOn);
    if (s == Severity.OFF) {
      throw new WardenException(ErrorCode.USAGE, "--fail-on off would never block: use error, warning or info");
    }
    return Optional.of(s);
  }

  /** Validates the format and the output path before any work starts, so a typo fails in milliseconds. */
  ReportFormat format() {
    if (output != null) {
      OutputFile.checkWritable(output, "--output");
    }
    return ReportFormat.parse(format);
  }

  /** Renders and writes the report; returns the exit code (1 when blocked). */
  int write(CliContext ctx, ReviewReport report, ReportFormat format) {
    String text = ctx.renderers().render(report, format);
    OutputOption.emit(ctx, output, text, format.label() + " report", report.findings().size() + " finding(s), "
        + (report.blocked() ? "blocked" : "passes"));
    return report.blocked() ? 1 : 0;
  }
}
