package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The values of the CLI's {@code --format}, each with the renderer that produces it. */
public enum ReportFormat {
  MARKDOWN("md"),
  JSON("json"),
  SARIF("sarif"),
  CODEQUALITY("json"),
  GITHUB("txt"),
  TEXT("txt");

  private final String extension;

  ReportFormat(String extension) {
    this.extension = extension;
  }

  /** As written on the command line: {@code markdown}, {@code json}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** File extension for a report written to disk. */
  public String extension() {
    return extension;
  }

  /**
   * The renderer for this format.
   *
   * @param rules rule metadata by id (the rule catalog); renderers fall back to the bare id when it is empty
   */
  public ReportRenderer renderer(ToolInfo tool, Function<String, Optional<RuleMeta>> rules) {
    return switch (this) {
      case MARKDOWN -> new MarkdownReportRenderer(tool, rules);
      case JSON -> new JsonReportRenderer(tool);
      case SARIF -> new SarifReportRenderer(tool, rules);
      case CODEQUALITY -> new CodeQualityReportRenderer(rules);
      case GITHUB -> new GithubAnnotationsRenderer(tool, rules);
      case TEXT -> new TextReportRenderer(rules);
    };
  }

  /** The renderer for this format without rule metadata. */
  public ReportRenderer renderer(ToolInfo tool) {
    return renderer(tool, ReportSupport.NO_RULES);
  }

  /** Parses a {@code --format} value, case-insensitively. */
  public static ReportFormat parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (ReportFormat f : values()) {
      if (f.label().equals(t)) {
        return f;
      }
    }
    throw new WardenException(
        ErrorCode.USAGE,
        "unknown --format '"
            + text
            + "': use one of "
            + Arrays.stream(values()).map(ReportFormat::label).collect(Collectors.joining(", ")));
  }
}
