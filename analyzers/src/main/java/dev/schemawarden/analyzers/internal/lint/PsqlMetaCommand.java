package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;

/** SQL002: psql meta-commands ({@code \connect}, {@code \i}) are not SQL; migration tools fail on them. */
public final class PsqlMetaCommand implements LintRule {

  private static final RuleMeta META =
      Metas.system(
          "SQL002",
          "psql-meta-command",
          "psql meta-command in a migration",
          Severity.ERROR,
          "A line starting with a backslash, such as `\\connect` or `\\i`, is a psql meta-command.",
          "Only psql understands meta-commands: Flyway, Liquibase, golang-migrate and dbmate send them to the"
              + " server, which rejects them, so the migration fails half-way in production.",
          "Express the step in SQL, or move it out of the migration into the deploy script.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (s.change() instanceof Change.MetaCommand meta) {
        ctx.report(
            s,
            "psql meta-command `"
                + UnclassifiedStatement.quote(meta.command())
                + "` in "
                + migration.label()
                + ": only psql understands it, "
                + migration.tool().configName()
                + " sends it to the server, which rejects it",
            List.of(
                Fix.advice(
                    "Remove the meta-command; express the step in SQL or in the deploy script.",
                    "")));
      }
    }
  }
}
