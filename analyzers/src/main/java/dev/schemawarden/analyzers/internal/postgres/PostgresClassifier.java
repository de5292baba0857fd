package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.sql.Token;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The engine-aware classifier: reads the leading keywords of one PostgreSQL statement and builds its
 * {@link Change}. Token-based, so it understands every PostgreSQL form JSqlParser rejects ({@code NOT VALID},
 * {@code SET ... TO}, {@code VACUUM}, {@code REINDEX}, ...), and it is the primary path because it is about two
 * orders of magnitude faster than a full parse (see docs/benchmarks.md). Never throws for any input.
 */
public final class PostgresClassifier {

  /** Classifies one statement (without its terminating semicolon). */
  public Change classify(String sql) {
    TokenCursor c = new TokenCursor(sql, PostgresLexer.tokenize(sql));
    if (c.atEnd()) {
      return new Change.Unknown("empty statement");
    }
    try {
      return dispatch(c);
    } catch (RuntimeException e) {
      // A classifier bug must not lose the statement: it becomes Unknown and is reported.
      return new Change.Unknown("classifier failed: " + e);
    }
  }

  private Change dispatch(TokenCursor c) {
    Token first = c.peek();
    if (first.type() != Token.Type.WORD) {
      return first.isOp("(") ? dataChange(c) : unknown(c);
    }
    switch (first.value()) {
      case "create":
        c.next();
        return PostgresCreateClassifier.create(c);
      case "alter":
        c.next();
        return PostgresAlterClassifier.alter(c);
      case "drop":
        c.next();
        return PostgresDropClassifier.drop(c);
      case "reindex":
        c.next();
        return PostgresDropClassifier.reindex(c);
      case "truncate":
        c.next();
        return truncate(c);
      case "vacuum":
        c.next();
        return vacuum(c);
      case "cluster":
        c.next();
        return cluster(c);
      case "refresh":
        c.next();
        if (c.acceptWords("materialized", "view")) {
          boolean concurrently = c.acceptWords("concurrently");
          return PostgresSyntax.qualifiedName(c)
              .<Change>map(n -> new Change.RefreshMaterializedView(n, concurrently))
              .orElse(unknown(c));
        }
        return other("REFRESH", ObjectKind.OTHER, Optional.empty());
      case "begin":
      case "start":
      case "commit":
      case "end":
      case "rollback":
      case "abort":
      case "savepoint":
      case "release":
      case "prepare":
        return transaction(c);
      case "set":
        c.next();
        return set(c);
      case "reset":
        c.next();
        return new Change.SetParameter(name(c.next()), Optional.empty(), false);
      case "insert":
      case "update":
      case "delete":
      case "merge":
      case "copy":
      case "select":
      case "with":
      case "values":
      case "table":
        return dataChange(c);
      case "grant":
      case "revoke":
        return new Change.PrivilegeChange(c.text());
      case "comment":
        c.next();
        return commentOn(c);
      case "do":
        return other("DO", ObjectKind.OTHER, Optional.empty());
      case "analyze":
      case "analyse":
        c.next();
        c.acceptWords("verbose");
        c.acceptParenthesised();
        return other("ANALYZE", ObjectKind.TABLE, PostgresSyntax.qualifiedName(c));
      case "lock":
        c.next();
        c.acceptWords("table");
        c.acceptWords("only");
        return other(lockTableKeywords(c), ObjectKind.TABLE, PostgresSyntax.qualifiedName(c));
      case "security":
      case "reassign":
      case "import":
      case "listen":
      case "notify":
      case "unlisten":
      case "discard":
      case "checkpoint":
      case "load":
      case "call":
      case "explain":
      case "execute":
      case "deallocate":
      case "declare":
      case "fetch":
      case "move":
      case "close":
      case "show":
        return other(first.value().toUpperCase(Locale.ROOT), ObjectKind.OTHER, Optional.empty());
      default:
        return unknown(c);
    }
  }

  /**
   * {@code LOCK TABLE} (ACCESS EXCLUSIVE, the default), or {@code LOCK TABLE IN <mode> MODE} when the statement names
   * a mode PostgreSQL knows: the lock predictor reads the mode from here. Leaves the cursor where it was.
   */
  private static String lockTableKeywords(TokenCursor c) {
    int in = c.findTopLevelWord("in");
    int mode = c.findTopLevelWord("mode");
    if (in < 0 || mode <= in + 1) {
      return "LOCK TABLE";
    }
    StringBuilder words = new StringBuilder();
    for (int i = in + 1; i < mode; i++) {
      words
          .append(i > in + 1 ? " " : "")
          .append(c.token(i).value().toUpperCase(java.util.Locale.ROOT));
    }
    // Only a mode PostgreSQL knows: anything else is rejected by the server, and no text of the
    // statement beyond the mode's own words ends up in the keywords.
    boolean known =
        java.util.Arrays.stream(dev.schemawarden.analyzers.api.LockMode.values())
            .anyMatch(m -> m.sqlName().contentEquals(words));
    return known ? "LOCK TABLE IN " + words + " MODE" : "LOCK TABLE";
  }

  static Change.Other other(String keywords, ObjectKind kind, Optional<QualifiedName> target) {
    return new Change.Other(keywords, kind, target);
  }

  static Change unknown(TokenCursor c) {
    c.reset(0);
    Token t = c.peek();
    return new Change.Unknown("unrecognised statement starting with '" + t.value() + "'");
  }

  /** A name token's value for SET/RESET: lower case for words, as written for quoted names. */
  private static String name(Token t) {
    return t.value();
  }

  private Change truncate(TokenCursor c) {
    c.acceptWords("table");
    List<QualifiedName> tables = new java.util.ArrayList<>();
    do {
      c.acceptWords("only");
      PostgresSyntax.qualifiedName(c).ifPresent(tables::add);
      c.acceptOp("*");
    } while (c.acceptOp(","));
    boolean restart = c.acceptWords("restart", "identity");
    c.acceptWords("continue", "identity");
    boolean cascade = c.acceptWords("cascade");
    return tables.isEmpty() ? unknown(c) : new Change.Truncate(tables, cascade, restart);
  }

  private Change vacuum(TokenCursor c) {
    boolean full = false;
    while (true) {
      Optional<String> option = c.acceptAny("full", "freeze", "verbose", "analyze", "analyse");
      if (option.isEmpty()) {
        break;
      }
      full |= option.get().equals("full");
    }
    for (TokenCursor opt : c.acceptParenthesisedList()) {
      if (opt.acceptWords("full")) {
        full |=
            opt.atEnd()
                || opt.acceptAny("true", "on", "1").isPresent()
                || opt.peek().value().equals("1");
      }
    }
    List<QualifiedName> tables = new java.util.ArrayList<>();
    do {
      PostgresSyntax.qualifiedName(c).ifPresent(tables::add);
      c.acceptParenthesised(); // column list for ANALYZE
    } while (c.acceptOp(","));
    return new Change.Vacuum(full, tables);
  }

  private Change cluster(TokenCursor c) {
    c.acceptWords("verbose");
    c.acceptParenthesised();
    Optional<QualifiedName> table = PostgresSyntax.qualifiedName(c);
    Optional<String> index = c.acceptWords("using") ? c.acceptIdentifier() : Optional.empty();
    return new Change.Cluster(table, index);
  }

  private Change transaction(TokenCursor c) {
    Token first = c.next();
    Change.Transaction.TxKind kind;
    switch (first.value()) {
      case "begin":
      case "start":
        kind = Change.Transaction.TxKind.BEGIN;
        break;
      case "commit":
      case "end":
        kind =
            c.isWords("prepared")
                ? Change.Transaction.TxKind.OTHER
                : Change.Transaction.TxKind.COMMIT;
        break;
      case "rollback":
      case "abort":
        if (c.acceptWords("prepared")) {
          kind = Change.Transaction.TxKind.OTHER;
        } else {
          c.acceptAny("work", "transaction");
          kind =
              c.isWords("to")
                  ? Change.Transaction.TxKind.ROLLBACK_TO_SAVEPOINT
                  : Change.Transaction.TxKind.ROLLBACK;
        }
        break;
      case "savepoint":
        kind = Change.Transaction.TxKind.SAVEPOINT;
        break;
      case "release":
        kind = Change.Transaction.TxKind.RELEASE_SAVEPOINT;
        break;
      default: // prepare
        if (!c.isWords("transaction")) {
          return other("PREPARE", ObjectKind.OTHER, Optional.empty());
        }
        kind = Change.Transaction.TxKind.PREPARE;
    }
    return new Change.Transaction(kind);
  }

  private Change set(TokenCursor c) {
    boolean local = c.acceptWords("local");
    c.acceptWords("session");
    if (c.acceptWords("time", "zone")) {
      return new Change.SetParameter("timezone", value(c), local);
    }
    if (c.isWords("authorization")) {
      c.next();
      return new Change.SetParameter("session_authorization", value(c), local);
    }
    if (c.acceptWords("transaction") || c.acceptWords("characteristics", "as", "transaction")) {
      return new Change.SetParameter("transaction", Optional.of(c.remainingText()), local);
    }
    if (c.atEnd()) {
      return unknown(c);
    }
    StringBuilder name = new StringBuilder(c.next().value());
    while (c.isOp(".")) { // custom placeholders: SET myapp.user_id = 1
      c.next();
      name.append('.').append(c.next().value());
    }
    if (!c.acceptWords("to")) {
      c.acceptOp("=");
    }
    return new Change.SetParameter(name.toString(), value(c), local);
  }

  /** The value of a SET: a single word/string/number unquoted, anything longer as written. */
  private static Optional<String> value(TokenCursor c) {
    if (c.atEnd()) {
      return Optional.empty();
    }
    if (c.position() == c.size() - 1) {
      return Optional.of(c.next().value());
    }
    return Optional.of(c.remainingText());
  }

  private Change commentOn(TokenCursor c) {
    c.acceptWords("on");
    ObjectKind kind = PostgresDropClassifier.kindWords(c).kind();
    return other("COMMENT ON", kind, PostgresSyntax.qualifiedName(c));
  }

  private Change dataChange(TokenCursor c) {
    int main =
        c.isWords("with")
            ? c.findTopLevelWord("insert", "update", "delete", "merge", "select", "values")
            : 0;
    if (main < 0) {
      return unknown(c);
    }
    c.reset(main);
    String word = c.peek().isOp("(") ? "select" : c.next().value();
    Optional<QualifiedName> table = Optional.empty();
    Change.DataChange.DmlKind kind;
    switch (word) {
      case "insert":
        kind = Change.DataChange.DmlKind.INSERT;
        c.acceptWords("into");
        table = PostgresSyntax.qualifiedName(c);
        break;
      case "update":
        kind = Change.DataChange.DmlKind.UPDATE;
        c.acceptWords("only");
        table = PostgresSyntax.qualifiedName(c);
        break;
      case "delete":
        kind = Change.DataChange.DmlKind.DELETE;
        c.acceptWords("from");
        c.acceptWords("only");
        table = PostgresSyntax.qualifiedName(c);
        break;
      case "merge":
        kind = Change.DataChange.DmlKind.MERGE;
        c.acceptWords("into");
        c.acceptWords("only");
        table = PostgresSyntax.qualifiedName(c);
        break;
      case "copy":
        kind = Change.DataChange.DmlKind.COPY;
        table = PostgresSyntax.qualifiedName(c);
        break;
      case "table":
        kind = Change.DataChange.DmlKind.SELECT;
        table = PostgresSyntax.qualifiedName(c);
        break;
      default:
        kind = Change.DataChange.DmlKind.SELECT;
    }
    boolean hasWhere = c.findTopLevelWord("where") >= 0;
    List<String> assigned =
        kind == Change.DataChange.DmlKind.UPDATE ? assignedColumns(c) : List.of();
    return new Change.DataChange(kind, table, hasWhere, assigned);
  }

  /** The columns of {@code SET a = .., (b, c) = ..} after the cursor, each as a whole-column assignment. */
  private static List<String> assignedColumns(TokenCursor c) {
    int set = c.findTopLevelWord("set");
    if (set < 0) {
      return List.of();
    }
    c.reset(set + 1);
    int end = c.findTopLevelWord("from", "where", "returning");
    List<Token> tokens = new ArrayList<>();
    for (int i = set + 1; i < (end < 0 ? c.size() : end); i++) {
      tokens.add(c.token(i));
    }
    List<String> columns = new ArrayList<>();
    for (TokenCursor item : new TokenCursor(c.text(), tokens).splitRemainingAtCommas()) {
      if (item.isOp("(")) {
        for (TokenCursor column : item.acceptParenthesisedList()) {
          plainColumn(column).ifPresent(columns::add);
        }
      } else {
        plainColumn(item).filter(x -> item.isOp("=")).ifPresent(columns::add);
      }
    }
    return List.copyOf(columns);
  }

  /** The column an assignment target names when it is a bare identifier (not {@code a[1]} or {@code a.f}). */
  private static Optional<String> plainColumn(TokenCursor target) {
    Optional<String> name = target.acceptIdentifier();
    return name.filter(n -> target.atEnd() || target.isOp("="));
  }
}
