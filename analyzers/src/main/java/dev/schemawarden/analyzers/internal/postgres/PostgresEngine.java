package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;
import java.util.Locale;

/** PostgreSQL: discovered through {@code META-INF/services/dev.schemawarden.analyzers.api.DatabaseEngine}. */
public final class PostgresEngine implements DatabaseEngine {
  public static final String ID = "postgres";

  /**
   * Whether the parser asks JSqlParser about every statement (to record {@code parsedBy}). Off by default because
   * it costs most of the static path's time (docs/benchmarks.md); {@code -Dschemawarden.jsqlparser=true} turns
   * it on.
   */
  private static final boolean PROBE = Boolean.getBoolean("schemawarden.jsqlparser");

  private final SqlParser parser;

  public PostgresEngine() {
    this(PROBE);
  }

  public PostgresEngine(boolean probeJSqlParser) {
    this.parser = new PostgresSqlParser(probeJSqlParser);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean supports(String dialectOrJdbcUrl) {
    String s = dialectOrJdbcUrl.strip().toLowerCase(Locale.ROOT);
    return s.equals("postgres")
        || s.equals("postgresql")
        || s.equals("pg")
        || s.startsWith("jdbc:postgresql:")
        || s.startsWith("postgres://")
        || s.startsWith("postgresql://");
  }

  @Override
  public SqlParser parser() {
    return parser;
  }

  @Override
  public boolean mustRunOutsideTransaction(SqlStatement statement, ServerVersion version) {
    return PostgresTransactionRules.mustRunOutsideTransaction(statement, version);
  }

  @Override
  public List<PredictedLock> predictLocks(Change change, ServerVersion version) {
    return PostgresLocks.predict(change, version);
  }
}
