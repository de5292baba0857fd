package dev.schemawarden.analyzers.internal.rules.locking;

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

/** LK101: TODO one sentence: what it catches and why. */
public final class RequireConcurrentIndexCreation implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK101", "require-concurrent-index-creation", "TODO title", Severity.WARNING,
          "TODO condition: when it fires.",
          "TODO effect: what goes wrong in production.",
          "TODO workaround: what to do instead.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (s.change() instanceof Change.AlterTable alter && !ctx.isNewTable(alter.table())) {
        // TODO match the semantic change; name the concrete objects in the message
        ctx.report(s, "TODO on existing table " + alter.table(), List.of(Fix.advice("TODO", "TODO SQL")));
      }
    }
  }
}
