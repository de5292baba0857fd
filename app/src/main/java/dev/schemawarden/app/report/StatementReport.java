package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import java.util.Objects;

/** A statement with its traced or predicted effects. */
public record StatementReport(SqlStatement statement, StatementEffects effects) {
  public StatementReport {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(effects, "effects");
  }
}
