package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, as Flyway does for PostgreSQL, whether a script without an explicit {@code executeInTransaction} runs
 * in a transaction: Flyway's own {@code PostgreSQLParser} marks statements such as CREATE INDEX CONCURRENTLY or
 * VACUUM as non-transactional, and a script with any of them runs outside a transaction. If Flyway's parser cannot
 * read the script, the database engine's {@link DatabaseEngine#mustRunOutsideTransaction} decides instead.
 */
final class FlywayTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(FlywayTransactions.class);

  private FlywayTransactions() {}

  /** True when Flyway would wrap {@code sql} (placeholders already replaced) in one transaction. */
  static boolean executeInTransaction(String path, String sql, List<SqlStatement> statements) {
    try {
      ClassicConfiguration config = new ClassicConfiguration();
      config.setPlaceholderReplacement(false);
      PostgreSQLParser parser = new PostgreSQLParser(config, new ParsingContext());
      try (SqlStatementIterator it = parser.parse(new StringResource(sql))) {
        while (it.hasNext()) {
          if (!it.next().canExecuteInTransaction()) {
            return false;
          }
        }
      }
      return true;
    } catch (RuntimeException e) {
      LOG.debug(
          "Flyway's parser could not read {}; asking the engine instead: {}", path, e.getMessage());
      // Sources are read before any server is known: the default version, as Flyway's own parser
      // assumes none.
      ServerVersion version = ServerVersion.DEFAULT_POSTGRES;
      return postgresEngine()
          .map(
              engine ->
                  statements.stream().noneMatch(s -> engine.mustRunOutsideTransaction(s, version)))
          .orElse(true);
    }
  }

  private static Optional<DatabaseEngine> postgresEngine() {
    return Engines.all().stream().filter(e -> e.supports("postgresql")).findFirst();
  }
}
