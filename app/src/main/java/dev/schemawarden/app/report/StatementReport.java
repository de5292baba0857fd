package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement with its traced or predicted effects.
 *
 * @param onlineDdl MySQL/MariaDB only: the ALGORITHM and LOCK the ALTER got on the replica, or the prediction
 */
public record StatementReport(
    SqlStatement statement, StatementEffects effects, Optional<OnlineDdl.Verdict> onlineDdl) {
  public StatementReport {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(effects, "effects");
    Objects.requireNonNull(onlineDdl, "onlineDdl");
  }

  public StatementReport(SqlStatement statement, StatementEffects effects) {
    this(statement, effects, Optional.empty());
  }
}
