package dev.schemawarden.policy.api;

import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One statement of the change as policies see it: the statement, its operation classes and, when the impact
 * stage weighed it, its impact on production.
 */
public record PrStatement(
    SqlStatement statement, Set<OperationClass> operations, Optional<ImpactFacts> impact) {
  public PrStatement {
    Objects.requireNonNull(statement, "statement");
    if (operations.isEmpty()) {
      throw new IllegalArgumentException(
          "a statement has at least one operation class (OTHER when nothing fits)");
    }
    operations = Collections.unmodifiableSet(EnumSet.copyOf(operations));
    Objects.requireNonNull(impact, "impact");
  }

  /** Classifies {@code statement} with {@code classifier}; no impact facts. */
  public static PrStatement of(SqlStatement statement, OperationClassifier classifier) {
    return new PrStatement(statement, classifier.classify(statement.change()), Optional.empty());
  }

  public PrStatement withImpact(ImpactFacts facts) {
    return new PrStatement(statement, operations, Optional.of(facts));
  }

  /** {@code path:line}, how reasons point at the statement. */
  public String location() {
    return statement.span().path() + ":" + statement.line();
  }
}
