package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.List;
import java.util.Set;

/**
 * Finding ids that only a trace on a replica can produce. They are system ids (no lint rule emits them, so no
 * fixture folder) with doc pages like any rule. The default severity is the one used when impact does not decide
 * it; lock-based ones are raised or lowered by {@link ImpactEstimator#severity}.
 */
public final class TraceRules {

  private TraceRules() {}

  public static final RuleMeta TR101 =
      meta(
          "TR101",
          "fails-on-production-schema",
          "A statement fails on production's schema",
          Severity.ERROR,
          "The statement raised an error when run on a replica built from production's schema (or the base branch's"
              + " migration history): a column, table or type it names is missing, a constraint is violated, ...",
          "The migration passed every static check but would fail in the deploy, leaving production half-migrated"
              + " when the tool does not run it in a transaction.",
          "Fix the statement against production's real schema; if production drifted from the migration history,"
              + " repair the drift first.");

  public static final RuleMeta TR102 =
      meta(
          "TR102",
          "table-rewrite-observed",
          "A table rewrite was observed",
          Severity.WARNING,
          "The relation's storage file changed (relfilenode) while the statement ran: PostgreSQL copied the whole"
              + " table (and rebuilt its indexes) under an ACCESS EXCLUSIVE lock.",
          "Reads and writes on the table wait for the whole copy; on a large table that is minutes to hours of"
              + " downtime for every query touching it.",
          "Use a form that does not rewrite (a constant default, a binary-compatible type change) or migrate through"
              + " a new column: add, backfill in batches, swap.");

  public static final RuleMeta TR103 =
      meta(
          "TR103",
          "validation-scan-under-blocking-lock",
          "A full validation scan ran under a lock that blocks writes",
          Severity.WARNING,
          "The table was read in full during the statement (constraint validation, SET NOT NULL, index build) while a"
              + " lock that conflicts with INSERT/UPDATE/DELETE was held.",
          "Writes queue for as long as the scan of the whole table takes.",
          "Add constraints NOT VALID and VALIDATE them in a separate statement (SHARE UPDATE EXCLUSIVE); use a"
              + " validated CHECK (col IS NOT NULL) before SET NOT NULL; build indexes CONCURRENTLY.");

  public static final RuleMeta TR104 =
      meta(
          "TR104",
          "dangerous-lock-without-lock-timeout",
          "A lock that blocks writes was taken without lock_timeout",
          Severity.WARNING,
          "The statement took a lock that conflicts with writes on an existing table while the migration had not set"
              + " lock_timeout (the effective lock_timeout was the server default, 0: wait forever).",
          "If any long transaction holds a conflicting lock, the migration waits behind it, and every later query on"
              + " the table queues behind the migration: one slow report query becomes an outage.",
          "SET lock_timeout (e.g. '2s') before the statement and retry the migration when it times out.");

  public static final RuleMeta TR105 =
      meta(
          "TR105",
          "access-exclusive-held-across-statements",
          "Statements ran while an ACCESS EXCLUSIVE lock was held",
          Severity.WARNING,
          "After a statement took ACCESS EXCLUSIVE on an existing table, more statements ran in the same"
              + " transaction, so the lock was held until the transaction committed.",
          "Every read and write on the table waits for all of those statements, not just the one that needed the"
              + " lock.",
          "Move the statement that takes ACCESS EXCLUSIVE to the end of its transaction, or into its own migration.");

  public static final RuleMeta TR106 =
      meta(
          "TR106",
          "foreign-key-without-index",
          "A foreign key has no index on its referencing columns",
          Severity.WARNING,
          "After the migration, a foreign key it added has referencing columns that are not the leading columns of"
              + " any index on the referencing table (checked in the replica's catalog).",
          "Every DELETE or key UPDATE on the referenced table scans the referencing table to check the constraint,"
              + " and joins along the key cannot use an index.",
          "CREATE INDEX CONCURRENTLY on the referencing columns (in a migration that does not run in a transaction).");

  public static final RuleMeta TR107 =
      meta(
          "TR107",
          "statement-not-traced",
          "A statement was stopped before its trace finished",
          Severity.WARNING,
          "The replica stopped the statement at the statement budget (or another limit of the trace), so it did not"
              + " finish.",
          "Its locks and effects are unknown; a statement that exceeds the budget on a schema-only replica is likely"
              + " to run far longer on production.",
          "Split long-running work (batches, CONCURRENTLY), or review the statement by hand.");

  public static final RuleMeta TR108 =
      meta(
          "TR108",
          "sandbox-escape",
          "The statement tried to reach outside the replica sandbox",
          Severity.ERROR,
          "The sandbox's text filter refused the statement (COPY ... PROGRAM or a server file, lo_import/lo_export,"
              + " ALTER SYSTEM, SET ROLE, an untrusted extension or language, roles, databases, a psql meta-command"
              + " ...) or PostgreSQL refused it for a privilege only a superuser or a server-level role has.",
          "Run by a privileged deploy role, the statement reaches the server's files, programs, configuration or other"
              + " databases: a pull request could run a shell on the database host or read its secrets.",
          "Take the statement out of the migration; server-level changes go through the DBA's own process. Policy"
              + " POL003 requires a human approval for any change that has this finding.");

  public static final RuleMeta TR109 =
      meta(
          "TR109",
          "lock-on-unnamed-relation",
          "A statement locked a table it does not name",
          Severity.WARNING,
          "The trace saw the statement take a lock that blocks writes on a pre-existing table or view the statement"
              + " does not name: the table a dropped or changed foreign key references, the partitioned table of a"
              + " partition, a partition of a table, ...",
          "Nobody reading the migration expects that table to stop: its readers and writers queue behind the"
              + " migration, and a lock_timeout written for the named table fires on the other one.",
          "Set lock_timeout and retry; run the statement when the other table is quiet, or split the work so the"
              + " statement holds the lock as briefly as possible (for example drop a foreign key on its own, not in a"
              + " long transaction).");

  public static final RuleMeta TR110 =
      meta(
          "TR110",
          "cascade-dropped-unnamed-objects",
          "A statement dropped tables or views it does not name",
          Severity.ERROR,
          "The trace saw the statement (a DROP ... CASCADE, or ALTER TABLE ... DROP COLUMN ... CASCADE) drop"
              + " pre-existing tables, views or materialized views it does not name, and no later statement of the"
              + " change recreates them.",
          "Whatever reads those objects (the application, reports, other views) fails as soon as the migration has"
              + " run; the pull request never showed them.",
          "Drop without CASCADE and drop (and recreate, if they are still needed) each dependent object explicitly in"
              + " the migration.");

  public static final List<RuleMeta> ALL =
      List.of(TR101, TR102, TR103, TR104, TR105, TR106, TR107, TR108, TR109, TR110);

  /** The ids a MySQL or MariaDB trace reports too ({@code MysqlTraceVerdicts}); the others read pg_locks. */
  private static Set<String> engines(String id) {
    return Set.of("TR101", "TR102", "TR107", "TR108").contains(id)
        ? Set.of("postgres", "mysql", "mariadb")
        : Set.of("postgres");
  }

  private static RuleMeta meta(
      String id,
      String slug,
      String title,
      Severity severity,
      String condition,
      String effect,
      String workaround) {
    return Metas.on(engines(id), id, slug, title, severity, condition, effect, workaround);
  }
}
