package dev.schemawarden.analyzers.internal.rules.mysql;

import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.mysql.MysqlLexer;
import dev.schemawarden.analyzers.internal.sql.Token;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MY108: DDL that names the {@code utf8} / {@code utf8mb3} character set (or one of its collations): three bytes a
 * character, no emoji or other characters outside the Basic Multilingual Plane, deprecated since MySQL 8.0.
 */
public final class Utf8mb3Charset implements LintRule {

  private static final RuleMeta META =
      MysqlFacts.meta(
          "MY108",
          "mysql-utf8mb3-charset",
          "utf8/utf8mb3 character set in DDL",
          Severity.WARNING,
          "CREATE TABLE, ALTER TABLE, CREATE DATABASE or a column definition names CHARACTER SET utf8 or utf8mb3, or a"
              + " utf8_/utf8mb3_ collation.",
          "utf8 is an alias of utf8mb3: at most 3 bytes a character, so emoji and other characters outside the Basic"
              + " Multilingual Plane fail to insert in strict mode or are cut off. MySQL 8.0 deprecates it; moving to"
              + " utf8mb4 later is a table copy (MY107).",
          "Use utf8mb4 (and a utf8mb4_ collation) for new tables and columns.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (!MysqlFacts.isDdl(s.change())) {
        continue;
      }
      utf8mb3(s.sql())
          .ifPresent(
              named ->
                  ctx.report(
                      s,
                      "`"
                          + named
                          + "` is utf8mb3: 3 bytes a character, so emoji"
                          + " and other 4-byte characters cannot be stored; use utf8mb4",
                      List.of(
                          Fix.replacement(
                              "Use utf8mb4, which stores every Unicode character.",
                              s.sql()
                                      .strip()
                                      .replaceAll("(?i)\\butf8(mb3)?(_\\w+)?\\b", "utf8mb4$2")
                                      .replaceAll("(?i)utf8mb4_general_ci", "utf8mb4_unicode_ci")
                                  + ";"))));
    }
  }

  /** The first utf8mb3 character set or collation the statement names after CHARACTER SET, CHARSET or COLLATE. */
  static Optional<String> utf8mb3(String sql) {
    List<Token> tokens = MysqlLexer.tokens(sql);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean charset =
          t.isWord("charset")
              || t.isWord("collate")
              || (t.isWord("set") && i > 0 && tokens.get(i - 1).isWord("character"));
      if (!charset) {
        continue;
      }
      int j = tokens.get(i + 1).isOp("=") ? i + 2 : i + 1;
      if (j < tokens.size() && tokens.get(j).isIdentifier()
          || j < tokens.size() && tokens.get(j).type() == Token.Type.STRING) {
        String name = tokens.get(j).value().toLowerCase(Locale.ROOT);
        if (name.equals("utf8")
            || name.equals("utf8mb3")
            || name.startsWith("utf8_")
            || name.startsWith("utf8mb3_")) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }
}
