package dev.schemawarden.analyzers.internal.rules.mysql;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import dev.schemawarden.analyzers.internal.rules.support.Timeouts;
import java.util.List;
import java.util.Optional;

/**
 * MY103: DDL on an existing table without a {@code lock_wait_timeout} below MySQL's one-year default. Every ALTER,
 * even an instant one, takes an exclusive metadata lock; while it waits for open transactions, every query on the
 * table queues behind it.
 */
public final class RequireLockWaitTimeout implements LintRule {

  private static final RuleMeta META =
      MysqlFacts.meta(
          "MY103",
          "mysql-require-lock-wait-timeout",
          "DDL on an existing table without lock_wait_timeout",
          Severity.WARNING,
          "An ALTER, CREATE/DROP INDEX, RENAME, TRUNCATE or DROP on a table that existed before the change, and no"
              + " `SET SESSION lock_wait_timeout` below the default (31536000 s, one year) earlier in the migration.",
          "The statement waits for the exclusive metadata lock behind any open transaction on the table, and every later"
              + " query on the table waits behind it: one long report query turns an instant ALTER into an outage.",
          "Start the migration with `SET SESSION lock_wait_timeout = 5;` and retry the migration when it times out.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.LOCK_TIMEOUT;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      Optional<QualifiedName> table = lockedTable(s.change());
      if (table.isEmpty()
          || Earlier.newTable(ctx, migration, s, table.get())
          || MysqlFacts.lockWaitTimeoutSet(migration, s)) {
        continue;
      }
      ctx.report(
          s,
          "`"
              + table.get()
              + "` needs an exclusive metadata lock and no lock_wait_timeout is set: while"
              + " it waits (up to a year by default), every query on `"
              + table.get()
              + "` queues behind it",
          List.of(
              Timeouts.setFirst(
                  "Give up after 5 seconds instead of queueing everyone; retry later.",
                  "SET SESSION lock_wait_timeout = 5;",
                  s)));
      return; // once per migration: one SET at the top covers every statement
    }
  }

  private static Optional<QualifiedName> lockedTable(Change c) {
    if (c instanceof Change.AlterTable a) {
      return Optional.of(a.table());
    }
    if (c instanceof Change.CreateIndex i) {
      return Optional.of(i.table());
    }
    if (c instanceof Change.Drop d
        && (d.kind() == Change.ObjectKind.TABLE || d.kind() == Change.ObjectKind.INDEX)) {
      return d.on()
          .or(
              () ->
                  d.names().stream().findFirst().filter(n -> d.kind() == Change.ObjectKind.TABLE));
    }
    if (c instanceof Change.Truncate t) {
      return t.tables().stream().findFirst();
    }
    return Optional.empty();
  }
}
