package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.DownMigration;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
    Migration migration,
    String status,
    List<StatementReport> statements,
    List<MigrationReport> downs) {
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
    // Plain loops, no streams: the report asks this for every finding and migration (a lint of
    // hundreds of files has no downs at all, and would otherwise build ~10^5 streams in cold code,
    // docs/benchmarks.md).
    if (downs.isEmpty()) {
      return false;
    }
    for (MigrationReport d : downs) {
      String path = d.migration().path();
      if (!path.equals(f.span().path())) {
        continue;
      }
      if (!path.equals(migration.path())) {
        return true;
      }
      for (StatementReport s : d.statements()) {
        if (f.span().line() >= s.statement().span().line()
            && f.span().line() <= s.statement().span().endLine()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code f} is about a down migration of {@code migrations}: a rollback plan's finding. */
  public static boolean inRollbackPlan(List<MigrationReport> migrations, Finding f) {
    for (MigrationReport m : migrations) {
      if (m.inDowns(f)) {
        return true;
      }
    }
    return false;
  }

  /**
   * For each finding of {@code findings} about a down migration, the first migration of {@code migrations} whose down
   * it is: {@link #inRollbackPlan} for a whole report at once, asking only the migrations that have downs (a lint
   * of hundreds of files has none). Keyed by identity: look up the report's own finding instances.
   */
  public static Map<Finding, MigrationReport> rollbackOwners(
      List<MigrationReport> migrations, List<Finding> findings) {
    Map<Finding, MigrationReport> out = new IdentityHashMap<>();
    for (MigrationReport m : migrations) {
      if (m.downs.isEmpty()) {
        continue;
      }
      for (Finding f : findings) {
        if (!out.containsKey(f) && m.inDowns(f)) {
          out.put(f, m);
        }
      }
    }
    return out;
  }
}
