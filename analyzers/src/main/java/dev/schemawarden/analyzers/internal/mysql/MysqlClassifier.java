package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.sql.Token;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the leading keywords of one MySQL/MariaDB statement and builds its {@link Change}; {@link #alter} gives the
 * MySQL detail of an ALTER (positions, ALGORITHM, LOCK) the {@code Change} model has no place for. A kind that is
 * known but not modelled is {@link Change.Other}; anything else {@link Change.Unknown}, reported, never dropped.
 * Never throws.
 */
public final class MysqlClassifier {

  private MysqlClassifier() {}

  public static Change classify(String sql) {
    TokenCursor c = cursor(sql);
    if (c.atEnd()) {
      return new Change.Unknown("empty statement (only comments)");
    }
    try {
      return dispatch(c);
    } catch (RuntimeException e) {
      return new Change.Unknown("classifier failed: " + e);
    }
  }

  /** The ALTER TABLE or CREATE INDEX {@code sql} is, in MySQL's detail; empty for other statements. */
  public static Optional<MysqlAlter> alter(String sql) {
    try {
      TokenCursor c = cursor(sql);
      if (c.acceptWords("alter")) {
        c.acceptAny("online", "offline");
        c.acceptWords("ignore");
        return c.acceptWords("table") ? Optional.of(MysqlAlter.readAlter(c)) : Optional.empty();
      }
      if (c.acceptWords("create")) {
        c.acceptWords("or", "replace");
        c.acceptAny("online", "offline");
        Optional<String> kind = c.acceptAny("unique", "fulltext", "spatial");
        if (!c.acceptWords("index")) {
          return Optional.empty();
        }
        c.acceptWords("if", "not", "exists");
        Optional<String> name = c.acceptIdentifier();
        int on = c.findTopLevelWord("on");
        if (on < 0) {
          return Optional.empty();
        }
        c.reset(on + 1);
        QualifiedName table = name(c.acceptIdentifier().orElse("?"), c);
        MysqlAlter.Op op =
            kind.map(
                    k ->
                        switch (k) {
                          case "unique" -> MysqlAlter.Op.ADD_UNIQUE;
                          case "fulltext" -> MysqlAlter.Op.ADD_FULLTEXT;
                          default -> MysqlAlter.Op.ADD_SPATIAL;
                        })
                .orElse(MysqlAlter.Op.ADD_INDEX);
        List<MysqlAlter.Clause> clauses = new ArrayList<>();
        clauses.add(new MysqlAlter.Clause(op, name, Optional.empty(), Optional.empty(), sql));
        c.acceptParenthesised();
        for (TokenCursor option : c.splitRemainingAtCommas()) {
          clauses.addAll(MysqlAlter.readAlter(new TokenCursor(sql, prefixed(option))).clauses());
        }
        return Optional.of(MysqlAlter.of(table, clauses));
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The tokens of {@code option} behind a stand-in table name, so {@link MysqlAlter#readAlter} reads them. */
  private static List<Token> prefixed(TokenCursor option) {
    List<Token> tokens = new ArrayList<>();
    tokens.add(new Token(Token.Type.WORD, "_", 0, 0));
    while (!option.atEnd()) {
      tokens.add(option.next());
    }
    return tokens;
  }

  /**
   * The variables a {@code SET} statement assigns, lower case, without {@code @@}, {@code SESSION} or
   * {@code GLOBAL}, mapped to their value as written; empty for other statements.
   */
  public static Map<String, String> assignments(String sql) {
    TokenCursor c = cursor(sql);
    if (!c.acceptWords("set")) {
      return Map.of();
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (TokenCursor item : c.splitRemainingAtCommas()) {
      item.acceptAny("session", "local", "global", "persist", "persist_only");
      String name =
          item.next()
              .value()
              .toLowerCase(Locale.ROOT)
              .replaceFirst("^@@(session\\.|local\\.|global\\.)?", "");
      item.acceptOp("=");
      item.acceptOp(":");
      item.acceptOp("=");
      out.put(name, item.remainingText().strip());
    }
    return out;
  }

  static TokenCursor cursor(String sql) {
    return new TokenCursor(sql, MysqlLexer.tokens(sql));
  }

  /** {@code first} or {@code first.second} when a dot follows. */
  static QualifiedName name(String first, TokenCursor c) {
    if (c.acceptOp(".")) {
      return QualifiedName.of(first, c.acceptIdentifier().orElse("?"));
    }
    return QualifiedName.of(first);
  }

  private static Change dispatch(TokenCursor c) {
    Token first = c.peek();
    if (first.type() != Token.Type.WORD) {
      return first.isOp("(")
          ? new Change.DataChange(Change.DataChange.DmlKind.SELECT, Optional.empty(), true)
          : unknown(first.value());
    }
    String w = c.next().value();
    return switch (w) {
      case "create" -> MysqlDdlClassifier.create(c);
      case "alter" -> MysqlDdlClassifier.alter(c);
      case "drop" -> MysqlDdlClassifier.drop(c);
      case "rename" -> MysqlDdlClassifier.rename(c);
      case "truncate" -> {
        c.acceptWords("table");
        yield new Change.Truncate(List.of(name(c.acceptIdentifier().orElse("?"), c)), false, false);
      }
      case "insert", "replace" -> {
        c.acceptAny("low_priority", "delayed", "high_priority");
        c.acceptWords("ignore");
        c.acceptWords("into");
        yield dml(Change.DataChange.DmlKind.INSERT, c, true);
      }
      case "update" -> {
        c.acceptAny("low_priority");
        c.acceptWords("ignore");
        boolean where = c.findTopLevelWord("where") >= 0;
        yield dml(Change.DataChange.DmlKind.UPDATE, c, where);
      }
      case "delete" -> {
        c.acceptAny("low_priority", "quick", "ignore");
        boolean where = c.findTopLevelWord("where") >= 0;
        c.acceptWords("from");
        yield dml(Change.DataChange.DmlKind.DELETE, c, where);
      }
      case "select", "with", "values", "table", "call", "do", "handler" ->
          new Change.DataChange(Change.DataChange.DmlKind.SELECT, Optional.empty(), true);
      case "load" -> {
        int into = c.findTopLevelWord("table");
        c.reset(into < 0 ? c.size() : into + 1);
        yield dml(Change.DataChange.DmlKind.COPY, c, true);
      }
      case "set" -> set(c);
      case "start", "begin", "commit", "rollback", "savepoint", "release", "xa" ->
          transaction(w, c);
      case "grant", "revoke" -> new Change.PrivilegeChange(c.text().strip());
      case "use" ->
          new Change.Other("USE", ObjectKind.DATABASE, c.acceptIdentifier().map(QualifiedName::of));
      case "lock", "unlock" ->
          new Change.Other(
              w.toUpperCase(Locale.ROOT) + " TABLES", ObjectKind.TABLE, Optional.empty());
      case "analyze", "optimize", "repair", "check", "checksum" -> {
        c.acceptAny("no_write_to_binlog", "local");
        c.acceptWords("table");
        yield new Change.Other(
            w.toUpperCase(Locale.ROOT) + " TABLE",
            ObjectKind.TABLE,
            c.acceptIdentifier().map(n -> name(n, c)));
      }
      case "flush",
          "purge",
          "reset",
          "kill",
          "install",
          "uninstall",
          "prepare",
          "execute",
          "deallocate",
          "declare",
          "show",
          "describe",
          "desc",
          "explain",
          "help",
          "signal",
          "resignal",
          "get",
          "shutdown",
          "restart",
          "binlog",
          "cache",
          "change",
          "stop",
          "import" ->
          new Change.Other(w.toUpperCase(Locale.ROOT), ObjectKind.OTHER, Optional.empty());
      default -> unknown(w);
    };
  }

  private static Change dml(Change.DataChange.DmlKind kind, TokenCursor c, boolean where) {
    Optional<QualifiedName> table = c.acceptIdentifier().map(n -> name(n, c));
    return new Change.DataChange(kind, table, where);
  }

  private static Change set(TokenCursor c) {
    if (c.acceptWords("transaction")
        || c.isWords("session", "transaction")
        || c.isWords("global", "transaction")) {
      return new Change.SetParameter("transaction", Optional.empty(), false);
    }
    if (c.isWords("names") || c.isWords("character", "set") || c.isWords("charset")) {
      return new Change.SetParameter("names", Optional.of(c.remainingText()), false);
    }
    if (c.isWords("password") || c.isWords("role") || c.isWords("default", "role")) {
      return new Change.PrivilegeChange(c.text().strip());
    }
    Map<String, String> all = assignments(c.text());
    if (all.isEmpty()) {
      return unknown("set");
    }
    Map.Entry<String, String> first = all.entrySet().iterator().next();
    return new Change.SetParameter(first.getKey(), Optional.of(first.getValue()), false);
  }

  private static Change transaction(String w, TokenCursor c) {
    Change.Transaction.TxKind kind =
        switch (w) {
          case "start", "begin" -> Change.Transaction.TxKind.BEGIN;
          case "commit" -> Change.Transaction.TxKind.COMMIT;
          case "savepoint" -> Change.Transaction.TxKind.SAVEPOINT;
          case "release" -> Change.Transaction.TxKind.RELEASE_SAVEPOINT;
          case "rollback" ->
              c.findTopLevelWord("to") >= 0
                  ? Change.Transaction.TxKind.ROLLBACK_TO_SAVEPOINT
                  : Change.Transaction.TxKind.ROLLBACK;
          default -> Change.Transaction.TxKind.OTHER;
        };
    if (w.equals("begin") && c.isWords("not", "atomic")) {
      return new Change.Other("BEGIN NOT ATOMIC", ObjectKind.OTHER, Optional.empty());
    }
    return new Change.Transaction(kind);
  }

  static Change unknown(String word) {
    return new Change.Unknown("no MySQL statement starts with '" + word + "'");
  }

  /** The constraint an ADD clause adds, for the {@code Change} model. */
  static ConstraintDef constraint(MysqlAlter.Clause clause, ConstraintDef.Kind kind) {
    return new ConstraintDef(
        clause.name(),
        kind,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        false);
  }

  /** One MySQL clause as the generic {@link AlterAction}. */
  static AlterAction action(MysqlAlter.Clause cl) {
    String name = cl.name().orElse("?");
    return switch (cl.op()) {
      case ADD_COLUMN -> new AlterAction.AddColumn(cl.column().orElseThrow().def(), false);
      case DROP_COLUMN -> new AlterAction.DropColumn(name, false, false);
      case MODIFY_COLUMN, CHANGE_COLUMN ->
          new AlterAction.AlterColumnType(
              name, cl.column().orElseThrow().def().type(), Optional.empty());
      case RENAME_COLUMN -> new AlterAction.RenameColumn(cl.oldName().orElse("?"), name);
      case SET_DEFAULT -> new AlterAction.SetDefault(name, cl.text());
      case DROP_DEFAULT -> new AlterAction.DropDefault(name);
      case ADD_PRIMARY_KEY ->
          new AlterAction.AddConstraint(constraint(cl, ConstraintDef.Kind.PRIMARY_KEY));
      case ADD_UNIQUE -> new AlterAction.AddConstraint(constraint(cl, ConstraintDef.Kind.UNIQUE));
      case ADD_FOREIGN_KEY ->
          new AlterAction.AddConstraint(constraint(cl, ConstraintDef.Kind.FOREIGN_KEY));
      case ADD_CHECK -> new AlterAction.AddConstraint(constraint(cl, ConstraintDef.Kind.CHECK));
      case DROP_FOREIGN_KEY, DROP_CHECK -> new AlterAction.DropConstraint(name, false, false);
      case RENAME_TABLE -> new AlterAction.RenameTable(name);
      default -> new AlterAction.Other(cl.text());
    };
  }
}
