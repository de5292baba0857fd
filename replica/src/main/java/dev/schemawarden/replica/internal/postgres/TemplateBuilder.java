package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.ReplayCheck;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.SchemaSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a new database with a schema over a connection authenticated as the build's own unprivileged role (a
 * non-superuser that owns only that database): dumps, snapshots and migration histories are repository content,
 * so they run with no more rights than the pull request's own SQL. A dump goes to the server as one script and a
 * snapshot's statements as one pipelined batch in one transaction: round trips, not DDL, used to dominate small
 * schemas.
 */
final class TemplateBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(TemplateBuilder.class);

  /** Explicit transaction control in a file: such a migration is replayed as written, statement by statement. */
  private static final Pattern TX_CONTROL =
      Pattern.compile(
          "^\\s*(?:--[^\\n]*\\n\\s*)*(BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\\b",
          Pattern.CASE_INSENSITIVE);

  private TemplateBuilder() {}

  /**
   * Runs {@code schema} on {@code builder}, a connection as the unprivileged build role; {@code installable} are
   * the extensions the build may create (trusted ones, and those the superuser installed by name).
   */
  static void build(Connection builder, SchemaSource schema, Set<String> installable)
      throws SQLException {
    if (schema instanceof SchemaSource.SqlDump d) {
      List<String> statements = kept(SchemaStatements.dumpStatements(d.sql()), installable);
      if (!statements.isEmpty()) {
        ReplicaCluster.exec(builder, String.join(";\n", statements));
      }
    } else if (schema instanceof SchemaSource.Snapshot s) {
      batchInOneTransaction(builder, kept(s.statements(), installable));
    } else if (schema instanceof SchemaSource.MigrationHistory h) {
      if (!h.migrations().isEmpty()) {
        Optional<String> table = bookkeeping(h.migrations().get(0).tool());
        if (table.isPresent()) {
          ReplicaCluster.exec(builder, table.get());
        }
      }
      for (Migration m : h.migrations()) {
        replay(builder, m, installable);
      }
    }
    // No ANALYZE: the template has no production rows, the impact model takes sizes from the
    // snapshot, and the
    // planner reads the real size of never-analyzed tables anyway (it cost ~0.3 s on 1,000 tables).
  }

  /**
   * The table the tool creates before its first migration, as its PostgreSQL driver writes it: migrations may use it
   * (Harbor's golang-migrate history adds a column to {@code schema_migrations}). Flyway's and Liquibase's tables are
   * left out: drift ignores them, and no history seen alters them.
   */
  static Optional<String> bookkeeping(MigrationTool tool) {
    return switch (tool) {
      case GOLANG_MIGRATE ->
          Optional.of(
              "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
      case DBMATE ->
          Optional.of(
              "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY)");
      case DIESEL ->
          Optional.of(
              "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version varchar(50) PRIMARY"
                  + " KEY NOT NULL, run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)");
      case SQLX ->
          Optional.of(
              "CREATE TABLE IF NOT EXISTS _sqlx_migrations (version bigint PRIMARY KEY,"
                  + " description text NOT NULL, installed_on timestamptz NOT NULL DEFAULT now(), success boolean NOT NULL,"
                  + " checksum bytea NOT NULL, execution_time bigint NOT NULL)");
      default -> Optional.empty();
    };
  }

  private static List<String> kept(List<String> statements, Set<String> installable) {
    return statements.stream().filter(s -> !SchemaStatements.leftOut(s, installable)).toList();
  }

  /**
   * The statements in one transaction and (pgjdbc pipelines a batch) a few round trips instead of one per
   * statement; a failure names the batch entry.
   */
  private static void batchInOneTransaction(Connection c, List<String> statements)
      throws SQLException {
    if (statements.isEmpty()) {
      return;
    }
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.addBatch(sql);
      }
      st.executeBatch();
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e.getNextException() != null ? e.getNextException() : e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /**
   * A migration its tool runs in one transaction goes as one pipelined batch in one transaction (one commit, not
   * one per statement: a 3,000-statement history was dominated by them). A failed batch is rolled back and the
   * migration replayed statement by statement, as a non-transactional one always is, so the error names its line.
   */
  private static void replay(Connection c, Migration m, Set<String> installable)
      throws SQLException {
    if (m.replay().check().isPresent()) {
      // Liquibase preConditions, decided as the tool decides them on this database, at this point
      // of the history.
      ReplayCheck.Verdict verdict = m.replay().check().get().check(c);
      if (verdict.action() == ReplayCheck.Action.SKIP) {
        LOG.debug("replay skips {}: {}", m.label(), verdict.reason());
        return;
      }
      if (verdict.action() == ReplayCheck.Action.HALT) {
        throw new WardenException(
            ErrorCode.INPUT,
            "replaying the migration history stopped at "
                + verdict.reason()
                + ": Liquibase update stops there too; fix the precondition (or its onFail/onError) or provide a schema"
                + " snapshot");
      }
    }
    List<SqlStatement> statements =
        m.statements().stream()
            .filter(s -> !SchemaStatements.leftOut(s.sql(), installable))
            .toList();
    boolean inOneTransaction =
        m.runInTransaction()
            && statements.stream().noneMatch(s -> TX_CONTROL.matcher(s.sql()).find());
    if (inOneTransaction) {
      try {
        batchInOneTransaction(c, statements.stream().map(SqlStatement::sql).toList());
        return;
      } catch (SQLException e) {
        if (!m.replay().failOnError()) {
          // failOnError="false": the tool rolls the changeset back and goes on with the next one.
          LOG.debug("replay goes past {} (failOnError=false): {}", m.label(), e.getMessage());
          return;
        }
        // rolled back: find the failing statement below
      }
    }
    for (SqlStatement s : statements) {
      try {
        ReplicaCluster.exec(c, s.sql());
      } catch (SQLException e) {
        if (!m.replay().failOnError()) {
          // What ran before the failure stays, as it does for the tool outside a transaction.
          LOG.debug(
              "replay goes past {} at line {} (failOnError=false): {}",
              m.label(),
              s.line(),
              e.getMessage());
          return;
        }
        throw new WardenException(
            ErrorCode.INPUT,
            "replaying the migration history failed at "
                + m.path()
                + ":"
                + s.line()
                + ": "
                + e.getMessage()
                + "; fix the migration or provide a schema snapshot",
            e);
      }
    }
  }
}
