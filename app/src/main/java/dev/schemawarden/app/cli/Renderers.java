package dev.schemawarden.app.cli;

import dev.schemawarden.app.report.ReviewReport;
import java.util.List;

/**
 * Turns a report into one output format. The renderers themselves live in {@code app.report}; the CLI only
 * chooses one by name.
 */
@FunctionalInterface
public interface Renderers {

  /** Every format name {@code --format} accepts for a report. */
  List<String> FORMATS = List.of("text", "markdown", "json", "sarif", "codequality", "github");

  /** The default when {@code --format} is not given: {@code text}, for a person at a terminal (see the README). */
  String DEFAULT_FORMAT = "text";

  String render(ReviewReport report, String format);

  /** The plain-text stand-in used until the report renderers are wired in. */
  static Renderers fallback() {
    return new PlainTextRenderer();
  }
}
