package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlComment;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test-only {@link SqlParser}: splits on {@code ;} outside quotes, {@code $$} bodies and comments, counting
 * lines, and classifies nothing. Enough to check what the sources hand to the parser and where.
 */
final class SplittingTestParser implements SqlParser {

  @Override
  public ParsedSql parse(String path, String sql, int firstLine) {
    List<SqlStatement> statements = new ArrayList<>();
    List<SqlComment> comments = new ArrayList<>();
    int line = firstLine;
    int col = 1;
    int start = -1;
    int startLine = 0;
    int startCol = 0;
    int lastLine = 0;
    int lastCol = 0;
    boolean quote = false;
    boolean dollar = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (!quote && !dollar && c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
        comments.add(new SqlComment(line, col, sql.substring(i + 2, end).strip()));
        col += end - i;
        i = end - 1;
        continue;
      }
      if (start < 0 && !Character.isWhitespace(c) && c != ';') {
        start = i;
        startLine = line;
        startCol = col;
      }
      if (c == '\'' && !dollar) {
        quote = !quote;
      } else if (c == '$' && !quote && i + 1 < sql.length() && sql.charAt(i + 1) == '$') {
        dollar = !dollar;
        i++;
        col++;
      } else if (c == ';' && !quote && !dollar) {
        if (start >= 0) {
          statements.add(statement(path, statements.size(), sql.substring(start, i), startLine, startCol, lastLine, lastCol));
        }
        start = -1;
      }
      if (!Character.isWhitespace(c) && c != ';') {
        lastLine = line;
        lastCol = col;
      }
      if (c == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    if (start >= 0 && !sql.substring(start).isBlank()) {
      statements.add(statement(path, statements.size(), sql.substring(start).strip(), startLine, startCol, lastLine, lastCol));
    }
    return new ParsedSql(statements, comments);
  }

  private static SqlStatement statement(String path, int index, String sql, int line, int col, int endLine, int endCol) {
    return new SqlStatement(
        index,
        sql.strip(),
        new SourceSpan(path, line, col, Math.max(line, endLine), Math.max(1, endCol)),
        new Change.Unknown("test parser"),
        SqlStatement.ParsedBy.NONE,
        Optional.empty());
  }
}
