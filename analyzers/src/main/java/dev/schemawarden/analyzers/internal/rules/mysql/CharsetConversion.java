package dev.schemawarden.analyzers.internal.rules.mysql;

import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.mysql.MysqlAlter;
import java.util.List;
import java.util.Optional;

/**
 * MY107: converting the stored text of an existing table or column to another character set
 * ({@code CONVERT TO CHARACTER SET}, or MODIFY/CHANGE with {@code CHARACTER SET}): every row is rewritten, and the
 * data itself may change.
 */
public final class CharsetConversion implements LintRule {

  private static final RuleMeta META =
      MysqlFacts.meta(
          "MY107",
          "mysql-charset-conversion",
          "Character set conversion of existing data",
          Severity.WARNING,
          "ALTER TABLE ... CONVERT TO CHARACTER SET, or MODIFY/CHANGE of a column with CHARACTER SET, on a table that"
              + " existed before the change.",
          "The table is copied (ALGORITHM=COPY, writes blocked) to re-encode every text value. Characters the target"
              + " set cannot hold become '?' or fail the statement, index key prefixes grow (utf8mb4 needs 4 bytes per"
              + " character: a VARCHAR(255) index can pass the 3072-byte limit) and the new collation changes"
              + " comparisons, sorting and UNIQUE constraints.",
          "Convert with an online schema-change tool (gh-ost, pt-online-schema-change) after checking the data converts"
              + " (SELECT rows WHERE CONVERT(col USING target) <> col); set only the table's DEFAULT CHARACTER SET"
              + " when existing rows may stay as they are.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      Optional<MysqlAlter> alter = MysqlFacts.alterOfExisting(ctx, migration, s);
      for (MysqlAlter.Clause c : alter.map(MysqlAlter::clauses).orElse(List.of())) {
        String table = alter.get().table().toString();
        if (c.op() == MysqlAlter.Op.CONVERT_CHARSET) {
          ctx.report(
              s,
              "every text column of `"
                  + table
                  + "` is re-encoded to "
                  + c.name().orElse("another" + " character set")
                  + ": the table is copied with writes blocked, and values or index sizes the new"
                  + " set cannot hold fail or change",
              List.of());
        } else if ((c.op() == MysqlAlter.Op.MODIFY_COLUMN || c.op() == MysqlAlter.Op.CHANGE_COLUMN)
            && c.column().flatMap(col -> col.charset()).isPresent()) {
          ctx.report(
              s,
              "`"
                  + table
                  + "`.`"
                  + c.name().orElse("?")
                  + "` is re-encoded to "
                  + c.column().get().charset().get()
                  + ": the table is copied with writes blocked, and values the new"
                  + " set cannot hold fail or change",
              List.of());
        }
      }
    }
  }
}
