package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.DataType;
import dev.schemawarden.analyzers.internal.sql.Token;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A MySQL column definition as written in {@code CREATE TABLE}, {@code ADD}, {@code MODIFY} or {@code CHANGE}, with
 * what the online DDL table needs beyond {@link ColumnDef}: the character set, {@code AUTO_INCREMENT} and where the
 * column goes ({@code FIRST}, {@code AFTER x}).
 *
 * @param enumValues the members of an {@code ENUM} or {@code SET} type, in order; empty for other types
 * @param charset the {@code CHARACTER SET}/{@code CHARSET} written on the column, lower case
 * @param position {@code first}, {@code after <column>}, or empty (the end)
 */
public record MysqlColumn(
    ColumnDef def,
    List<String> enumValues,
    Optional<String> charset,
    boolean autoIncrement,
    Optional<String> position) {

  public MysqlColumn {
    enumValues = List.copyOf(enumValues);
  }

  /** Reads {@code name type attributes...} from {@code c}, which holds only this column's tokens. */
  static MysqlColumn read(TokenCursor c) {
    String name = c.acceptIdentifier().orElse("?");
    String typeName = c.peek().type() == Token.Type.WORD ? c.next().value() : "?";
    if (typeName.equals("double") && c.acceptWords("precision")) {
      typeName = "double precision";
    }
    List<String> modifiers = new ArrayList<>();
    List<String> enumValues = new ArrayList<>();
    if (c.isOp("(")) {
      for (TokenCursor item : c.acceptParenthesisedList()) {
        Token t = item.peek();
        modifiers.add(t.type() == Token.Type.STRING ? t.value() : item.remainingText());
        if (typeName.equals("enum") || typeName.equals("set")) {
          enumValues.add(t.value());
        }
      }
    }
    boolean notNull = false;
    Optional<String> defaultExpr = Optional.empty();
    ColumnDef.Generated generated = ColumnDef.Generated.NONE;
    Optional<ConstraintDef> inline = Optional.empty();
    Optional<String> charset = Optional.empty();
    boolean autoIncrement = false;
    Optional<String> position = Optional.empty();
    while (!c.atEnd()) {
      if (c.acceptWords("not", "null")) {
        notNull = true;
      } else if (c.acceptWords("default")) {
        int from = c.position();
        if (!c.acceptParenthesised().isPresent()) {
          c.next();
        }
        defaultExpr = Optional.of(c.textBetween(from, c.position()));
      } else if (c.acceptWords("character", "set") || c.acceptWords("charset")) {
        c.acceptOp("=");
        charset = c.acceptIdentifier().or(() -> Optional.of(c.next().value()));
      } else if (c.acceptWords("auto_increment")) {
        autoIncrement = true;
      } else if (c.acceptWords("first")) {
        position = Optional.of("first");
      } else if (c.acceptWords("after")) {
        position = Optional.of("after " + c.acceptIdentifier().orElse("?"));
      } else if (c.acceptWords("generated", "always") || c.isWords("as") && c.peek(1).isOp("(")) {
        c.acceptWords("as");
        c.acceptParenthesised();
        generated =
            c.acceptWords("stored") || c.acceptWords("persistent")
                ? ColumnDef.Generated.STORED
                : ColumnDef.Generated.VIRTUAL;
      } else if (c.acceptWords("primary", "key")) {
        inline = Optional.of(constraint(ConstraintDef.Kind.PRIMARY_KEY, name));
        notNull = true;
      } else if (c.acceptWords("unique")) {
        c.acceptWords("key");
        inline = Optional.of(constraint(ConstraintDef.Kind.UNIQUE, name));
      } else if (c.isWords("references")) {
        c.next();
        String target = c.acceptIdentifier().orElse("?");
        inline =
            Optional.of(
                new ConstraintDef(
                    Optional.empty(),
                    ConstraintDef.Kind.FOREIGN_KEY,
                    List.of(name),
                    Optional.empty(),
                    Optional.of(MysqlClassifier.name(target, c)),
                    List.of(),
                    Optional.empty(),
                    false));
      } else {
        c.next();
      }
    }
    DataType type = new DataType(typeName, modifiers, 0);
    ColumnDef def = new ColumnDef(name, type, notNull, defaultExpr, generated, inline);
    return new MysqlColumn(def, enumValues, charset, autoIncrement, position);
  }

  private static ConstraintDef constraint(ConstraintDef.Kind kind, String column) {
    return new ConstraintDef(
        Optional.empty(),
        kind,
        List.of(column),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        false);
  }
}
