package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.Secrets;
import dev.schemawarden.app.audit.StatementOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain SQL (and golang-migrate, dbmate) through Schema Warden's own {@code warden_schema_history}. A migration
 * whose statements can all run in one transaction commits together with its history row, so a crash leaves either
 * both or neither. A migration with a statement that cannot run in a transaction (CONCURRENTLY, VACUUM, or its own
 * BEGIN/COMMIT) runs statement by statement: its row is {@code running} with a count of statements done, updated
 * after each; if it stops part-way, the row says so and every later apply refuses until a person resolves it.
 */
final class PlainExecutor implements Executor {
  /** In its own schema so Flyway's "non-empty schema" check and the schema fingerprint never see it. */
  static final String SCHEMA = "schema_warden";

  static final String TABLE = SCHEMA + ".warden_schema_history";
  private static final Set<Migration.Kind> FORWARD =
      Set.of(Migration.Kind.PLAIN, Migration.Kind.UP, Migration.Kind.VERSIONED);

  private final List<Migration> all;
  private final DatabaseEngine engine;

  /** The configured target version: what it refuses inside a transaction block decides how a file runs. */
  private final ServerVersion version;

  private final StatementRunner runner;
  private final String appliedBy;

  PlainExecutor(
      List<Migration> all,
      DatabaseEngine engine,
      ServerVersion version,
      StatementRunner runner,
      String appliedBy) {
    this.version = version;
    this.all = all.stream().filter(m -> FORWARD.contains(m.kind())).toList();
    this.engine = engine;
    this.runner = runner;
    this.appliedBy = appliedBy;
  }

  @Override
  public Pending pending(Target target) {
    try (Connection c = target.connect()) {
      Map<String, String[]> rows = new HashMap<>();
      if (!tableExists(c, MysqlApply.isMysql(target))) {
        // Reading never creates it: a refused or dry run leaves the target exactly as it was.
        return new Pending(all, List.of());
      }
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT migration, status, statements_done, statements_total, checksum FROM "
                      + TABLE)) {
        while (rs.next()) {
          rows.put(
              rs.getString(1),
              new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
        }
      }
      List<Migration> pending = new ArrayList<>();
      List<String> blockers = new ArrayList<>();
      for (Migration m : all) {
        String[] row = rows.get(m.path());
        if (row == null) {
          pending.add(m);
        } else if (!row[0].equals("applied")) {
          blockers.add(
              m.path()
                  + " was partially applied ("
                  + row[1]
                  + " of "
                  + row[2]
                  + " statements ran, status "
                  + row[0]
                  + "): check the database by hand, then run `warden apply --resolve "
                  + m.path()
                  + " --as applied` (you finished it) or `--as not-applied` (you undid it) with the same --env/--url");
        } else if (!row[3].equals(checksum(m))) {
          blockers.add(
              m.path()
                  + " changed after it was applied (checksum differs): never edit an applied"
                  + " migration; add a new one");
        }
      }
      blockers.addAll(foreignBlockers(rows));
      return new Pending(pending, blockers);
    } catch (SQLException e) {
      throw infra(target, e);
    }
  }

  @Override
  public Execution execute(Target target, List<Migration> pending) {
    List<StatementOutcome> outcomes = new ArrayList<>();
    try (Connection c = target.connect()) {
      ensureTable(
          c, false); // plain projects are applied to PostgreSQL only (ApplyService refuses MySQL)
      for (Migration m : pending) {
        List<SqlStatement> statements = m.statements();
        String label = m.label();
        boolean transactional = statements.stream().noneMatch(this::outsideTransaction);
        StatementRunner.UnitResult r;
        if (transactional) {
          r =
              runner.transactional(
                  c, label, statements, tx -> insert(tx, m, "applied", statements.size()));
        } else {
          c.setAutoCommit(true);
          insert(c, m, "running", 0);
          r =
              runner.autocommit(
                  c, label, statements, done -> progress(c, m, done, done == statements.size()));
        }
        outcomes.addAll(r.outcomes());
        if (!r.ok()) {
          boolean partial =
              !transactional
                  && (r.committed() > 0 || outsideTransaction(statements.get(r.committed())));
          if (!transactional) {
            if (partial) {
              markNeedsHuman(target, m, r.committed());
            } else {
              deleteRow(
                  target,
                  m); // the one atomic statement that failed left nothing behind: safe to run again
            }
          }
          return new Execution(false, outcomes, label + ": " + r.error(), partial);
        }
      }
      return new Execution(true, outcomes, "", false);
    } catch (SQLException e) {
      // The connection itself failed (killed, network): what committed is in the history table; say
      // so.
      return new Execution(
          false,
          outcomes,
          "connection lost during apply: "
              + Secrets.redact(e.getMessage())
              + " (the history table records exactly what committed)",
          true);
    }
  }

  @Override
  public String resolve(Target target, String migration, boolean applied) {
    try (Connection c = target.connect()) {
      ensureTable(c, MysqlApply.isMysql(target));
      String sql =
          applied
              ? "UPDATE "
                  + TABLE
                  + " SET status = 'applied', finished_at = now(), note = 'resolved by hand' "
                  + "WHERE migration = ? AND status <> 'applied'"
              : "DELETE FROM " + TABLE + " WHERE migration = ? AND status <> 'applied'";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, migration);
        if (ps.executeUpdate() == 0) {
          throw new WardenException(
              ErrorCode.USAGE,
              migration
                  + " is not waiting for a person in "
                  + TABLE
                  + " on "
                  + target.name()
                  + ": nothing to resolve (list it with `warden apply --dry-run`)");
        }
      }
      return applied
          ? migration + " marked applied"
          : migration + " cleared: the next apply runs it again";
    } catch (SQLException e) {
      throw infra(target, e);
    }
  }

  /**
   * Records a Flyway migration or Liquibase changeset that stopped part-way outside a transaction (its own tool
   * may not remember), so later applies refuse until a person resolves it.
   */
  void markForeign(Target target, Migration m) {
    markForeign(target, m, 0);
  }

  /** As above, with how many of its statements took effect (known on MySQL/MariaDB from the failing one). */
  void markForeign(Target target, Migration m, int done) {
    boolean mysql = MysqlApply.isMysql(target);
    try (Connection c = target.connect()) {
      ensureTable(c, mysql);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT "
                  + (mysql ? "IGNORE " : "")
                  + "INTO "
                  + TABLE
                  + " (migration, checksum, status, statements_done, statements_total, applied_by, note) VALUES (?, ?,"
                  + " 'needs_human', ?, ?, ?, 'stopped part-way outside a transaction')"
                  + (mysql ? "" : " ON CONFLICT (migration) DO NOTHING"))) {
        ps.setString(1, m.label());
        ps.setString(2, checksum(m));
        ps.setInt(3, done);
        ps.setInt(4, m.statements().size());
        ps.setString(5, appliedBy);
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw infra(target, e);
    }
  }

  /** Blockers recorded for migrations that are not this executor's own (Liquibase markers). */
  private List<String> foreignBlockers(Map<String, String[]> rows) {
    Set<String> mine = new java.util.HashSet<>();
    all.forEach(m -> mine.add(m.path()));
    List<String> out = new ArrayList<>();
    rows.forEach(
        (name, row) -> {
          if (!mine.contains(name) && !row[0].equals("applied")) {
            out.add(
                name
                    + " stopped part-way outside a transaction (status "
                    + row[0]
                    + "): check the database by"
                    + " hand, then run `warden apply --resolve "
                    + name
                    + " --as applied|not-applied`");
          }
        });
    return out;
  }

  private boolean outsideTransaction(SqlStatement s) {
    return s.change() instanceof Change.Transaction || engine.mustRunOutsideTransaction(s, version);
  }

  static String checksum(Migration m) {
    StringBuilder sb = new StringBuilder();
    m.statements().forEach(s -> sb.append(s.sql()).append('\u0000'));
    return Sha256.hex(sb.toString());
  }

  private static boolean tableExists(Connection c, boolean mysql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                mysql
                    ? "SELECT count(*) > 0 FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                        + SCHEMA
                        + "' AND TABLE_NAME = 'warden_schema_history'"
                    : "SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * On MySQL/MariaDB the schema is a database of its own ({@code CREATE SCHEMA} is {@code CREATE DATABASE}), so the
   * applier needs CREATE on {@code schema_warden} there (docs/apply-and-audit.md#mysql-and-mariadb).
   */
  private static void ensureTable(Connection c, boolean mysql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      st.execute(
          mysql
              ? "CREATE TABLE IF NOT EXISTS "
                  + TABLE
                  + " ("
                  + "migration VARCHAR(700) PRIMARY KEY, checksum VARCHAR(64) NOT NULL,"
                  + " status VARCHAR(16) NOT NULL CHECK (status IN ('running', 'applied', 'needs_human')),"
                  + " statements_done INT NOT NULL, statements_total INT NOT NULL, applied_by VARCHAR(255) NOT NULL,"
                  + " started_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), finished_at TIMESTAMP(3) NULL,"
                  + " note TEXT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
              : "CREATE TABLE IF NOT EXISTS "
                  + TABLE
                  + " ("
                  + "migration text PRIMARY KEY, checksum text NOT NULL,"
                  + " status text NOT NULL CHECK (status IN ('running', 'applied', 'needs_human')),"
                  + " statements_done integer NOT NULL, statements_total integer NOT NULL, applied_by text NOT NULL,"
                  + " started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, note text)");
    }
  }

  private void insert(Connection c, Migration m, String status, int done) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (migration, checksum, status,"
                + " statements_done, statements_total, applied_by, finished_at) VALUES (?, ?, ?, ?, ?, ?, "
                + (status.equals("applied") ? "now()" : "NULL")
                + ")")) {
      ps.setString(1, m.path());
      ps.setString(2, checksum(m));
      ps.setString(3, status);
      ps.setInt(4, done);
      ps.setInt(5, m.statements().size());
      ps.setString(6, appliedBy);
      ps.executeUpdate();
    }
  }

  private static void progress(Connection c, Migration m, int done, boolean finished)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + TABLE
                + " SET statements_done = ?, status = ?,"
                + " finished_at = CASE WHEN ? THEN now() END WHERE migration = ?")) {
      ps.setInt(1, done);
      ps.setString(2, finished ? "applied" : "running");
      ps.setBoolean(3, finished);
      ps.setString(4, m.path());
      ps.executeUpdate();
    }
  }

  private static void markNeedsHuman(Target target, Migration m, int done) {
    // A fresh connection: the applying one may be the thing that failed.
    try (Connection c = target.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE "
                    + TABLE
                    + " SET status = 'needs_human', statements_done = ?, note = 'stopped part-way outside a transaction'"
                    + " WHERE migration = ?")) {
      ps.setInt(1, done);
      ps.setString(2, m.path());
      ps.executeUpdate();
    } catch (SQLException | WardenException e) {
      // The row still says 'running', which later applies treat exactly like needs_human.
      org.slf4j.LoggerFactory.getLogger(PlainExecutor.class)
          .warn("could not mark {} needs_human: {}", m.path(), e.toString());
    }
  }

  private static void deleteRow(Target target, Migration m) {
    try (Connection c = target.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "DELETE FROM "
                    + TABLE
                    + " WHERE migration = ? AND status = 'running' AND statements_done = 0")) {
      ps.setString(1, m.path());
      ps.executeUpdate();
    } catch (SQLException | WardenException e) {
      org.slf4j.LoggerFactory.getLogger(PlainExecutor.class)
          .warn("could not clear {}: {}", m.path(), e.toString());
    }
  }

  private static WardenException infra(Target target, SQLException e) {
    return new WardenException(
        ErrorCode.INFRASTRUCTURE,
        "environment "
            + target.name()
            + ": "
            + Secrets.redact(e.getMessage())
            + " (reading "
            + TABLE
            + ")",
        e);
  }
}
