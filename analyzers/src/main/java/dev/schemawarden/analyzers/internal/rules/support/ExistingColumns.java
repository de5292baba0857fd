package dev.schemawarden.analyzers.internal.rules.support;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns that one kind of {@code ALTER TABLE} action changes, counting only columns that existed before this
 * change: running application versions use those, while a column added in the same change has no readers yet.
 */
public final class ExistingColumns {

  /** Receives each {@code ALTER TABLE} that changes at least one existing column, with those columns in order. */
  @FunctionalInterface
  public interface Found {
    void found(SqlStatement stmt, Change.AlterTable alter, List<String> columns);
  }

  private ExistingColumns() {}

  /** Calls {@code found} for each statement of {@code migration} whose {@code action}s name existing columns. */
  public static <A extends AlterAction> void changedBy(
      Migration migration,
      RuleContext ctx,
      Class<A> action,
      Function<A, String> column,
      Found found) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.AlterTable a)) {
        continue;
      }
      List<String> columns =
          a.actions().stream()
              .filter(action::isInstance)
              .map(x -> column.apply(action.cast(x)))
              .filter(c -> !Earlier.newColumn(ctx, migration, stmt, a.table(), c))
              .toList();
      if (!columns.isEmpty()) {
        found.found(stmt, a, columns);
      }
    }
  }

  /** {@code `table.a`, `table.b`}: how findings name the columns. */
  public static String labels(QualifiedName table, List<String> columns) {
    return columns.stream()
        .map(c -> "`" + table.name() + "." + c + "`")
        .collect(Collectors.joining(", "));
  }
}
