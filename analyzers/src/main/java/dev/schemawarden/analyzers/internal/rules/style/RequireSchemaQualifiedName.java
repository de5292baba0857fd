package dev.schemawarden.analyzers.internal.rules.style;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL005 (Squawk require-table-schema): a table named without its schema is resolved through {@code search_path},
 * which can differ between the session that reviews and the one that deploys. Opt-in: many projects rely on
 * {@code search_path} on purpose.
 */
public final class RequireSchemaQualifiedName implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "SQL005",
          "require-schema-qualified-name",
          "Table named without its schema",
          Severity.OFF,
          "`CREATE TABLE`, `ALTER TABLE`, `CREATE INDEX ... ON`, `DROP TABLE` or `TRUNCATE` names a table without"
              + " a schema (temporary tables excepted).",
          "PostgreSQL resolves the name through `search_path`: a deploy session with another `search_path` (a"
              + " different role, a connection pooler, a tool that sets it) acts on another table or creates it in"
              + " another schema.",
          "Qualify the name: `public.orders` instead of `orders`.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      List<QualifiedName> unqualified = new ArrayList<>();
      Change c = s.change();
      if (c instanceof Change.CreateTable t && !t.temporary()) {
        unqualified.add(t.table());
      } else if (c instanceof Change.AlterTable a) {
        unqualified.add(a.table());
      } else if (c instanceof Change.CreateIndex i) {
        unqualified.add(i.table());
      } else if (c instanceof Change.Drop d && d.kind() == Change.ObjectKind.TABLE) {
        unqualified.addAll(d.names());
      } else if (c instanceof Change.Truncate t) {
        unqualified.addAll(t.tables());
      }
      unqualified.removeIf(n -> n.schema().isPresent());
      if (!unqualified.isEmpty()) {
        String names =
            String.join(", ", unqualified.stream().map(QualifiedName::toString).toList());
        ctx.report(
            s,
            names + " is named without a schema: search_path decides which table this is",
            List.of(
                Fix.advice(
                    "Qualify the table name with its schema.",
                    "-- e.g. public."
                        + unqualified.get(0).name()
                        + " instead of "
                        + unqualified.get(0).name())));
      }
    }
  }
}
