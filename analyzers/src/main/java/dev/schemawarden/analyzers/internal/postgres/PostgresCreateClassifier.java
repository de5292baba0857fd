package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.DataType;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.sql.Token;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every {@code CREATE ...} form. */
final class PostgresCreateClassifier {
  private PostgresCreateClassifier() {}

  /** At the cursor just after {@code CREATE}. */
  static Change create(TokenCursor c) {
    boolean orReplace = c.acceptWords("or", "replace");
    boolean temporary = false;
    boolean unlogged = false;
    boolean unique = false;
    while (true) {
      Optional<String> w =
          c.acceptAny(
              "global",
              "local",
              "temp",
              "temporary",
              "unlogged",
              "unique",
              "recursive",
              "trusted",
              "procedural");
      if (w.isEmpty()) {
        break;
      }
      switch (w.get()) {
        case "temp", "temporary" -> temporary = true;
        case "unlogged" -> unlogged = true;
        case "unique" -> unique = true;
        default -> {}
      }
    }
    if (c.acceptWords("table")) {
      return PostgresTableClassifier.createTable(c, temporary, unlogged);
    }
    if (c.acceptWords("index")) {
      return createIndex(c, unique);
    }
    if (c.isWords("role") || c.isWords("user") || c.isWords("group")) {
      return new Change.PrivilegeChange(c.text());
    }
    PostgresDropClassifier.KindWords kw = PostgresDropClassifier.kindWords(c);
    boolean ifNotExists = c.acceptWords("if", "not", "exists");
    switch (kw.kind()) {
      case VIEW:
      case MATERIALIZED_VIEW:
        return PostgresSyntax.qualifiedName(c)
            .<Change>map(
                n -> new Change.CreateView(n, orReplace, kw.kind() == ObjectKind.MATERIALIZED_VIEW))
            .orElse(PostgresClassifier.unknown(c));
      case TYPE:
        return createType(c);
      case DOMAIN:
        return createDomain(c);
      case EXTENSION:
        return c.acceptIdentifier()
            .<Change>map(n -> new Change.CreateExtension(n, ifNotExists))
            .orElse(PostgresClassifier.unknown(c));
      case TRIGGER:
      case POLICY:
        c.acceptIdentifier();
        int on = c.findTopLevelWord("on");
        if (on >= 0) {
          c.reset(on + 1);
        }
        return PostgresClassifier.other(
            "CREATE " + kw.words(), kw.kind(), PostgresSyntax.qualifiedName(c));
      default:
        if (kw.words().equals("RULE")) { // CREATE RULE r AS ON event TO table
          int to = c.findTopLevelWord("to");
          c.reset(to < 0 ? c.size() : to + 1);
        }
        return PostgresClassifier.other(
            "CREATE " + kw.words(), kw.kind(), PostgresSyntax.qualifiedName(c));
    }
  }

  /** At the cursor just after {@code CREATE [UNIQUE] INDEX}. */
  static Change createIndex(TokenCursor c, boolean unique) {
    boolean concurrently = c.acceptWords("concurrently");
    boolean ifNotExists = c.acceptWords("if", "not", "exists");
    Optional<String> name = Optional.empty();
    if (!c.isWords("on")) {
      name = c.acceptIdentifier();
    }
    if (!c.acceptWords("on")) {
      return new Change.Unknown("CREATE INDEX without ON table");
    }
    c.acceptWords("only");
    Optional<QualifiedName> table = PostgresSyntax.qualifiedName(c);
    if (table.isEmpty()) {
      return new Change.Unknown("CREATE INDEX without a table name");
    }
    Optional<String> method = Optional.empty();
    if (c.acceptWords("using")) {
      method = c.acceptIdentifier();
    }
    List<String> columns = PostgresSyntax.columnList(c);
    boolean partial = c.findTopLevelWord("where") >= 0;
    return new Change.CreateIndex(
        name, table.get(), unique, concurrently, ifNotExists, columns, method, partial);
  }

  private static Change createType(TokenCursor c) {
    Optional<QualifiedName> name = PostgresSyntax.qualifiedName(c);
    if (name.isEmpty()) {
      return PostgresClassifier.unknown(c);
    }
    Change.CreateType.TypeKind kind = Change.CreateType.TypeKind.OTHER;
    List<String> values = new ArrayList<>();
    if (c.acceptWords("as", "enum")) {
      kind = Change.CreateType.TypeKind.ENUM;
      for (TokenCursor v : c.acceptParenthesisedList()) {
        values.add(v.peek().value());
      }
    } else if (c.acceptWords("as", "range")) {
      kind = Change.CreateType.TypeKind.RANGE;
    } else if (c.acceptWords("as") && c.isOp("(")) {
      kind = Change.CreateType.TypeKind.COMPOSITE;
    }
    return new Change.CreateType(name.get(), kind, values);
  }

  private static Change createDomain(TokenCursor c) {
    Optional<QualifiedName> name = PostgresSyntax.qualifiedName(c);
    if (name.isEmpty()) {
      return PostgresClassifier.unknown(c);
    }
    c.acceptWords("as");
    DataType type = PostgresSyntax.dataType(c).orElse(DataType.of("unknown"));
    boolean hasConstraint = false;
    while (!c.atEnd()) {
      Token t = c.next();
      if (t.isWord("check") || (t.isWord("not") && c.peek().isWord("null"))) {
        hasConstraint = true;
      }
    }
    return new Change.CreateDomain(name.get(), type, hasConstraint);
  }
}
