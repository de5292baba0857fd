package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.app.report.ReportFormat;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.ToolInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a report into one output format. The renderers live in {@code app.report}; this seam lets tests
 * and other front ends substitute them.
 */
@FunctionalInterface
public interface Renderers {

  /**
   * The default when {@code --format} is not given: {@code text}, for every command and whatever stdout is. A
   * default that changed with the terminal would surprise scripts; CI integrations name their format.
   */
  String DEFAULT_FORMAT = "text";

  String render(ReviewReport report, ReportFormat format);

  /** Every {@code --format} value, as the command line spells them. */
  static List<String> formats() {
    return java.util.Arrays.stream(ReportFormat.values()).map(ReportFormat::label).toList();
  }

  /** The report renderers of {@code app.report}, with rule metadata from {@code rules} (for slugs and doc links). */
  static Renderers standard(Function<String, Optional<RuleMeta>> rules) {
    ToolInfo tool = ToolInfo.current();
    return (report, format) -> format.renderer(tool, rules).render(report);
  }
}
