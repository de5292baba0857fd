package dev.schemawarden.analyzers.internal.rules.transaction;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.List;
import java.util.Optional;

/** TX103: a BEGIN without COMMIT leaves the transaction to whatever runs next (or to the tool's rollback). */
public final class UncommittedTransaction implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "TX103",
          "uncommitted-transaction",
          "BEGIN without COMMIT",
          Severity.ERROR,
          "A `BEGIN` in the migration has no `COMMIT` (or `ROLLBACK`) before the end of the file.",
          "Depending on the tool the open transaction is rolled back when the session ends, or committed by"
              + " whatever the tool runs next; locks taken in it are held until then.",
          "End every `BEGIN` with a `COMMIT` in the same file.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    Optional<SqlStatement> open = Optional.empty();
    for (SqlStatement s : migration.statements()) {
      if (s.change() instanceof Change.Transaction t) {
        switch (t.kind()) {
          case BEGIN -> open = open.or(() -> Optional.of(s));
          case COMMIT, ROLLBACK, PREPARE -> open = Optional.empty();
          default -> {
            // savepoints do not end the transaction
          }
        }
      }
    }
    open.ifPresent(
        begin ->
            ctx.report(
                begin,
                "BEGIN at line "
                    + begin.line()
                    + " of "
                    + migration.label()
                    + " is never committed",
                List.of(Fix.advice("Commit at the end of the file.", "COMMIT;"))));
  }
}
