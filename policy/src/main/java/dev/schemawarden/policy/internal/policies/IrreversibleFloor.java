package dev.schemawarden.policy.internal.policies;

import dev.schemawarden.analyzers.api.ChangeKind;
import dev.schemawarden.policy.api.OperationClass;
import dev.schemawarden.policy.api.PrStatement;
import dev.schemawarden.policy.internal.ChangeObjects;
import java.util.List;

/**
 * POL001, the built-in floor: a change with an irreversible operation (DROP TABLE/COLUMN/SCHEMA/DATABASE,
 * TRUNCATE, DELETE/UPDATE without WHERE, dropping a constraint...) needs at least one approval from a human other
 * than its author and committers. A policy file cannot remove, lower or override it; it can add stricter rules.
 */
public final class IrreversibleFloor implements Policy {
  public static final String ID = "POL001";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "irreversible operations always need a human approval";
  }

  @Override
  public Verdict evaluate(PolicyInput input) {
    List<String> details =
        input.facts().statements().stream()
            .filter(s -> s.operations().stream().anyMatch(OperationClass::irreversible))
            .map(IrreversibleFloor::describe)
            .toList();
    if (details.isEmpty()) {
      return new Verdict.NoMatch();
    }
    return new Verdict.Require(
        1,
        List.of("*"),
        "irreversible operation needs 1 human approval ("
            + details.get(0)
            + (details.size() > 1 ? " and " + (details.size() - 1) + " more" : "")
            + ")",
        details);
  }

  static String describe(PrStatement s) {
    List<String> objects = ChangeObjects.of(s.statement().change());
    return s.location()
        + " "
        + ChangeKind.of(s.statement().change()).jsonName()
        + (objects.isEmpty() ? "" : " " + String.join(", ", objects));
  }
}
