package dev.schemawarden.analyzers.internal.trace;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The pre-existing tables a non-transactional statement works on, so the observer can make it queue visibly. */
final class TargetTables {
  private TargetTables() {}

  static List<String> resolve(
      Connection c, Change change, Map<Long, CatalogProbe.Relation> preexisting)
      throws SQLException {
    List<QualifiedName> names = new ArrayList<>();
    if (change instanceof Change.CreateIndex ci) {
      names.add(ci.table());
    } else if (change instanceof Change.Drop d && d.kind() == Change.ObjectKind.INDEX) {
      names.addAll(d.names());
    } else if (change instanceof Change.Reindex r
        && (r.target() == Change.ObjectKind.INDEX || r.target() == Change.ObjectKind.TABLE)) {
      names.add(r.name());
    } else if (change instanceof Change.Vacuum v) {
      names.addAll(v.tables());
    } else if (change instanceof Change.Cluster cl) {
      cl.table().ifPresent(names::add);
    } else if (change instanceof Change.AlterTable at) {
      names.add(at.table());
      at.actions().stream()
          .filter(a -> a instanceof AlterAction.DetachPartition)
          .forEach(a -> names.add(((AlterAction.DetachPartition) a).partition()));
    }
    Set<String> tables = new LinkedHashSet<>();
    for (QualifiedName n : names) {
      tableOf(c, n)
          .filter(preexisting::containsKey)
          .map(oid -> preexisting.get(oid))
          .filter(r -> r.kind() == 'r' || r.kind() == 'p' || r.kind() == 'm')
          .ifPresent(r -> tables.add(r.sqlName()));
    }
    return List.copyOf(tables);
  }

  /** The table itself, or the table an index belongs to. */
  private static Optional<Long> tableOf(Connection c, QualifiedName name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT coalesce((SELECT indrelid FROM pg_index WHERE indexrelid = r), r)::bigint"
                + " FROM to_regclass(?) AS r WHERE r IS NOT NULL")) {
      ps.setString(1, name.toString());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
