package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.DownMigration;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import java.util.List;
import java.util.Objects;

/**
 * A migration in the report with how the change touches it ({@code added} or {@code modified}; {@code linted} for
 * {@code warden lint}; {@link #UNCHANGED} for an up whose down alone the change edits) and the effects of each of its statements, in statement order.
 *
 * @param downs the down migrations of the change that revert this one (its rollback plan: golang-migrate
 *     {@code .down.sql}, dbmate's down section, Flyway {@code U}, ...), linted but neither traced nor decided on;
 *     their statements keep their predicted effects
 */
public record MigrationReport(
    Migration migration, String status, List<StatementReport> statements, List<MigrationReport> downs) {
  /**
   * The status of an up migration the change does not touch, listed only to hold a down the change edits (its
   * rollback plan): its own statements are not reviewed again, so it carries none.
   */
  public static final String UNCHANGED = "unchanged";

  public MigrationReport {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(status, "status");
    statements = List.copyOf(statements);
    downs = List.copyOf(downs);
  }

  public MigrationReport(Migration migration, String status, List<StatementReport> statements) {
    this(migration, status, statements, List.of());
  }

  public MigrationReport withDowns(List<MigrationReport> newDowns) {
    return new MigrationReport(migration, status, statements, newDowns);
  }

  /** Whether the change adds or modifies this migration (not an {@link #UNCHANGED} holder of edited downs). */
  public boolean changed() {
    return !status.equals(UNCHANGED);
  }

  /** The migrations the change adds or modifies, without {@link #UNCHANGED} holders of edited downs. */
  public static List<MigrationReport> changedOnly(List<MigrationReport> migrations) {
    return migrations.stream().filter(MigrationReport::changed).toList();
  }

  /** Whether this is a rollback plan (a down or undo migration) rather than something the deploy applies. */
  public boolean isDown() {
    return DownMigration.isRollback(migration.kind());
  }

  /**
   * Whether {@code f} is about one of this migration's downs: in the down's file and, when that file also holds
   * this up migration (dbmate), within the lines of the down's statements.
   */
  public boolean inDowns(Finding f) {
    return downs.stream().anyMatch(d -> d.migration().path().equals(f.span().path())
        && (!d.migration().path().equals(migration.path()) || d.statements().stream()
            .anyMatch(s -> f.span().line() >= s.statement().span().line()
                && f.span().line() <= s.statement().span().endLine())));
  }

  /** Whether {@code f} is about a down migration of {@code migrations}: a rollback plan's finding. */
  public static boolean inRollbackPlan(List<MigrationReport> migrations, Finding f) {
    return migrations.stream().anyMatch(m -> m.inDowns(f));
  }
}
