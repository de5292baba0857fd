package dev.schemawarden.analyzers.api;

import java.util.List;

/**
 * Splits SQL text into statements with exact positions and classifies each into a {@link Change}. Engine-aware;
 * obtain one from {@link DatabaseEngine#parser()}.
 */
public interface SqlParser {

  /**
   * Splits and classifies {@code sql}, which stands in {@code path} starting at {@code firstLine} (1-based; not 1
   * when the SQL is embedded, e.g. in a Liquibase changelog). Never drops a statement.
   */
  ParsedSql parse(String path, String sql, int firstLine);

  default ParsedSql parse(String path, String sql) {
    return parse(path, sql, 1);
  }

  /** The statements and comments of one piece of SQL text. */
  record ParsedSql(List<SqlStatement> statements, List<SqlComment> comments) {
    public ParsedSql {
      statements = List.copyOf(statements);
      comments = List.copyOf(comments);
    }
  }
}
