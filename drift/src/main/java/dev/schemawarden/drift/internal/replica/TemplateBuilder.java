package dev.schemawarden.drift.internal.replica;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.SchemaSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fills a new database with a schema as the builder role, hands every object to the owner role the sandbox roles
 * belong to, then installs the tracer's support objects (which stay the superuser's). A dump goes to the server as
 * one script and a snapshot's statements as one pipelined batch in one transaction: round trips, not DDL, used to
 * dominate small schemas.
 */
final class TemplateBuilder {
  private static final Pattern OWNER_TO = Pattern.compile("\\bOWNER TO\\s+(\"[^\"]+\"|[\\w$]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern GRANT_TO =
      Pattern.compile("^\\s*(?:GRANT|REVOKE)\\b[^;]*?\\b(?:TO|FROM)\\s+([^;]+);", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  /** Explicit transaction control in a file: such a migration is replayed as written, statement by statement. */
  private static final Pattern TX_CONTROL = Pattern.compile(
      "^\\s*(?:--[^\\n]*\\n\\s*)*(BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> PSEUDO_ROLES = Set.of("public", "current_user", "session_user", "current_role");

  private TemplateBuilder() {}

  static void build(Connection c, SchemaSource schema, String builder, String owner, List<String> supportSql)
      throws SQLException {
    Set<String> roles = schema instanceof SchemaSource.SqlDump d ? referencedRoles(d.sql()) : Set.of();
    for (String role : roles) {
      // Production's roles, so OWNER TO and GRANT in the dump work; they never log in.
      String literal = role.startsWith("\"") ? role.substring(1, role.length() - 1) : role.toLowerCase(Locale.ROOT);
      ReplicaCluster.exec(c, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
          + literal.replace("'", "''") + "') THEN CREATE ROLE " + role + " NOLOGIN; END IF; END $$");
    }
    ReplicaCluster.exec(c, "SET SESSION AUTHORIZATION " + builder);
    try {
      if (schema instanceof SchemaSource.SqlDump d) {
        String sql = d.sql().lines().filter(l -> !l.startsWith("\\")).collect(Collectors.joining("\n"));
        if (!sql.isBlank()) {
          ReplicaCluster.exec(c, sql);
        }
      } else if (schema instanceof SchemaSource.Snapshot s) {
        batchInOneTransaction(c, s.statements());
      } else if (schema instanceof SchemaSource.MigrationHistory h) {
        for (Migration m : h.migrations()) {
          replay(c, m);
        }
      }
    } finally {
      ReplicaCluster.exec(c, "RESET SESSION AUTHORIZATION");
    }
    List<String> from = new java.util.ArrayList<>(roles);
    from.add(builder);
    ReplicaCluster.exec(c, "REASSIGN OWNED BY " + String.join(", ", from) + " TO " + owner);
    batchInOneTransaction(c, supportSql);
    // No ANALYZE: the template has no production rows, the impact model takes sizes from the snapshot, and the
    // planner reads the real size of never-analyzed tables anyway (it cost ~0.3 s on 1,000 tables).
  }

  /**
   * The statements in one transaction and (pgjdbc pipelines a batch) a few round trips instead of one per
   * statement; a failure names the batch entry.
   */
  private static void batchInOneTransaction(Connection c, List<String> statements) throws SQLException {
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
  private static void replay(Connection c, Migration m) throws SQLException {
    if (m.runInTransaction() && m.statements().stream().noneMatch(s -> TX_CONTROL.matcher(s.sql()).find())) {
      try {
        batchInOneTransaction(c, m.statements().stream().map(SqlStatement::sql).toList());
        return;
      } catch (SQLException e) {
        // rolled back: find the failing statement below
      }
    }
    for (SqlStatement s : m.statements()) {
      try {
        ReplicaCluster.exec(c, s.sql());
      } catch (SQLException e) {
        throw new WardenException(ErrorCode.INPUT, "replaying the migration history failed at " + m.path()
            + ":" + s.line() + ": " + e.getMessage() + "; fix the migration or provide a schema snapshot", e);
      }
    }
  }

  static Set<String> referencedRoles(String sql) {
    Set<String> roles = new LinkedHashSet<>();
    Matcher m = OWNER_TO.matcher(sql);
    while (m.find()) {
      roles.add(m.group(1));
    }
    Matcher g = GRANT_TO.matcher(sql);
    while (g.find()) {
      for (String part : g.group(1).replaceAll("(?i)\\b(WITH GRANT OPTION|GRANTED BY .*|CASCADE|RESTRICT)\\b", "")
          .split(",")) {
        String role = part.trim().replaceFirst("(?i)^GROUP\\s+", "");
        if (!role.isEmpty() && role.matches("\"[^\"]+\"|[\\w$]+")) {
          roles.add(role);
        }
      }
    }
    roles.removeIf(r -> PSEUDO_ROLES.contains(r.toLowerCase(Locale.ROOT)) || r.equalsIgnoreCase(ReplicaCluster.OWNER)
        || r.equalsIgnoreCase(ReplicaCluster.BUILDER));
    return roles;
  }
}
