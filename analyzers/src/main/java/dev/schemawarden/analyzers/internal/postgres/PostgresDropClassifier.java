package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** DROP and REINDEX, plus the object-kind words every CREATE/ALTER/DROP/COMMENT ON shares. */
final class PostgresDropClassifier {
  private PostgresDropClassifier() {}

  /** An object kind and the words that spelled it, upper case (e.g. {@code MATERIALIZED VIEW}). */
  record KindWords(ObjectKind kind, String words) {}

  /** Consumes the object-kind words at the cursor. Unknown kinds consume one word and give {@code OTHER}. */
  static KindWords kindWords(TokenCursor c) {
    String[][] multi = {
      {"materialized", "view"},
      {"foreign", "table"},
      {"event", "trigger"},
      {"constraint", "trigger"},
      {"access", "method"},
      {"foreign", "data"},
      {"user", "mapping"},
      {"text", "search"},
      {"operator", "class"},
      {"operator", "family"},
      {"default", "privileges"}
    };
    for (String[] words : multi) {
      if (c.acceptWords(words)) {
        if (words[1].equals("data")) {
          c.acceptWords("wrapper");
        }
        ObjectKind kind =
            switch (words[0]) {
              case "materialized" -> ObjectKind.MATERIALIZED_VIEW;
              case "foreign" -> words[1].equals("table") ? ObjectKind.TABLE : ObjectKind.OTHER;
              case "event", "constraint" -> ObjectKind.TRIGGER;
              case "user" -> ObjectKind.ROLE;
              default -> ObjectKind.OTHER;
            };
        return new KindWords(kind, String.join(" ", words).toUpperCase(Locale.ROOT));
      }
    }
    String w = c.next().value();
    ObjectKind kind =
        switch (w) {
          case "table" -> ObjectKind.TABLE;
          case "index" -> ObjectKind.INDEX;
          case "view" -> ObjectKind.VIEW;
          case "schema" -> ObjectKind.SCHEMA;
          case "database" -> ObjectKind.DATABASE;
          case "sequence" -> ObjectKind.SEQUENCE;
          case "type" -> ObjectKind.TYPE;
          case "domain" -> ObjectKind.DOMAIN;
          case "function", "routine", "aggregate" -> ObjectKind.FUNCTION;
          case "procedure" -> ObjectKind.PROCEDURE;
          case "trigger" -> ObjectKind.TRIGGER;
          case "extension" -> ObjectKind.EXTENSION;
          case "role", "user", "group" -> ObjectKind.ROLE;
          case "policy" -> ObjectKind.POLICY;
          case "column" -> ObjectKind.COLUMN;
          case "constraint" -> ObjectKind.CONSTRAINT;
          default -> ObjectKind.OTHER;
        };
    return new KindWords(kind, w.toUpperCase(Locale.ROOT));
  }

  /** At the cursor just after {@code DROP}. */
  static Change drop(TokenCursor c) {
    if (c.isWords("owned")) {
      return PostgresClassifier.other("DROP OWNED", ObjectKind.OTHER, Optional.empty());
    }
    KindWords kw = kindWords(c);
    boolean concurrently = c.acceptWords("concurrently");
    boolean ifExists = c.acceptWords("if", "exists");
    List<QualifiedName> names = namesWithSignatures(c);
    Optional<QualifiedName> on = Optional.empty();
    if (c.acceptWords(
        "on")) { // DROP TRIGGER t ON table, DROP POLICY p ON table, DROP RULE r ON table
      on = PostgresSyntax.qualifiedName(c);
    }
    boolean cascade = c.acceptWords("cascade");
    if (names.isEmpty()) {
      return new Change.Unknown("DROP " + kw.words() + " without a name");
    }
    return new Change.Drop(kw.kind(), names, ifExists, cascade, concurrently, on);
  }

  /** {@code a, b.c} or, for routines, {@code f(int), g(text)}: the argument lists are skipped. */
  static List<QualifiedName> namesWithSignatures(TokenCursor c) {
    List<QualifiedName> names = new ArrayList<>();
    do {
      Optional<QualifiedName> name = PostgresSyntax.qualifiedName(c);
      name.ifPresent(names::add);
      c.acceptParenthesised();
    } while (c.acceptOp(","));
    return names;
  }

  /** At the cursor just after {@code REINDEX}. */
  static Change reindex(TokenCursor c) {
    boolean concurrently = false;
    for (TokenCursor opt : c.acceptParenthesisedList()) {
      if (opt.acceptWords("concurrently")) {
        concurrently = opt.atEnd() || opt.acceptAny("true", "on").isPresent();
      }
    }
    Optional<String> target = c.acceptAny("index", "table", "schema", "database", "system");
    if (target.isEmpty()) {
      return new Change.Unknown("REINDEX without INDEX, TABLE, SCHEMA, DATABASE or SYSTEM");
    }
    concurrently |= c.acceptWords("concurrently");
    ObjectKind kind =
        switch (target.get()) {
          case "index" -> ObjectKind.INDEX;
          case "table" -> ObjectKind.TABLE;
          case "schema" -> ObjectKind.SCHEMA;
          case "database" -> ObjectKind.DATABASE;
          default -> ObjectKind.OTHER;
        };
    // REINDEX DATABASE / SYSTEM may omit the name (PG16+): it means the current database.
    QualifiedName name =
        PostgresSyntax.qualifiedName(c).orElse(QualifiedName.of("current_database"));
    return new Change.Reindex(kind, name, concurrently);
  }
}
