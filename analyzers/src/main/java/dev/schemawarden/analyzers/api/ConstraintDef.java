package dev.schemawarden.analyzers.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table or column constraint.
 *
 * @param usingIndex for {@code PRIMARY KEY USING INDEX idx} / {@code UNIQUE USING INDEX idx}
 * @param references for {@code FOREIGN KEY}: the referenced table
 * @param expression for {@code CHECK} / {@code EXCLUDE}: the text in parentheses
 * @param notValid {@code NOT VALID} was written
 */
public record ConstraintDef(
    Optional<String> name,
    Kind kind,
    List<String> columns,
    Optional<String> usingIndex,
    Optional<QualifiedName> references,
    List<String> referencedColumns,
    Optional<String> expression,
    boolean notValid) {

  public enum Kind {
    PRIMARY_KEY,
    UNIQUE,
    FOREIGN_KEY,
    CHECK,
    EXCLUDE,
    NOT_NULL
  }

  public ConstraintDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
    Objects.requireNonNull(usingIndex, "usingIndex");
    Objects.requireNonNull(references, "references");
    referencedColumns = List.copyOf(referencedColumns);
    Objects.requireNonNull(expression, "expression");
  }
}
