package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import java.util.List;

/**
 * Finding ids that no {@link dev.schemawarden.analyzers.api.LintRule} emits: the runner emits them (suppression
 * problems, refused files, rule crashes, text the scanner found unterminated) or the pipeline does ({@code MG001}, from change extraction in {@code app}; {@code DR101}
 * to {@code DR103}, from the drift module's {@code Snapshots.relevantDrift} and {@code staleness}). They are in
 * the catalog and have doc pages like any rule.
 */
public final class SystemRules {

  private SystemRules() {}

  /** Always ERROR and never suppressed: a suppression comment could itself sit inside the open construct. */
  public static final RuleMeta SQL000 =
      Metas.system(
          "SQL000",
          "unterminated-quote-or-comment",
          "A quote, dollar quote or comment is never closed",
          Severity.ERROR,
          "A string constant ('...', E'...'), a dollar-quoted string ($$...$$, $fn$...$fn$), a quoted identifier"
              + " (\"...\") or a /* comment */ is opened and the file ends before it is closed.",
          "Everything after the opening quote is read as part of one statement: the statements it swallowed are"
              + " not reviewed, and PostgreSQL rejects the whole text in the deploy.",
          "Close the construct where it should end (the finding names the closing text), then re-run the review.");

  public static final RuleMeta WD001 =
      Metas.system(
          "WD001",
          "malformed-suppression",
          "A warden:ignore directive is malformed",
          Severity.ERROR,
          "A `-- warden:ignore` or `-- warden:ignore-file` comment has no reason, names an unknown rule id, or is"
              + " not directly before a statement.",
          "A suppression nobody can explain hides a real risk from every later reviewer; a misspelled id"
              + " suppresses nothing while looking as if it did.",
          "Write `-- warden:ignore LK101 <why this is safe here>` on the line directly before the statement.");

  public static final RuleMeta WD002 =
      Metas.system(
          "WD002",
          "unused-suppression",
          "A warden:ignore directive suppresses nothing",
          Severity.WARNING,
          "A `-- warden:ignore` names a rule that reported nothing on that statement (or file).",
          "Stale suppressions pile up and later hide new findings of the same rule.",
          "Delete the directive, or move it to the statement it was meant for.");

  public static final RuleMeta WD003 =
      Metas.system(
          "WD003",
          "file-not-read",
          "A repository file was refused and not read",
          Severity.ERROR,
          "A migration file (or a changelog, include or sqlFile) is a symbolic link that leaves the repository, points"
              + " into /proc, /sys or /dev, is a FIFO, device, socket or directory, or is larger than the size cap.",
          "Its content is not in the pull request: the review cannot judge it, the migration tool would still run"
              + " whatever it points at, and reading it could publish host files or secrets in the report or hang"
              + " the review.",
          "Commit the migration itself as a regular file inside the repository (a link to another file of the"
              + " repository is fine).");

  public static final RuleMeta WD004 =
      Metas.system(
          "WD004",
          "change-not-traced",
          "A change is code the review never runs",
          Severity.WARNING,
          "A Liquibase changeset holds a customChange (a Java class) or an executeCommand (a program): what it does"
              + " is code, not SQL, and Schema Warden never loads a class or starts a program a changelog names.",
          "Its locks, rewrites and data changes are in no trace and no rule's verdict: the changeset may take a"
              + " long ACCESS EXCLUSIVE lock or rewrite a table in the deploy while the review shows nothing.",
          "Read the class (or program) and the SQL it runs; prefer a sql or sqlFile change the review can trace, and"
              + " keep custom code for work SQL cannot express.");

  public static final RuleMeta MG001 =
      Metas.system(
          "MG001",
          "modified-applied-migration",
          "A migration that already exists on the base branch was modified",
          Severity.ERROR,
          "The change edits a migration file (or Liquibase changeset) that already exists on the base branch.",
          "Environments that applied the old version never run the new one: Flyway and Liquibase fail validation"
              + " with a checksum mismatch, other tools silently diverge, and the schema drifts.",
          "Leave applied migrations untouched and add a new migration that makes the further change.");

  public static final RuleMeta MG002 =
      Metas.system(
          "MG002",
          "irreversible-migration-without-down",
          "An irreversible migration has no down migration",
          Severity.WARNING,
          "A migration of the change drops a table, schema or column, truncates a table or deletes rows, and the"
              + " repository writes down migrations (golang-migrate .down.sql, dbmate -- migrate:down, diesel down.sql,"
              + " Flyway U scripts, plain .down.sql pairs) but this migration has none, or an empty one.",
          "If the deploy goes wrong there is no rollback plan: `migrate down` fails or does nothing, and the"
              + " dropped data is gone either way. The team finds out during the incident.",
          "Write the down migration (recreate the dropped structure; restore the data from a backup or keep a copy"
              + " before dropping), or, when the change truly cannot be undone, suppress the finding on the"
              + " statement with a reason.");

  public static final RuleMeta DR101 =
      Metas.system(
          "DR101",
          "touches-drifted-object",
          "A statement touches an object that drifted in production",
          Severity.WARNING,
          "A statement of the change alters, drops, renames, indexes or replaces a table, view or index whose"
              + " production definition differs from what the migration history builds (drift module).",
          "The migration was written and reviewed against a schema production does not have: it may fail there,"
              + " or succeed and undo a hotfix nobody recorded.",
          "Bring the drifted object back into the migration history first (a migration that makes the history match"
              + " production), then re-review the change.");

  public static final RuleMeta DR102 =
      Metas.system(
          "DR102",
          "breaks-production-only-dependent",
          "A statement breaks an object that only production has",
          Severity.ERROR,
          "A statement renames, drops or retypes a column (or drops a table or view) that a view existing only in"
              + " production depends on, according to the pg_depend dependencies in production's snapshot.",
          "DROP and ALTER COLUMN TYPE fail in production (the view depends on the column); with CASCADE or a rename"
              + " they silently change or remove an object no migration, review or test knows about.",
          "Add the production-only view to the migrations (or drop it there on purpose) before changing what it"
              + " reads.");

  public static final RuleMeta DR103 =
      Metas.system(
          "DR103",
          "stale-snapshot",
          "The production schema snapshot is old",
          Severity.WARNING,
          "The production snapshot the review used was taken longer ago than the configured maximum age.",
          "Drift, impact and lock estimates describe production as it was; recent hotfixes and growth are unseen.",
          "Take a new snapshot (warden snapshot --url ... --output FILE), e.g. from a scheduled job.");

  public static final RuleMeta DR104 =
      Metas.system(
          "DR104",
          "unrelated-drift",
          "Production drifted from the migration history where this change does not touch",
          Severity.ERROR,
          "drift.fail-on-unrelated is true and production's snapshot differs from the schema the base branch's"
              + " migrations build, in objects no statement of the change touches.",
          "Every later migration is reviewed and tested against a schema production does not have.",
          "Bring the drift into the migration history (or undo it in production), then re-run the review.");

  public static final RuleMeta INTERNAL =
      Metas.system(
          "INTERNAL",
          "internal-error",
          "A lint rule crashed",
          Severity.WARNING,
          "A lint rule threw an exception while checking a migration.",
          "That rule's verdict on the migration is missing, so a risk it would have reported may be unreported.",
          "Report the bug with the migration that triggers it; the other rules still ran.");

  /** Metadata of ids the runner emits itself (plus MG001 and MG002, which the pipeline emits). */
  public static final List<RuleMeta> ALL =
      List.of(
          DR101, DR102, DR103, DR104, INTERNAL, MG001, MG002, SQL000, WD001, WD002, WD003, WD004);
}
