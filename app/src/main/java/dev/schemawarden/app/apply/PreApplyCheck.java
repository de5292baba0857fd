package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pre-apply drift check: do the objects the migrations touch look on the live target the way the review
 * assumed? The built-in check ({@link #objects()}) asks the catalogs whether each object a statement creates is
 * still absent and each object it alters or drops still exists. When the drift module's snapshots are available,
 * a snapshot-based check (the review's snapshot against the live target, restricted to the touched objects)
 * plugs in here through the same interface.
 */
@FunctionalInterface
public interface PreApplyCheck {

  /** Problems, each naming the file, line, object and what to do; empty when the target matches. */
  List<String> problems(Connection target, List<Migration> pending) throws SQLException;

  static PreApplyCheck none() {
    return (c, p) -> List.of();
  }

  /** Created objects must be absent, altered and dropped ones present (objects created earlier in the set count). */
  static PreApplyCheck objects() {
    return (c, pending) -> {
      boolean mysql = OnlineDdl.mysqlFamily(c);
      List<String> problems = new ArrayList<>();
      Set<String> createdHere = new HashSet<>();
      for (Migration m : pending) {
        for (SqlStatement s : m.statements()) {
          String where = m.path() + ":" + s.line() + ": ";
          Change ch = s.change();
          if (ch instanceof Change.CreateTable ct && !ct.ifNotExists()) {
            if (exists(c, mysql, ct.table().toString())) {
              problems.add(
                  where
                      + "table "
                      + ct.table()
                      + " already exists on the target, but the migration"
                      + " creates it: the target drifted from the reviewed history; reconcile it before applying");
            }
            createdHere.add(key(ct.table().toString()));
          } else if (ch instanceof Change.CreateIndex ci
              && !ci.ifNotExists()
              && ci.name().isPresent()) {
            String name = ci.table().schema().map(x -> x + ".").orElse("") + ci.name().get();
            if (indexExists(c, mysql, ci.table(), ci.name().get())) {
              problems.add(
                  where
                      + "index "
                      + name
                      + " already exists on the target, but the migration creates"
                      + " it: the target drifted (created by hand?); drop or adopt it before applying");
            }
            createdHere.add(key(name));
          } else if (ch instanceof Change.AlterTable at && !at.ifExists()) {
            String t = at.table().toString();
            if (!createdHere.contains(key(t)) && !exists(c, mysql, t)) {
              problems.add(
                  where
                      + "table "
                      + t
                      + " does not exist on the target, but the migration alters it:"
                      + " the target drifted from the reviewed history");
            }
            at.actions().stream()
                .filter(a -> a instanceof AlterAction.RenameTable)
                .forEach(a -> createdHere.add(key(((AlterAction.RenameTable) a).to())));
          } else if (ch instanceof Change.Drop d
              && !d.ifExists()
              && (d.kind() == Change.ObjectKind.TABLE || d.kind() == Change.ObjectKind.INDEX)) {
            for (QualifiedName n : d.names()) {
              // MySQL's DROP INDEX names its table (index names are per table); PostgreSQL's does
              // not.
              boolean present;
              if (d.kind() == Change.ObjectKind.INDEX && mysql) {
                present = d.on().isEmpty() || indexExists(c, true, d.on().get(), n.name());
              } else {
                present = exists(c, mysql, n.toString());
              }
              if (!createdHere.contains(key(n.toString())) && !present) {
                problems.add(
                    where
                        + n
                        + " does not exist on the target, but the migration drops it: the target"
                        + " drifted from the reviewed history");
              }
            }
          }
        }
      }
      return List.copyOf(problems);
    };
  }

  private static String key(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replace("\"", "");
  }

  private static boolean exists(Connection c, boolean mysql, String name) throws SQLException {
    if (mysql) {
      return existsOnMysql(c, name);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * MySQL/MariaDB: a table of that name in its database (the connection's when unqualified). An index name is
   * per table there; an index {@code CREATE INDEX} names is looked up on its table ({@link #indexExists}).
   */
  private static boolean existsOnMysql(Connection c, String name) throws SQLException {
    QualifiedName q = QualifiedName.parse(name.replace("`", ""));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?")) {
      ps.setString(1, q.schema().orElse(null));
      ps.setString(2, q.name());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  private static boolean indexExists(Connection c, boolean mysql, QualifiedName table, String index)
      throws SQLException {
    if (!mysql) {
      return exists(c, false, table.schema().map(x -> x + ".").orElse("") + index);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA ="
                + " COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND INDEX_NAME = ?")) {
      ps.setString(1, table.schema().orElse(null));
      ps.setString(2, table.name());
      ps.setString(3, index);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }
}
