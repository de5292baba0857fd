package dev.schemawarden.analyzers.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An object name as written, with its optional schema. Unquoted identifiers are folded to lower case by the
 * classifier (as PostgreSQL does); quoted ones keep their case. {@link #matches} compares ignoring an absent
 * schema, so {@code orders} matches {@code public.orders}.
 */
public record QualifiedName(Optional<String> schema, String name) {
  public QualifiedName {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
  }

  public static QualifiedName of(String name) {
    return new QualifiedName(Optional.empty(), name);
  }

  public static QualifiedName of(String schema, String name) {
    return new QualifiedName(Optional.ofNullable(schema), name);
  }

  /**
   * A relation as PostgreSQL prints it ({@code orders}, {@code public.orders}, {@code "Sales"."Order"}): split at
   * the first dot outside double quotes, quoted parts unquoted.
   */
  public static QualifiedName parse(String text) {
    int dot = Identifiers.indexOutsideQuotes(text, '.');
    return dot < 0
        ? of(Identifiers.unquote(text))
        : new QualifiedName(
            Optional.of(Identifiers.unquote(text.substring(0, dot))),
            Identifiers.unquote(text.substring(dot + 1)));
  }

  /** Same object when names are equal and schemas are equal or either is absent. */
  public boolean matches(QualifiedName other) {
    if (!name.equals(other.name)) {
      return false;
    }
    return schema.isEmpty() || other.schema.isEmpty() || schema.equals(other.schema);
  }

  /** The name with {@code defaultSchema} filled in when none was written. */
  public QualifiedName withDefaultSchema(String defaultSchema) {
    return schema.isPresent() ? this : new QualifiedName(Optional.of(defaultSchema), name);
  }

  @Override
  public String toString() {
    return schema.map(s -> s + "." + name).orElse(name);
  }
}
