package dev.schemawarden.analyzers.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A column in {@code CREATE TABLE} or {@code ADD COLUMN}.
 *
 * @param defaultExpr the {@code DEFAULT} expression text, if any
 * @param generated {@code NONE}, {@code STORED} ({@code GENERATED ALWAYS AS (...) STORED}), {@code VIRTUAL},
 *     or {@code IDENTITY}
 * @param inlineConstraint a constraint written on the column ({@code PRIMARY KEY}, {@code UNIQUE},
 *     {@code REFERENCES}, {@code CHECK}), if any
 */
public record ColumnDef(
    String name,
    DataType type,
    boolean notNull,
    Optional<String> defaultExpr,
    Generated generated,
    Optional<ConstraintDef> inlineConstraint) {

  public enum Generated {
    NONE,
    STORED,
    VIRTUAL,
    IDENTITY
  }

  public ColumnDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultExpr, "defaultExpr");
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(inlineConstraint, "inlineConstraint");
  }
}
