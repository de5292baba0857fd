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
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        return new QualifiedName(Optional.of(unquote(text.substring(0, i))), unquote(text.substring(i + 1)));
      }
    }
    return of(unquote(text));
  }

  private static String unquote(String part) {
    return part.length() >= 2 && part.startsWith("\"") && part.endsWith("\"")
        ? part.substring(1, part.length() - 1).replace("\"\"", "\"") : part;
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
