package dev.schemawarden.analyzers.internal.rules.mysql;

import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.mysql.MysqlAlter;
import dev.schemawarden.analyzers.internal.mysql.MysqlClassifier;
import dev.schemawarden.analyzers.internal.mysql.MysqlColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MY106: an ENUM or SET column redefined so that its old members are not a prefix of the new list (a member
 * inserted, removed or reordered). Needs the old definition: the last one an earlier statement of the migration gave
 * the column.
 */
public final class EnumMemberNotLast implements LintRule {

  private static final RuleMeta META =
      MysqlFacts.meta(
          "MY106",
          "mysql-enum-member-not-last",
          "ENUM/SET member inserted anywhere but the end",
          Severity.WARNING,
          "MODIFY or CHANGE gives an ENUM or SET column of an existing table a member list that does not start with the"
              + " old members in their old order (a member inserted before others, removed or reordered).",
          "ENUM values are stored as member numbers: anything but appending renumbers them, so the server copies the"
              + " whole table (ALGORITHM=COPY, writes blocked) to rewrite every row, and code that sorts or compares by"
              + " number changes meaning.",
          "Append new members at the end of the list (instant). Keep the old ones in place even when unused.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      Optional<MysqlAlter> alter = MysqlFacts.alterOfExisting(ctx, migration, s);
      for (MysqlAlter.Clause c : alter.map(MysqlAlter::clauses).orElse(List.of())) {
        if (c.column().isEmpty()
            || c.column().get().enumValues().isEmpty()
            || (c.op() != MysqlAlter.Op.MODIFY_COLUMN && c.op() != MysqlAlter.Op.CHANGE_COLUMN)) {
          continue;
        }
        String column = c.oldName().orElse(c.name().orElse("?"));
        List<String> now = c.column().get().enumValues();
        earlierMembers(migration, s, alter.get(), column)
            .ifPresent(
                before -> {
                  if (!startsWith(now, before)) {
                    ctx.report(
                        s,
                        "`"
                            + alter.get().table()
                            + "`.`"
                            + column
                            + "` goes from "
                            + before
                            + " to "
                            + now
                            + ": the old members are no longer first and in order, so every stored value is renumbered and the"
                            + " table is copied",
                        List.of());
                  }
                });
      }
    }
  }

  private static boolean startsWith(List<String> now, List<String> before) {
    return now.size() >= before.size() && now.subList(0, before.size()).equals(before);
  }

  /** The members the column had after the last earlier statement of the migration that defined it. */
  private static Optional<List<String>> earlierMembers(
      Migration m, SqlStatement at, MysqlAlter alter, String column) {
    Optional<List<String>> found = Optional.empty();
    for (SqlStatement s : m.statements()) {
      if (s.index() >= at.index()) {
        break;
      }
      for (MysqlColumn col : definitions(s, alter)) {
        if (col.def().name().equals(column) && !col.enumValues().isEmpty()) {
          found = Optional.of(new ArrayList<>(col.enumValues()));
        }
      }
    }
    return found;
  }

  private static List<MysqlColumn> definitions(SqlStatement s, MysqlAlter target) {
    return MysqlClassifier.alter(s.sql())
        .filter(a -> a.table().matches(target.table()))
        .map(a -> a.clauses().stream().flatMap(c -> c.column().stream()).toList())
        .orElse(List.of());
  }
}
