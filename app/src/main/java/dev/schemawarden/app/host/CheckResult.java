package dev.schemawarden.app.host;

import java.util.List;
import java.util.Objects;

/** The completed check: its conclusion, a one-line title, the Markdown summary and line annotations. */
public record CheckResult(
    Conclusion conclusion, String title, String summary, List<Annotation> annotations) {

  public enum Conclusion {
    SUCCESS,
    FAILURE,
    ACTION_REQUIRED,
    NEUTRAL
  }

  /** One line annotation; {@code level} is {@code failure}, {@code warning} or {@code notice}. */
  public record Annotation(
      String path, int startLine, int endLine, String level, String title, String message) {
    public Annotation {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(message, "message");
    }
  }

  public CheckResult {
    Objects.requireNonNull(conclusion, "conclusion");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(summary, "summary");
    annotations = List.copyOf(annotations);
  }
}
