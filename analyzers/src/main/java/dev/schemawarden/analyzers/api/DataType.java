package dev.schemawarden.analyzers.api;

import java.util.List;
import java.util.Objects;

/**
 * A column type as written, normalised: {@code name} is lower case with PostgreSQL's aliases resolved to one
 * spelling ({@code int}/{@code integer}/{@code int4} -> {@code integer}, {@code character varying} ->
 * {@code varchar}, {@code timestamp without time zone} -> {@code timestamp}, {@code timestamp with time zone} ->
 * {@code timestamptz}, {@code serial4} -> {@code serial}); {@code modifiers} are the parenthesised arguments
 * ({@code varchar(20)} -> {@code ["20"]}); {@code arrayDims} counts {@code []}.
 */
public record DataType(String name, List<String> modifiers, int arrayDims) {
  public DataType {
    Objects.requireNonNull(name, "name");
    modifiers = List.copyOf(modifiers);
  }

  public static DataType of(String name, String... modifiers) {
    return new DataType(name, List.of(modifiers), 0);
  }

  public boolean isArray() {
    return arrayDims > 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    if (!modifiers.isEmpty()) {
      sb.append('(').append(String.join(",", modifiers)).append(')');
    }
    sb.append("[]".repeat(arrayDims));
    return sb.toString();
  }
}
