package dev.schemawarden.analyzers.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a migration, exactly as written, with where it is and what it does.
 *
 * @param index 0-based position in its migration
 * @param sql the statement text without its terminating semicolon, comments inside kept
 * @param span from the first character of the statement to its last
 * @param change what it does
 * @param parsedBy which parser produced {@code change}
 * @param parseError JSqlParser's message when it could not parse the statement (the fallback then classified it)
 */
public record SqlStatement(
    int index, String sql, SourceSpan span, Change change, ParsedBy parsedBy, Optional<String> parseError) {

  public enum ParsedBy {
    JSQLPARSER,
    FALLBACK,
    NONE
  }

  public SqlStatement {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(parsedBy, "parsedBy");
    Objects.requireNonNull(parseError, "parseError");
  }

  public int line() {
    return span.line();
  }
}
