package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;

/** SQL001: nothing could classify a statement, so no rule can judge it; say so rather than pass it silently. */
public final class UnclassifiedStatement implements LintRule {

  private static final RuleMeta META =
      Metas.system(
          "SQL001",
          "unclassified-statement",
          "Statement could not be classified",
          Severity.WARNING,
          "Neither JSqlParser nor the engine's fallback classifier recognised the statement.",
          "No lint rule can judge a statement it does not understand, so its locks and risks go unreviewed.",
          "Check the statement for typos; if it is valid, review it by hand and suppress with a reason.");

  static final int QUOTE_LENGTH = 60;

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (s.change() instanceof Change.Unknown unknown
          && s.scanError().isEmpty()) { // SQL000 says why
        // the classifier's reason says what it expected; JSqlParser's error, when it tried, says
        // where it stopped
        String why =
            unknown.reason()
                + s.parseError()
                    .filter(e -> s.parsedBy() != SqlStatement.ParsedBy.NONE)
                    .map(e -> "; JSqlParser: " + e)
                    .orElse("");
        ctx.report(
            s,
            "could not classify `" + quote(s.sql()) + "`, so no rule checked it (" + why + ")",
            List.of());
      }
    }
  }

  /** The start of {@code sql} on one line, cut at {@link #QUOTE_LENGTH} characters. */
  static String quote(String sql) {
    String oneLine = sql.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= QUOTE_LENGTH ? oneLine : oneLine.substring(0, QUOTE_LENGTH) + "…";
  }
}
