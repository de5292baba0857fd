package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.SqlStatement.ParsedBy;
import dev.schemawarden.analyzers.internal.sql.JSqlParserProbe;
import dev.schemawarden.analyzers.internal.sql.ScriptSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's {@link SqlParser}: {@link PostgresStatementSplitter} splits, {@link PostgresClassifier} classifies
 * every statement. When {@code probeJSqlParser} is on, JSqlParser is also asked about each statement only to
 * record {@link ParsedBy#JSQLPARSER} or {@link ParsedBy#CLASSIFIER} with its error; the {@link Change} always comes
 * from the classifier, which knows PostgreSQL forms JSqlParser rejects. Thread-safe.
 */
public final class PostgresSqlParser implements SqlParser {
  private final PostgresStatementSplitter splitter = new PostgresStatementSplitter();
  private final PostgresClassifier classifier = new PostgresClassifier();
  private final JSqlParserProbe probe = new JSqlParserProbe();
  private final boolean probeJSqlParser;

  public PostgresSqlParser(boolean probeJSqlParser) {
    this.probeJSqlParser = probeJSqlParser;
  }

  @Override
  public ParsedSql parse(String path, String sql, int firstLine) {
    ScriptSplit<PostgresStatementSplitter.RawStatement> split = splitter.split(sql, firstLine);
    List<SqlStatement> out = new ArrayList<>(split.statements().size());
    for (PostgresStatementSplitter.RawStatement raw : split.statements()) {
      SourceSpan span =
          new SourceSpan(path, raw.line(), raw.column(), raw.endLine(), raw.endColumn());
      SqlStatement s = statement(out.size(), raw, span);
      out.add(
          raw.scanError().isEmpty()
              ? s
              : new SqlStatement(
                  s.index(),
                  s.sql(),
                  s.span(),
                  s.change(),
                  s.parsedBy(),
                  s.parseError(),
                  raw.scanError()));
    }
    return new ParsedSql(out, split.comments());
  }

  private SqlStatement statement(
      int index, PostgresStatementSplitter.RawStatement raw, SourceSpan span) {
    if (raw.kind() == PostgresStatementSplitter.Kind.META) {
      return new SqlStatement(
          index,
          raw.sql(),
          span,
          new Change.MetaCommand(raw.sql()),
          ParsedBy.CLASSIFIER,
          Optional.empty());
    }
    Change change = classifier.classify(raw.command());
    if (!probeJSqlParser) {
      return change instanceof Change.Unknown
          ? new SqlStatement(
              index,
              raw.sql(),
              span,
              change,
              ParsedBy.NONE,
              Optional.of("not offered to JSqlParser"))
          : new SqlStatement(index, raw.sql(), span, change, ParsedBy.CLASSIFIER, Optional.empty());
    }
    Optional<String> error = probe.parseError(raw.command());
    if (error.isEmpty()) {
      if (change instanceof Change.Unknown) {
        // JSqlParser knows the statement although our classifier does not: keep it, as a generic
        // Other.
        change =
            PostgresClassifier.other(
                firstWords(raw.command()), Change.ObjectKind.OTHER, Optional.empty());
      }
      return new SqlStatement(
          index, raw.sql(), span, change, ParsedBy.JSQLPARSER, Optional.empty());
    }
    return new SqlStatement(
        index,
        raw.sql(),
        span,
        change,
        change instanceof Change.Unknown ? ParsedBy.NONE : ParsedBy.CLASSIFIER,
        error);
  }

  private static String firstWords(String sql) {
    String[] words = sql.strip().split("\\s+", 3);
    return (words.length > 1 ? words[0] + " " + words[1] : words[0])
        .toUpperCase(java.util.Locale.ROOT);
  }
}
