package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.DataType;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.sql.Token;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads names and data types at a cursor, PostgreSQL spelling. */
final class PostgresSyntax {
  private PostgresSyntax() {}

  /** Aliases to the one spelling {@link DataType} documents. */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("int", "integer"),
          Map.entry("int4", "integer"),
          Map.entry("integer", "integer"),
          Map.entry("int8", "bigint"),
          Map.entry("int2", "smallint"),
          Map.entry("serial4", "serial"),
          Map.entry("serial8", "bigserial"),
          Map.entry("serial2", "smallserial"),
          Map.entry("character varying", "varchar"),
          Map.entry("char varying", "varchar"),
          Map.entry("character", "char"),
          Map.entry("bpchar", "char"),
          Map.entry("timestamp without time zone", "timestamp"),
          Map.entry("timestamp with time zone", "timestamptz"),
          Map.entry("time without time zone", "time"),
          Map.entry("time with time zone", "timetz"),
          Map.entry("float8", "double precision"),
          Map.entry("float4", "real"),
          Map.entry("bool", "boolean"),
          Map.entry("decimal", "numeric"),
          Map.entry("bit varying", "varbit"));

  /** {@code name}, {@code schema.name} or {@code db.schema.name} (the database part is dropped). */
  static Optional<QualifiedName> qualifiedName(TokenCursor c) {
    Optional<String> first = c.acceptIdentifier();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>(3);
    parts.add(first.get());
    while (c.isOp(".") && c.peek(1).isIdentifier()) {
      c.next();
      parts.add(c.next().value());
    }
    int k = parts.size();
    return Optional.of(
        k == 1
            ? QualifiedName.of(parts.get(0))
            : QualifiedName.of(parts.get(k - 2), parts.get(k - 1)));
  }

  /** A comma-separated list of qualified names, e.g. {@code DROP TABLE a, b.c}. */
  static List<QualifiedName> qualifiedNames(TokenCursor c) {
    List<QualifiedName> names = new ArrayList<>();
    do {
      qualifiedName(c).ifPresent(names::add);
    } while (c.acceptOp(","));
    return names;
  }

  /** The identifiers of a parenthesised column list: {@code (a, "B", c)} -> a, B, c (expressions as text). */
  static List<String> columnList(TokenCursor c) {
    List<String> cols = new ArrayList<>();
    for (TokenCursor item : c.acceptParenthesisedList()) {
      if (item.size() == 1 && item.peek().isIdentifier()) {
        cols.add(item.peek().value());
      } else if (item.peek().isIdentifier() && !item.peek(1).isOp("(")) {
        cols.add(item.peek().value()); // a column with ASC/DESC, opclass or COLLATE
      } else {
        cols.add(item.remainingText());
      }
    }
    return cols;
  }

  /** Reads a data type at the cursor; empty when no identifier is there. */
  static Optional<DataType> dataType(TokenCursor c) {
    Token first = c.peek();
    if (!first.isIdentifier()) {
      return Optional.empty();
    }
    StringBuilder name = new StringBuilder();
    Optional<QualifiedName> q = qualifiedName(c);
    q.get()
        .schema()
        .filter(s -> !s.equals("pg_catalog"))
        .ifPresent(s -> name.append(s).append('.'));
    String base = q.get().name();
    name.append(base);
    boolean quoted = first.type() == Token.Type.QUOTED_IDENT;
    if (!quoted) {
      if ((base.equals("double") && c.acceptWords("precision"))) {
        name.append(" precision");
      } else if ((base.equals("character")
              || base.equals("char")
              || base.equals("bit")
              || base.equals("national"))
          && c.acceptWords("varying")) {
        name.append(" varying");
      } else if (base.equals("national") && c.acceptAny("character", "char").isPresent()) {
        name.setLength(0);
        name.append(c.acceptWords("varying") ? "character varying" : "character");
      } else if (base.equals("interval")) {
        while (c.acceptAny("year", "month", "day", "hour", "minute", "second", "to").isPresent()) {
          // interval fields do not change the storage type
        }
      }
    }
    List<String> modifiers = new ArrayList<>();
    if (c.isOp("(")) {
      for (TokenCursor m : c.acceptParenthesisedList()) {
        modifiers.add(m.remainingText().replace(" ", ""));
      }
    }
    if (!quoted && (base.equals("timestamp") || base.equals("time"))) {
      if (c.acceptWords("with", "time", "zone")) {
        name.append(" with time zone");
      } else if (c.acceptWords("without", "time", "zone")) {
        name.append(" without time zone");
      }
    }
    int dims = 0;
    while (true) {
      if (c.isOp("[")) {
        c.acceptParenthesised();
        dims++;
      } else if (c.acceptWords("array")) {
        if (c.isOp("[")) {
          c.acceptParenthesised();
        }
        dims++;
      } else {
        break;
      }
    }
    String normal = quoted ? name.toString() : normalise(name.toString());
    if (normal.equals("float")) {
      boolean single =
          !modifiers.isEmpty()
              && modifiers.get(0).matches("\\d+")
              && Integer.parseInt(modifiers.get(0)) <= 24;
      normal = single ? "real" : "double precision";
      modifiers = List.of();
    }
    return Optional.of(new DataType(normal, modifiers, dims));
  }

  static String normalise(String name) {
    return ALIASES.getOrDefault(name, name);
  }
}
