package dev.schemawarden.drift.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The change that fixes a {@link Problem}, in its safe form, with its rollback.
 *
 * @param summary one line: what it does
 * @param kind a migration to commit, or a one-off operation (VACUUM, dropping a replication slot) run by hand
 * @param sql the statements, each ending with {@code ;} on its own line; names are always quoted identifiers
 * @param rollback what undoes it; empty when nothing can (a dropped slot's retained WAL is gone)
 * @param outsideTransaction true when a statement refuses to run in a transaction block ({@code CONCURRENTLY},
 *     {@code VACUUM}): the migration must be non-transactional
 * @param onlinePlan set when the statement as written would lock or rewrite a busy table and needs a planned,
 *     online rollout instead (e.g. the expand/contract recipe for a column type change): why, and the recipe
 */
public record ProposedFix(
    String summary,
    Kind kind,
    String sql,
    Optional<String> rollback,
    boolean outsideTransaction,
    Optional<String> onlinePlan) {

  /** What to do with the SQL. */
  public enum Kind {
    MIGRATION,
    OPERATION
  }

  public ProposedFix {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(rollback, "rollback");
    Objects.requireNonNull(onlinePlan, "onlinePlan");
  }
}
