package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.sql.Token;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A MySQL {@code ALTER TABLE} (or {@code CREATE INDEX}, which MySQL runs as one) as the online DDL table needs it:
 * each clause with its operation, and the {@code ALGORITHM=} and {@code LOCK=} the author asked for.
 *
 * @param algorithm upper case ({@code INSTANT}, {@code INPLACE}, {@code NOCOPY}, {@code COPY}); empty or
 *     {@code DEFAULT} lets the server choose
 * @param lock upper case ({@code NONE}, {@code SHARED}, {@code EXCLUSIVE}); empty or {@code DEFAULT} likewise
 */
public record MysqlAlter(
    QualifiedName table, List<Clause> clauses, Optional<String> algorithm, Optional<String> lock) {

  public MysqlAlter {
    clauses = List.copyOf(clauses);
  }

  /** What one clause does. */
  public enum Op {
    ADD_COLUMN,
    DROP_COLUMN,
    MODIFY_COLUMN,
    CHANGE_COLUMN,
    RENAME_COLUMN,
    SET_DEFAULT,
    DROP_DEFAULT,
    COLUMN_VISIBILITY,
    ADD_INDEX,
    ADD_UNIQUE,
    ADD_FULLTEXT,
    ADD_SPATIAL,
    ADD_PRIMARY_KEY,
    ADD_FOREIGN_KEY,
    ADD_CHECK,
    DROP_INDEX,
    DROP_PRIMARY_KEY,
    DROP_FOREIGN_KEY,
    DROP_CHECK,
    RENAME_INDEX,
    RENAME_TABLE,
    CONVERT_CHARSET,
    TABLE_CHARSET,
    ENGINE,
    FORCE,
    ROW_FORMAT,
    AUTO_INCREMENT,
    TABLE_COMMENT,
    PARTITION,
    ALGORITHM,
    LOCK,
    OTHER
  }

  /**
   * One comma-separated clause.
   *
   * @param name the column, index or constraint it names (the new name for RENAME), or empty
   * @param column the column definition of ADD/MODIFY/CHANGE COLUMN
   * @param oldName the column CHANGE or RENAME COLUMN starts from
   * @param text the clause as written
   */
  public record Clause(
      Op op,
      Optional<String> name,
      Optional<MysqlColumn> column,
      Optional<String> oldName,
      String text) {}

  /** {@code ALTER [ONLINE] [IGNORE] TABLE t clauses}; the cursor stands after {@code TABLE}. */
  static MysqlAlter readAlter(TokenCursor c) {
    String first = c.acceptIdentifier().orElse("?");
    QualifiedName table = MysqlClassifier.name(first, c);
    List<Clause> clauses = new ArrayList<>();
    for (TokenCursor item : c.splitRemainingAtCommas()) {
      if (!item.atEnd()) {
        clauses.add(clause(item));
      }
    }
    return of(table, clauses);
  }

  static MysqlAlter of(QualifiedName table, List<Clause> clauses) {
    Optional<String> algorithm = Optional.empty();
    Optional<String> lock = Optional.empty();
    for (Clause cl : clauses) {
      if (cl.op() == Op.ALGORITHM) {
        algorithm = cl.name();
      } else if (cl.op() == Op.LOCK) {
        lock = cl.name();
      }
    }
    return new MysqlAlter(table, clauses, algorithm, lock);
  }

  private static Clause clause(TokenCursor c) {
    String text = c.remainingText();
    int start = c.position();
    if (c.acceptWords("add")) {
      return add(c, text);
    }
    if (c.acceptWords("drop")) {
      return drop(c, text);
    }
    if (c.acceptWords("modify")) {
      c.acceptWords("column");
      c.acceptWords("if", "exists");
      MysqlColumn col = MysqlColumn.read(c);
      return column(Op.MODIFY_COLUMN, col, Optional.empty(), text);
    }
    if (c.acceptWords("change")) {
      c.acceptWords("column");
      c.acceptWords("if", "exists");
      Optional<String> old = c.acceptIdentifier();
      MysqlColumn col = MysqlColumn.read(c);
      return column(Op.CHANGE_COLUMN, col, old, text);
    }
    if (c.acceptWords("alter")) {
      c.acceptWords("column");
      Optional<String> col = c.acceptIdentifier();
      if (c.acceptWords("set", "default") || c.isOp("(")) {
        return new Clause(Op.SET_DEFAULT, col, Optional.empty(), Optional.empty(), text);
      }
      if (c.acceptWords("drop", "default")) {
        return new Clause(Op.DROP_DEFAULT, col, Optional.empty(), Optional.empty(), text);
      }
      if (c.isWords("set", "visible") || c.isWords("set", "invisible")) {
        return new Clause(Op.COLUMN_VISIBILITY, col, Optional.empty(), Optional.empty(), text);
      }
      if (c.acceptWords("index")) {
        return new Clause(Op.OTHER, col, Optional.empty(), Optional.empty(), text);
      }
      return new Clause(Op.OTHER, col, Optional.empty(), Optional.empty(), text);
    }
    if (c.acceptWords("rename")) {
      if (c.acceptWords("column")) {
        Optional<String> from = c.acceptIdentifier();
        c.acceptWords("to");
        return new Clause(Op.RENAME_COLUMN, c.acceptIdentifier(), Optional.empty(), from, text);
      }
      if (c.acceptWords("index") || c.acceptWords("key")) {
        Optional<String> from = c.acceptIdentifier();
        c.acceptWords("to");
        return new Clause(Op.RENAME_INDEX, c.acceptIdentifier(), Optional.empty(), from, text);
      }
      c.acceptAny("to", "as");
      String to = c.acceptIdentifier().orElse("?");
      return new Clause(
          Op.RENAME_TABLE,
          Optional.of(MysqlClassifier.name(to, c).name()),
          Optional.empty(),
          Optional.empty(),
          text);
    }
    if (c.acceptWords("convert", "to")) {
      return new Clause(
          Op.CONVERT_CHARSET, charsetName(c), Optional.empty(), Optional.empty(), text);
    }
    c.acceptWords("default");
    if (c.acceptWords("character", "set") || c.acceptWords("charset")) {
      c.acceptOp("=");
      return new Clause(
          Op.TABLE_CHARSET, c.acceptIdentifier(), Optional.empty(), Optional.empty(), text);
    }
    if (c.isWords("collate")) {
      return new Clause(
          Op.TABLE_CHARSET, Optional.empty(), Optional.empty(), Optional.empty(), text);
    }
    c.reset(start);
    Optional<String> option =
        c.acceptAny(
            "algorithm",
            "lock",
            "engine",
            "row_format",
            "auto_increment",
            "comment",
            "key_block_size",
            "force");
    if (option.isPresent()) {
      c.acceptOp("=");
      Token value = c.next();
      String v = value.value().toUpperCase(Locale.ROOT);
      return switch (option.get()) {
        case "algorithm" ->
            new Clause(Op.ALGORITHM, Optional.of(v), Optional.empty(), Optional.empty(), text);
        case "lock" ->
            new Clause(Op.LOCK, Optional.of(v), Optional.empty(), Optional.empty(), text);
        case "engine" ->
            new Clause(Op.ENGINE, Optional.of(v), Optional.empty(), Optional.empty(), text);
        case "auto_increment" ->
            new Clause(
                Op.AUTO_INCREMENT, Optional.empty(), Optional.empty(), Optional.empty(), text);
        case "comment" ->
            new Clause(
                Op.TABLE_COMMENT, Optional.empty(), Optional.empty(), Optional.empty(), text);
        case "force" ->
            new Clause(Op.FORCE, Optional.empty(), Optional.empty(), Optional.empty(), text);
        default ->
            new Clause(Op.ROW_FORMAT, Optional.of(v), Optional.empty(), Optional.empty(), text);
      };
    }
    Token t = c.peek();
    Op op =
        t.isWord("partition")
                || t.isWord("coalesce")
                || t.isWord("reorganize")
                || t.isWord("exchange")
                || t.isWord("truncate")
                || t.isWord("remove")
                || t.isWord("discard")
                || t.isWord("import")
            ? Op.PARTITION
            : Op.OTHER;
    return new Clause(op, Optional.empty(), Optional.empty(), Optional.empty(), text);
  }

  private static Clause add(TokenCursor c, String text) {
    if (c.acceptWords("partition")) {
      return new Clause(Op.PARTITION, Optional.empty(), Optional.empty(), Optional.empty(), text);
    }
    Optional<String> constraintName = Optional.empty();
    if (c.acceptWords("constraint")) {
      constraintName =
          c.peek().isWord("primary")
                  || c.peek().isWord("unique")
                  || c.peek().isWord("foreign")
                  || c.peek().isWord("check")
              ? Optional.empty()
              : c.acceptIdentifier();
    }
    if (c.acceptWords("primary", "key")) {
      return new Clause(
          Op.ADD_PRIMARY_KEY, constraintName, Optional.empty(), Optional.empty(), text);
    }
    if (c.acceptWords("foreign", "key")) {
      Optional<String> n =
          constraintName.or(() -> c.peek().isOp("(") ? Optional.empty() : c.acceptIdentifier());
      return new Clause(Op.ADD_FOREIGN_KEY, n, Optional.empty(), Optional.empty(), text);
    }
    if (c.acceptWords("check")) {
      return new Clause(Op.ADD_CHECK, constraintName, Optional.empty(), Optional.empty(), text);
    }
    Optional<String> kind = c.acceptAny("unique", "fulltext", "spatial", "index", "key");
    if (kind.isPresent()) {
      c.acceptAny("index", "key");
      c.acceptWords("if", "not", "exists");
      Optional<String> n =
          constraintName.or(
              () ->
                  c.peek().isOp("(") || c.isWords("using")
                      ? Optional.empty()
                      : c.acceptIdentifier());
      Op op =
          switch (kind.get()) {
            case "unique" -> Op.ADD_UNIQUE;
            case "fulltext" -> Op.ADD_FULLTEXT;
            case "spatial" -> Op.ADD_SPATIAL;
            default -> Op.ADD_INDEX;
          };
      return new Clause(op, n, Optional.empty(), Optional.empty(), text);
    }
    c.acceptWords("column");
    c.acceptWords("if", "not", "exists");
    if (c.isOp("(")) {
      // ADD (a INT, b INT): several columns; the first stands for the clause, all are at the end.
      List<TokenCursor> cols = c.acceptParenthesisedList();
      MysqlColumn col = MysqlColumn.read(cols.isEmpty() ? c : cols.get(0));
      return column(Op.ADD_COLUMN, col, Optional.empty(), text);
    }
    return column(Op.ADD_COLUMN, MysqlColumn.read(c), Optional.empty(), text);
  }

  private static Clause drop(TokenCursor c, String text) {
    if (c.acceptWords("primary", "key")) {
      return new Clause(
          Op.DROP_PRIMARY_KEY, Optional.empty(), Optional.empty(), Optional.empty(), text);
    }
    if (c.acceptWords("foreign", "key")) {
      c.acceptWords("if", "exists");
      return new Clause(
          Op.DROP_FOREIGN_KEY, c.acceptIdentifier(), Optional.empty(), Optional.empty(), text);
    }
    if (c.acceptAny("index", "key").isPresent()) {
      c.acceptWords("if", "exists");
      return new Clause(
          Op.DROP_INDEX, c.acceptIdentifier(), Optional.empty(), Optional.empty(), text);
    }
    if (c.acceptAny("check", "constraint").isPresent()) {
      c.acceptWords("if", "exists");
      return new Clause(
          Op.DROP_CHECK, c.acceptIdentifier(), Optional.empty(), Optional.empty(), text);
    }
    if (c.acceptWords("partition")) {
      return new Clause(Op.PARTITION, Optional.empty(), Optional.empty(), Optional.empty(), text);
    }
    c.acceptWords("column");
    c.acceptWords("if", "exists");
    return new Clause(
        Op.DROP_COLUMN, c.acceptIdentifier(), Optional.empty(), Optional.empty(), text);
  }

  private static Clause column(Op op, MysqlColumn col, Optional<String> old, String text) {
    return new Clause(op, Optional.of(col.def().name()), Optional.of(col), old, text);
  }

  private static Optional<String> charsetName(TokenCursor c) {
    if (c.acceptWords("character", "set") || c.acceptWords("charset")) {
      return c.acceptIdentifier();
    }
    return Optional.empty();
  }
}
