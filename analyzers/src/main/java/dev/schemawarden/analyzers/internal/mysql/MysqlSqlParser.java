package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.SqlStatement.ParsedBy;
import dev.schemawarden.analyzers.internal.sql.ScriptSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MySQL's and MariaDB's {@link SqlParser}: {@link MysqlStatementSplitter} splits, {@link MysqlClassifier} classifies
 * every statement. A {@code DELIMITER} line the client would refuse is kept as an unclassified statement, so it is
 * reported. Thread-safe.
 */
public final class MysqlSqlParser implements SqlParser {
  private final MysqlStatementSplitter splitter = new MysqlStatementSplitter();

  @Override
  public ParsedSql parse(String path, String sql, int firstLine) {
    ScriptSplit<MysqlStatementSplitter.RawStatement> split = splitter.split(sql, firstLine);
    List<SqlStatement> out = new ArrayList<>(split.statements().size());
    for (MysqlStatementSplitter.RawStatement raw : split.statements()) {
      SourceSpan span =
          new SourceSpan(path, raw.line(), raw.column(), raw.endLine(), raw.endColumn());
      Change change =
          raw.badDelimiter()
              .<Change>map(Change.Unknown::new)
              .orElseGet(() -> MysqlClassifier.classify(raw.sql()));
      ParsedBy by = change instanceof Change.Unknown ? ParsedBy.NONE : ParsedBy.CLASSIFIER;
      out.add(
          new SqlStatement(
              out.size(),
              raw.sql(),
              span,
              change,
              by,
              by == ParsedBy.NONE ? Optional.of("not offered to JSqlParser") : Optional.empty(),
              raw.scanError()));
    }
    return new ParsedSql(out, split.comments());
  }
}
