package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.StatementEffects.Impact;
import dev.schemawarden.analyzers.api.StatementEffects.ObservedLock;
import dev.schemawarden.analyzers.api.StatementEffects.Source;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.policy.api.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Representative reports for the renderer tests. Every time value (durations, step millis) is a constant here and
 * no renderer reads a clock, so rendered output is deterministic without further normalisation.
 */
final class ReportFixtures {

  static final ToolInfo TOOL = ToolInfo.of("0.0.0-test");

  /** Stands in for the rule catalog: LK101 and LK204 are known, every other rule falls back to its id. */
  static final Function<String, Optional<RuleMeta>> RULES =
      id ->
          Optional.ofNullable(
              Map.of(
                      "LK101",
                          meta(
                              "LK101",
                              "require-concurrent-index-creation",
                              "CREATE INDEX blocks writes",
                              Severity.ERROR),
                      "LK204",
                          meta(
                              "LK204",
                              "no-column-type-change-with-rewrite",
                              "Changing a column type rewrites the table",
                              Severity.ERROR))
                  .get(id));

  static final String V42 = "db/migration/V42__orders_status.sql";

  private ReportFixtures() {}

  static Map<String, ReviewReport> all() {
    return Map.of(
        "blocked",
        blocked(),
        "clean",
        clean(),
        "lint",
        lint(),
        "decision-drift",
        decisionAndDrift(),
        "mariadb",
        mariadb());
  }

  /** A review blocked by two errors, with a drop-in fix and an expand/contract advice. */
  static ReviewReport blocked() {
    SqlStatement add =
        stmt(
            0,
            "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new'",
            V42,
            3,
            3,
            67,
            alter("orders"));
    SqlStatement index =
        stmt(
            1,
            "CREATE INDEX orders_status_idx ON orders (status)",
            V42,
            5,
            5,
            49,
            new Change.CreateIndex(
                Optional.of("orders_status_idx"),
                QualifiedName.of("orders"),
                false,
                false,
                false,
                List.of("status"),
                Optional.empty(),
                false));
    SqlStatement type =
        stmt(
            2,
            "ALTER TABLE orders\n  ALTER COLUMN customer_id TYPE bigint",
            V42,
            7,
            8,
            37,
            alter("orders"));
    Migration m = flyway(V42, "42", "orders status", true, List.of(add, index, type));
    List<StatementReport> statements =
        List.of(
            new StatementReport(
                add,
                traced(
                    List.of(lock("public.orders", LockMode.ACCESS_EXCLUSIVE)),
                    List.of(),
                    impact(
                        LockMode.ACCESS_EXCLUSIVE, Duration.ofMillis(5), "blocks reads and writes"),
                    7)),
            new StatementReport(
                index,
                traced(
                    List.of(lock("public.orders", LockMode.SHARE)),
                    List.of(),
                    impact(LockMode.SHARE, Duration.ofSeconds(372), "writes"),
                    412)),
            new StatementReport(
                type,
                traced(
                    List.of(lock("public.orders", LockMode.ACCESS_EXCLUSIVE)),
                    List.of(new StatementEffects.Rewrite("public.orders", "ALTER COLUMN TYPE")),
                    impact(
                        LockMode.ACCESS_EXCLUSIVE,
                        Duration.ofMinutes(23),
                        "blocks reads and writes"),
                    1530)));
    List<Finding> findings =
        List.of(
            new Finding(
                "LK101",
                Severity.ERROR,
                index.span(),
                "CREATE INDEX takes SHARE on `public.orders` and blocks writes while the index builds",
                Optional.empty(),
                List.of(
                    Fix.replacement(
                        "Build the index without blocking writes; it cannot run in a transaction",
                        "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)")),
                index.sql()),
            new Finding(
                "LK204",
                Severity.ERROR,
                type.span(),
                "ALTER COLUMN customer_id TYPE bigint rewrites `public.orders` under ACCESS EXCLUSIVE",
                Optional.of(
                    "Expand/contract: add a new column, backfill in batches, swap in a later release."),
                List.of(
                    Fix.advice(
                        "Add a new column and backfill it in batches",
                        "ALTER TABLE orders ADD COLUMN customer_id_new bigint;\n"
                            + "-- backfill in batches, then swap in a later migration\n"
                            + "UPDATE orders SET customer_id_new = customer_id WHERE id BETWEEN 1 AND 10000;")),
                type.sql()),
            new Finding(
                "TX101",
                Severity.WARNING,
                add.span(),
                "`lock_timeout` is not set before taking ACCESS EXCLUSIVE on `public.orders`",
                Optional.empty(),
                List.of(Fix.advice("Set a lock timeout first", "SET lock_timeout = '3s'")),
                add.sql()));
    return new ReviewReport(
        "review",
        Optional.of(
            new ReviewReport.ReviewTarget(
                "acme/shop",
                "main",
                "1111111111111111111111111111111111111111",
                "feature/orders-status",
                "2222222222222222222222222222222222222222")),
        List.of(new MigrationReport(m, "added", statements)),
        findings,
        List.of(),
        Optional.empty(),
        steps(),
        List.of(),
        Severity.ERROR);
  }

  /** A review that passes: new table, concurrent index, policy allows. */
  static ReviewReport clean() {
    String path = "migrations/0007_notes.up.sql";
    SqlStatement create =
        stmt(
            0,
            "CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL)",
            path,
            1,
            1,
            62,
            new Change.CreateTable(
                QualifiedName.of("notes"),
                List.of(),
                List.of(),
                false,
                false,
                false,
                Optional.empty(),
                false,
                false));
    SqlStatement index =
        stmt(
            1,
            "CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at)",
            path,
            3,
            3,
            67,
            new Change.CreateIndex(
                Optional.of("orders_created_idx"),
                QualifiedName.of("orders"),
                false,
                true,
                false,
                List.of("created_at"),
                Optional.empty(),
                false));
    Migration m =
        new Migration(
            path,
            MigrationTool.GOLANG_MIGRATE,
            Migration.Kind.UP,
            Optional.of("0007"),
            "notes",
            false,
            List.of(create, index),
            List.of());
    return new ReviewReport(
        "review",
        Optional.of(
            new ReviewReport.ReviewTarget(
                "acme/shop",
                "main",
                "3333333333333333333333333333333333333333",
                "notes",
                "4444444444444444444444444444444444444444")),
        List.of(
            new MigrationReport(
                m,
                "added",
                List.of(
                    new StatementReport(create, traced(List.of(), List.of(), Optional.empty(), 3)),
                    new StatementReport(
                        index,
                        traced(
                            List.of(lock("public.orders", LockMode.SHARE_UPDATE_EXCLUSIVE)),
                            List.of(),
                            Optional.empty(),
                            95))))),
        List.of(),
        List.of(),
        Optional.of(Decision.allow(List.of("POL000: no policy requires approval"))),
        steps(),
        List.of(),
        Severity.ERROR);
  }

  /** {@code warden lint}: predicted effects only, warnings and infos, a file-level finding; passes. */
  static ReviewReport lint() {
    String path = "db/changelog/changes/2024-orders.sql";
    SqlStatement validate =
        stmt(
            0,
            "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0)",
            path,
            4,
            4,
            73,
            alter("orders"));
    SqlStatement update =
        stmt(
            1,
            "UPDATE orders SET total = 0",
            path,
            6,
            6,
            27,
            new Change.DataChange(
                Change.DataChange.DmlKind.UPDATE, Optional.of(QualifiedName.of("orders")), false));
    Migration m =
        new Migration(
            path,
            MigrationTool.LIQUIBASE,
            Migration.Kind.CHANGESET,
            Optional.of("orders-7::alice"),
            "orders constraint",
            true,
            List.of(validate, update),
            List.of());
    StatementEffects predictedScan =
        new StatementEffects(
            Source.PREDICTED,
            List.of(lock("orders", LockMode.ACCESS_EXCLUSIVE)),
            List.of(),
            List.of(new StatementEffects.Scan("orders", "predicted validation scan")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    StatementEffects predictedRows =
        new StatementEffects(
            Source.PREDICTED,
            List.of(lock("orders", LockMode.ROW_EXCLUSIVE)),
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    List<Finding> findings =
        List.of(
            new Finding(
                "LK301",
                Severity.WARNING,
                validate.span(),
                "ADD CONSTRAINT ... CHECK validates every row of `orders` under ACCESS EXCLUSIVE",
                Optional.empty(),
                List.of(
                    Fix.advice(
                        "Add the constraint NOT VALID, then VALIDATE it in a separate migration",
                        "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;\n"
                            + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;")),
                validate.sql()),
            new Finding(
                "DM101",
                Severity.INFO,
                update.span(),
                "UPDATE of every row of `orders` (no WHERE)",
                Optional.empty(),
                List.of(),
                update.sql()),
            new Finding(
                "WD002",
                Severity.INFO,
                SourceSpan.ofLine(path, 1),
                "`-- review: ignore LK101` suppresses nothing",
                Optional.empty(),
                List.of(),
                ""));
    return new ReviewReport(
        "lint",
        Optional.empty(),
        List.of(
            new MigrationReport(
                m,
                "linted",
                List.of(
                    new StatementReport(validate, predictedScan),
                    new StatementReport(update, predictedRows)))),
        findings,
        List.of(),
        Optional.empty(),
        List.of(
            new ReviewReport.Step("sources", "ok", 4, Optional.empty()),
            new ReviewReport.Step("lint", "ok", 2, Optional.empty()),
            new ReviewReport.Step("trace", "skipped", 0, Optional.of("lint does not trace"))),
        List.of(),
        Severity.ERROR);
  }

  /** A destructive change that needs a DBA's approval, on a production that has drifted; tracing partly failed. */
  static ReviewReport decisionAndDrift() {
    String path = "db/migration/V43__drop_legacy.sql";
    SqlStatement drop =
        stmt(
            0,
            "DROP TABLE legacy_orders",
            path,
            2,
            2,
            24,
            new Change.Drop(
                Change.ObjectKind.TABLE,
                List.of(QualifiedName.of("legacy_orders")),
                false,
                false,
                false));
    SqlStatement func =
        stmt(
            1,
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$",
            path,
            4,
            4,
            63,
            new Change.Other(
                "CREATE FUNCTION", Change.ObjectKind.FUNCTION, Optional.of(QualifiedName.of("f"))));
    Migration m = flyway(path, "43", "drop legacy", true, List.of(drop, func));
    StatementEffects failed =
        new StatementEffects(
            Source.TRACED,
            List.of(),
            List.of(),
            List.of(),
            Optional.of(Duration.ofMillis(2)),
            Optional.of("permission denied for language sql"),
            Optional.empty());
    List<Finding> findings =
        List.of(
            new Finding(
                "DS101",
                Severity.ERROR,
                drop.span(),
                "DROP TABLE `legacy_orders` deletes its data irreversibly",
                Optional.empty(),
                List.of(),
                drop.sql()));
    Decision decision =
        new Decision(
            Decision.Outcome.NEEDS_APPROVAL,
            List.of(
                "POL001: irreversible operations need a named human's approval",
                "pii-needs-privacy: `legacy_orders` is tagged pii"),
            List.of(
                new Decision.ApprovalRequirement(
                    "POL001",
                    List.of("acme/dba"),
                    1,
                    "drops `legacy_orders`; the author cannot approve",
                    List.of()),
                new Decision.ApprovalRequirement(
                    "pii-needs-privacy",
                    List.of("carol", "acme/privacy"),
                    2,
                    "touches a pii table",
                    List.of("carol"))));
    List<DriftItem> drift =
        List.of(
            new DriftItem(
                "extra",
                "index",
                "public.orders_created_idx",
                Optional.empty(),
                Optional.of("CREATE INDEX orders_created_idx ON public.orders (created_at)"),
                "production has index `public.orders_created_idx` that no migration created"),
            new DriftItem(
                "changed",
                "column",
                "public.legacy_orders.note",
                Optional.of("text"),
                Optional.of("varchar(200)"),
                "column `public.legacy_orders.note` is varchar(200) in production, text in"
                    + " the migration history"));
    return new ReviewReport(
        "review",
        Optional.of(
            new ReviewReport.ReviewTarget(
                "acme/shop",
                "main",
                "5555555555555555555555555555555555555555",
                "drop-legacy",
                "6666666666666666666666666666666666666666")),
        List.of(
            new MigrationReport(
                m,
                "added",
                List.of(
                    new StatementReport(
                        drop,
                        traced(
                            List.of(lock("public.legacy_orders", LockMode.ACCESS_EXCLUSIVE)),
                            List.of(),
                            Optional.empty(),
                            4)),
                    new StatementReport(func, failed)))),
        findings,
        drift,
        Optional.of(decision),
        steps(),
        List.of(
            "statement 2 (V43__drop_legacy.sql:4) failed on the replica: permission denied for language sql"),
        Severity.ERROR);
  }

  /**
   * A MariaDB 11.4 review (issue 14): each ALTER's online DDL, traced on the replica or predicted, in the statement
   * table; the MODIFY rebuilt the table.
   */
  static ReviewReport mariadb() {
    String path = "db/migration/V2__widen.sql";
    SqlStatement add = stmt(0, "ALTER TABLE t ADD COLUMN c INT", path, 1, 1, 30, alter("t"));
    SqlStatement modify = stmt(1, "ALTER TABLE t MODIFY c BIGINT", path, 2, 2, 29, alter("t"));
    SqlStatement index = stmt(2, "ALTER TABLE t ADD INDEX c_idx (c)", path, 3, 3, 33, alter("t"));
    Migration m = flyway(path, "2", "widen", false, List.of(add, modify, index));
    StatementEffects failed =
        new StatementEffects(
            Source.TRACED,
            List.of(),
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.of("not run: an earlier statement failed"),
            Optional.empty());
    List<Finding> findings =
        List.of(
            new Finding(
                "MY101",
                Severity.WARNING,
                modify.span(),
                "MODIFY c BIGINT rebuilds `t` with ALGORITHM=COPY and blocks writes",
                Optional.empty(),
                List.of(),
                modify.sql()));
    return new ReviewReport(
        "review",
        Optional.of(
            new ReviewReport.ReviewTarget(
                "acme/shop",
                "main",
                "7777777777777777777777777777777777777777",
                "widen",
                "8888888888888888888888888888888888888888")),
        List.of(
            new MigrationReport(
                m,
                "added",
                List.of(
                    new StatementReport(
                        add,
                        traced(List.of(), List.of(), Optional.empty(), 6),
                        Optional.of(
                            new OnlineDdl.Verdict("INSTANT", "NONE", OnlineDdl.Source.TRACED))),
                    new StatementReport(
                        modify,
                        traced(
                            List.of(),
                            List.of(new StatementEffects.Rewrite("t", "new InnoDB table id")),
                            Optional.empty(),
                            41),
                        Optional.of(
                            new OnlineDdl.Verdict("COPY", "SHARED", OnlineDdl.Source.TRACED))),
                    new StatementReport(
                        index,
                        failed,
                        Optional.of(
                            new OnlineDdl.Verdict(
                                "INPLACE", "NONE", OnlineDdl.Source.PREDICTED)))))),
        findings,
        List.of(),
        Optional.empty(),
        steps(),
        List.of(),
        Severity.ERROR,
        "mariadb",
        "11.4.5");
  }

  // --- builders ---

  static SqlStatement stmt(
      int index, String sql, String path, int line, int endLine, int endColumn, Change change) {
    return new SqlStatement(
        index,
        sql,
        new SourceSpan(path, line, 1, endLine, endColumn),
        change,
        SqlStatement.ParsedBy.JSQLPARSER,
        Optional.empty());
  }

  static Change alter(String table) {
    return new Change.AlterTable(QualifiedName.of(table), false, false, List.of());
  }

  static Migration flyway(
      String path, String version, String description, boolean tx, List<SqlStatement> sql) {
    return new Migration(
        path,
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.of(version),
        description,
        tx,
        sql,
        List.of());
  }

  static ObservedLock lock(String relation, LockMode mode) {
    return new ObservedLock(relation, mode);
  }

  static StatementEffects traced(
      List<ObservedLock> locks,
      List<StatementEffects.Rewrite> rewrites,
      Optional<Impact> impact,
      long millis) {
    return new StatementEffects(
        Source.TRACED,
        locks,
        rewrites,
        List.of(),
        Optional.of(Duration.ofMillis(millis)),
        Optional.empty(),
        impact);
  }

  static Optional<Impact> impact(LockMode mode, Duration held, String blocks) {
    return Optional.of(
        new Impact(
            "public.orders",
            mode,
            44_023_414_784L,
            2_100_000L,
            380.0,
            held,
            blocks,
            "relpages x measured seconds per GB on the replica"));
  }

  static List<ReviewReport.Step> steps() {
    return List.of(
        new ReviewReport.Step("sources", "ok", 12, Optional.empty()),
        new ReviewReport.Step("lint", "ok", 3, Optional.empty()),
        new ReviewReport.Step("trace", "ok", 1840, Optional.of("PostgreSQL 17 replica")),
        new ReviewReport.Step("policy", "ok", 1, Optional.empty()));
  }

  static RuleMeta meta(String id, String slug, String title, Severity severity) {
    return new RuleMeta(
        id,
        slug,
        title,
        severity,
        Set.of("postgres"),
        "when it fires",
        "what goes wrong",
        "what to do instead",
        Optional.empty(),
        Optional.empty());
  }

  /** A report with one finding, for edge-case tests. */
  static ReviewReport single(SqlStatement statement, Finding finding) {
    Migration m = flyway(statement.span().path(), "1", "edge", true, List.of(statement));
    return new ReviewReport(
        "lint",
        Optional.empty(),
        List.of(
            new MigrationReport(
                m,
                "linted",
                List.of(new StatementReport(statement, StatementEffects.predicted(List.of()))))),
        List.of(finding),
        List.of(),
        Optional.empty(),
        List.of(),
        List.of(),
        Severity.ERROR);
  }
}
