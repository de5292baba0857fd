package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import dev.schemawarden.analyzers.internal.rules.support.ExistingTableActions;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.Optional;

/**
 * LK125 (Eugene W14): {@code ADD PRIMARY KEY USING INDEX} is instant only when the index columns are already NOT
 * NULL; otherwise PostgreSQL sets NOT NULL on them, which scans the table under ACCESS EXCLUSIVE.
 */
public final class PrimaryKeyUsingIndexOnNullable implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK125",
          "primary-key-using-index-on-nullable-columns",
          "PRIMARY KEY USING INDEX on columns not proven" + " NOT NULL",
          Severity.WARNING,
          "`ALTER TABLE ... ADD PRIMARY KEY USING INDEX idx` on an existing table, unless every column of `idx` was"
              + " made NOT NULL earlier in the same migration.",
          "A primary key needs NOT NULL columns: for each nullable column PostgreSQL runs SET NOT NULL, which reads"
              + " the whole table under the ACCESS EXCLUSIVE lock the statement holds.",
          "Make the columns NOT NULL first without a blocking scan (`CHECK (c IS NOT NULL) NOT VALID`, `VALIDATE`,"
              + " `SET NOT NULL`), then attach the index as the primary key.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.onTable("scan", statement, meta().id());
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    ExistingTableActions.forEach(
        migration,
        ctx,
        (s, alter, action) -> {
          if (action instanceof AlterAction.AddConstraint add
              && add.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY
              && add.constraint().usingIndex().isPresent()) {
            check(migration, ctx, s, alter.table(), add.constraint().usingIndex().get());
          }
        });
  }

  private static void check(
      Migration m, RuleContext ctx, SqlStatement s, QualifiedName table, String index) {
    Optional<List<String>> columns = indexColumns(m, s, index);
    List<String> unproven =
        columns
            .map(cs -> cs.stream().filter(c -> !notNullEarlier(m, s, table, c)).toList())
            .orElse(List.of());
    if (columns.isPresent() && unproven.isEmpty()) {
      return;
    }
    String t = Sql.name(table);
    StringBuilder sql = new StringBuilder();
    if (unproven.isEmpty()) {
      sql.append("-- for each column of ").append(Sql.ident(index)).append(" that is nullable:\n");
    }
    for (String c : unproven.isEmpty() ? List.of("c") : unproven) {
      String check = Sql.ident(Sql.constraintName(table, c, "not_null"));
      sql.append("ALTER TABLE ")
          .append(t)
          .append(" ADD CONSTRAINT ")
          .append(check)
          .append(" CHECK (")
          .append(Sql.ident(c))
          .append(" IS NOT NULL) NOT VALID;\n")
          .append("ALTER TABLE ")
          .append(t)
          .append(" VALIDATE CONSTRAINT ")
          .append(check)
          .append(";\n")
          .append("ALTER TABLE ")
          .append(t)
          .append(" ALTER COLUMN ")
          .append(Sql.ident(c))
          .append(" SET NOT NULL;\n");
    }
    sql.append(s.sql().strip()).append(";");
    String which =
        unproven.isEmpty()
            ? "the columns of index " + index + " are NOT NULL"
            : String.join(", ", unproven)
                + " "
                + (unproven.size() == 1 ? "is" : "are")
                + " NOT NULL";
    ctx.report(
        s,
        "PRIMARY KEY USING INDEX "
            + index
            + " on existing table "
            + table
            + ": nothing in the migration"
            + " shows that "
            + which
            + "; for each nullable column PostgreSQL runs SET NOT NULL, a full scan under"
            + " ACCESS EXCLUSIVE",
        List.of(
            Fix.advice(
                "Prove NOT NULL with validated CHECKs first, then attach the" + " index.",
                sql.toString())));
  }

  /** The columns of {@code index} when the migration created it before {@code s}. */
  private static Optional<List<String>> indexColumns(Migration m, SqlStatement s, String index) {
    Optional<List<String>> found = Optional.empty();
    for (SqlStatement earlier : m.statements()) {
      if (earlier.index() >= s.index()) {
        break;
      }
      if (earlier.change() instanceof Change.CreateIndex ci
          && ci.name().map(index::equals).orElse(false)
          && !ci.columns().isEmpty()) {
        found = Optional.of(ci.columns());
      }
    }
    return found;
  }

  /** An earlier statement added {@code column} as NOT NULL or ran SET NOT NULL on it. */
  private static boolean notNullEarlier(
      Migration m, SqlStatement s, QualifiedName table, String column) {
    return Earlier.any(
        m,
        s,
        c ->
            c instanceof Change.AlterTable a
                && a.table().matches(table)
                && a.actions().stream()
                    .anyMatch(
                        x ->
                            (x instanceof AlterAction.SetNotNull nn && nn.column().equals(column))
                                || (x instanceof AlterAction.AddColumn add
                                    && add.column().name().equals(column)
                                    && add.column().notNull())));
  }
}
