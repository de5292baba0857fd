package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.report.ReportFormat;
import dev.schemawarden.app.report.ReviewReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --format}, {@code --output} and {@code --fail-on}, shared by the commands that write a report. */
public final class ReportOptions {

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "Text (default), markdown, json, sarif, codequality or github (workflow annotations).")
  String format = Renderers.DEFAULT_FORMAT;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of stdout (its directory must exist).")
  Path output;

  @Option(
      names = "--also-output",
      paramLabel = "FORMAT=FILE",
      description =
          "Also write the report in FORMAT to FILE (repeatable): one run, several reports, e.g."
              + " --also-output sarif=warden.sarif --also-output markdown=summary.md.")
  List<String> alsoOutput = new ArrayList<>();

  /** One {@code --also-output}. */
  record Extra(ReportFormat format, Path file) {}

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description =
          "Error, warning or info: exit 1 when a finding is at or above it "
              + "(default: fail-on in .schemawarden.yml, else error).")
  String failOn;

  Optional<Severity> failOn() {
    if (failOn == null) {
      return Optional.empty();
    }
    Severity s = Severity.parse(failOn);
    if (s == Severity.OFF) {
      throw new WardenException(
          ErrorCode.USAGE, "--fail-on off would never block: use error, warning or info");
    }
    return Optional.of(s);
  }

  /** Validates the format and the output paths before any work starts, so a typo fails in milliseconds. */
  ReportFormat format() {
    if (output != null) {
      OutputFile.checkWritable(output, "--output");
    }
    extras();
    return ReportFormat.parse(format);
  }

  private List<Extra> extras() {
    List<Extra> out = new ArrayList<>();
    for (String spec : alsoOutput) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new WardenException(
            ErrorCode.USAGE,
            "--also-output " + spec + ": write FORMAT=FILE, e.g. --also-output sarif=warden.sarif");
      }
      Path file = Path.of(spec.substring(eq + 1));
      OutputFile.checkWritable(file, "--also-output");
      out.add(new Extra(ReportFormat.parse(spec.substring(0, eq)), file));
    }
    return out;
  }

  /** Renders and writes the report; returns the exit code (1 when blocked). */
  int write(CliContext ctx, ReviewReport report, ReportFormat format) {
    String text = ctx.renderers().render(report, format);
    String note =
        report.findings().size() + " finding(s), " + (report.blocked() ? "blocked" : "passes");
    OutputOption.emit(ctx, output, text, format.label() + " report", note);
    for (Extra e : extras()) {
      OutputOption.emit(
          ctx,
          e.file(),
          ctx.renderers().render(report, e.format()),
          e.format().label() + " report",
          note);
    }
    return report.blocked() ? 1 : 0;
  }
}
