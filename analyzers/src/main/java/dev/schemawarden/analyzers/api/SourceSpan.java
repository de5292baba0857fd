package dev.schemawarden.analyzers.api;

import java.util.Objects;

/**
 * Where a piece of SQL stands in its file: repository-relative path (forward slashes), 1-based start line and
 * column, and the 1-based line and column of its last character.
 */
public record SourceSpan(String path, int line, int column, int endLine, int endColumn) {
  public SourceSpan {
    Objects.requireNonNull(path, "path");
    if (line < 1 || column < 1 || endLine < line || endColumn < 1) {
      throw new IllegalArgumentException(
          "bad span " + path + ":" + line + ":" + column + "-" + endLine + ":" + endColumn);
    }
  }

  /** A span for a whole line when nothing finer is known. */
  public static SourceSpan ofLine(String path, int line) {
    return new SourceSpan(path, line, 1, line, 1);
  }

  /** {@code path:line:column}, the form editors and terminals link. */
  @Override
  public String toString() {
    return path + ":" + line + ":" + column;
  }
}
