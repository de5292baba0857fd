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
 * @param parseError JSqlParser's message when it was asked and could not parse the statement (the classifier still
 *     classified it)
 * @param scanError set when the statement holds a quote, dollar quote, quoted identifier or block comment that is
 *     never closed: the statement then runs to the end of the text (as psql would send it) and is reported as
 *     SQL000
 */
public record SqlStatement(
    int index,
    String sql,
    SourceSpan span,
    Change change,
    ParsedBy parsedBy,
    Optional<String> parseError,
    Optional<ScanError> scanError) {

  /**
   * A construct the scanner found opened but never closed.
   *
   * @param line 1-based line where the construct starts
   * @param column 1-based column where it starts
   * @param message what is unterminated and how to close it
   */
  public record ScanError(int line, int column, String message) {
    public ScanError {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Who classified the statement. The engine's own classifier always decides {@link #change()}; the JSON report
   * spells these {@code jsqlparser}, {@code classifier}, {@code none} (reports before 2026-12 wrote
   * {@code fallback} for {@link #CLASSIFIER}, which read as a parse failure: it never was one).
   */
  public enum ParsedBy {
    /** The classifier, and JSqlParser parsed it too (asked only with {@code -Dschemawarden.jsqlparser=true}). */
    JSQLPARSER,
    /** The engine's classifier, the normal case; {@code parseError} is JSqlParser's message if it was asked and refused. */
    CLASSIFIER,
    /** Nothing classified it: the change is {@link Change.Unknown} (reported as SQL001). */
    NONE
  }

  public SqlStatement {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(parsedBy, "parsedBy");
    Objects.requireNonNull(parseError, "parseError");
    Objects.requireNonNull(scanError, "scanError");
  }

  /** A statement the scanner read to its end. */
  public SqlStatement(
      int index,
      String sql,
      SourceSpan span,
      Change change,
      ParsedBy parsedBy,
      Optional<String> parseError) {
    this(index, sql, span, change, parsedBy, parseError, Optional.empty());
  }

  /** The same statement at another position in its migration (sources renumber and relocate statements). */
  public SqlStatement at(int newIndex, SourceSpan newSpan) {
    return new SqlStatement(newIndex, sql, newSpan, change, parsedBy, parseError, scanError);
  }

  public int line() {
    return span.line();
  }
}
