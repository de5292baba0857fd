package dev.schemawarden.analyzers.internal.postgres;

import static dev.schemawarden.analyzers.api.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.ACCESS_SHARE;
import static dev.schemawarden.analyzers.api.LockMode.EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.ROW_EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.SHARE;
import static dev.schemawarden.analyzers.api.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.PostgresTypeChanges;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Volatility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The table-level locks each statement form takes on pre-existing relations, from the PostgreSQL documentation:
 * https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES, the "Notes" of
 * https://www.postgresql.org/docs/current/sql-altertable.html and each command's page. Objects a statement
 * creates are not listed (nobody else can be waiting for them). When one statement locks the same relation
 * several times, the strongest mode is kept and the rewrite/scan flags are or-ed.
 */
final class PostgresLocks {
  private PostgresLocks() {}

  private static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial");

  static List<PredictedLock> predict(Change change, ServerVersion v) {
    Locks locks = new Locks();
    if (change instanceof Change.AlterTable a) {
      for (AlterAction action : a.actions()) {
        alterAction(a.table(), action, v, locks);
      }
    } else if (change instanceof Change.CreateTable t) {
      // CREATE TABLE ... PARTITION OF locks the parent ACCESS EXCLUSIVE (unlike ATTACH PARTITION on
      // PG12+).
      t.partitionOf().ifPresent(p -> locks.add(p, ACCESS_EXCLUSIVE, false, false));
      t.constraints().forEach(c -> references(c, locks));
      t.columns().forEach(c -> c.inlineConstraint().ifPresent(ic -> references(ic, locks)));
    } else if (change instanceof Change.CreateIndex i) {
      locks.add(i.table(), i.concurrently() ? SHARE_UPDATE_EXCLUSIVE : SHARE, false, true);
    } else if (change instanceof Change.Reindex r) {
      if (r.target() == Change.ObjectKind.TABLE || r.target() == Change.ObjectKind.INDEX) {
        // REINDEX INDEX/TABLE: SHARE on the table and ACCESS EXCLUSIVE on the index(es) being
        // rebuilt.
        LockMode m =
            r.concurrently()
                ? SHARE_UPDATE_EXCLUSIVE
                : r.target() == Change.ObjectKind.INDEX ? ACCESS_EXCLUSIVE : SHARE;
        locks.add(r.name(), m, false, true);
      }
    } else if (change instanceof Change.Drop d) {
      drop(d, locks);
    } else if (change instanceof Change.Rename r) {
      rename(r, v, locks);
    } else if (change instanceof Change.Truncate t) {
      t.tables().forEach(table -> locks.add(table, ACCESS_EXCLUSIVE, true, false));
    } else if (change instanceof Change.Vacuum vac) {
      vac.tables()
          .forEach(
              table ->
                  locks.add(
                      table,
                      vac.full() ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE,
                      vac.full(),
                      true));
    } else if (change instanceof Change.Cluster cl) {
      cl.table().ifPresent(table -> locks.add(table, ACCESS_EXCLUSIVE, true, true));
    } else if (change instanceof Change.RefreshMaterializedView r) {
      locks.add(r.name(), r.concurrently() ? EXCLUSIVE : ACCESS_EXCLUSIVE, !r.concurrently(), true);
    } else if (change instanceof Change.DataChange d) {
      d.table()
          .ifPresent(
              table ->
                  locks.add(
                      table,
                      d.kind() == Change.DataChange.DmlKind.SELECT ? ACCESS_SHARE : ROW_EXCLUSIVE,
                      false,
                      false));
    } else if (change instanceof Change.Other o) {
      other(o, locks);
    }
    return locks.list();
  }

  private static void alterAction(
      QualifiedName table, AlterAction action, ServerVersion v, Locks locks) {
    if (action instanceof AlterAction.AddColumn add) {
      ColumnDef col = add.column();
      boolean rewrite = addColumnRewrites(col, v);
      boolean scan =
          col.inlineConstraint().map(c -> c.kind() != ConstraintDef.Kind.FOREIGN_KEY).orElse(false);
      locks.add(table, ACCESS_EXCLUSIVE, rewrite, scan);
      col.inlineConstraint().ifPresent(c -> references(c, locks));
    } else if (action instanceof AlterAction.AlterColumnType t) {
      locks.add(
          table,
          ACCESS_EXCLUSIVE,
          PostgresTypeChanges.rewrites(
              java.util.Optional.empty(), t.type(), t.using().isPresent(), v),
          false);
    } else if (action instanceof AlterAction.SetNotNull) {
      locks.add(table, ACCESS_EXCLUSIVE, false, true);
    } else if (action instanceof AlterAction.AddConstraint ac) {
      addConstraint(table, ac.constraint(), locks);
    } else if (action instanceof AlterAction.ValidateConstraint) {
      // The referenced table of a FOREIGN KEY also gets ROW SHARE, but its name is not in the
      // statement.
      locks.add(table, SHARE_UPDATE_EXCLUSIVE, false, true);
    } else if (action instanceof AlterAction.SetLogged
        || action instanceof AlterAction.SetTablespace) {
      locks.add(table, ACCESS_EXCLUSIVE, true, false);
    } else if (action instanceof AlterAction.AttachPartition ap) {
      // PG12+: SHARE UPDATE EXCLUSIVE on the parent; the partition is scanned to check the bound
      // unless a matching CHECK constraint proves it.
      locks.add(table, v.atLeast(12) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE, false, false);
      locks.add(ap.partition(), ACCESS_EXCLUSIVE, false, true);
    } else if (action instanceof AlterAction.DetachPartition dp) {
      boolean online = (dp.concurrently() || dp.finalizeDetach()) && v.atLeast(14);
      locks.add(table, online ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE, false, false);
      locks.add(dp.partition(), online ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE, false, false);
    } else if (action instanceof AlterAction.Other o) {
      locks.add(table, otherActionMode(o.text()), false, false);
    } else {
      // DROP COLUMN, SET/DROP DEFAULT, DROP NOT NULL, DROP CONSTRAINT, RENAME..., SET SCHEMA.
      locks.add(table, ACCESS_EXCLUSIVE, false, false);
    }
  }

  /** Since PG11 a non-volatile default is stored in the catalog; before, any non-null default rewrote. */
  static boolean addColumnRewrites(ColumnDef col, ServerVersion v) {
    if (col.generated() == ColumnDef.Generated.STORED
        || col.generated() == ColumnDef.Generated.IDENTITY
        || SERIAL_TYPES.contains(col.type().name())) {
      return true;
    }
    return col.defaultExpr()
        .map(
            expr -> {
              if (expr.strip().equalsIgnoreCase("null")) {
                return false;
              }
              return v.below(11) || Volatility.isVolatileDefault(expr);
            })
        .orElse(false);
  }

  private static void addConstraint(QualifiedName table, ConstraintDef c, Locks locks) {
    switch (c.kind()) {
      case FOREIGN_KEY -> {
        locks.add(table, SHARE_ROW_EXCLUSIVE, false, !c.notValid());
        references(c, locks);
      }
      case PRIMARY_KEY, UNIQUE ->
          locks.add(table, ACCESS_EXCLUSIVE, false, c.usingIndex().isEmpty());
      default -> locks.add(table, ACCESS_EXCLUSIVE, false, !c.notValid());
    }
  }

  private static void references(ConstraintDef c, Locks locks) {
    if (c.kind() == ConstraintDef.Kind.FOREIGN_KEY) {
      c.references().ifPresent(ref -> locks.add(ref, SHARE_ROW_EXCLUSIVE, false, false));
    }
  }

  /** ALTER TABLE sub-commands documented with weaker locks than ACCESS EXCLUSIVE. */
  static LockMode otherActionMode(String text) {
    String t = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (t.matches("(enable|disable) (trigger|replica trigger|always trigger).*")) {
      return SHARE_ROW_EXCLUSIVE;
    }
    if (t.startsWith("set statistics")
        || t.matches("alter (column )?\\S+ set statistics.*")
        || t.matches("alter (column )?\\S+ (set|reset) \\(.*")
        || t.startsWith("cluster on")
        || t.startsWith("set without cluster")
        || t.startsWith("set (")
        || t.startsWith("reset (")) {
      return SHARE_UPDATE_EXCLUSIVE;
    }
    return ACCESS_EXCLUSIVE;
  }

  private static void drop(Change.Drop d, Locks locks) {
    switch (d.kind()) {
      case TABLE, VIEW, MATERIALIZED_VIEW, SEQUENCE ->
          d.names().forEach(n -> locks.add(n, ACCESS_EXCLUSIVE, false, false));
      // DROP INDEX also locks the index's table ACCESS EXCLUSIVE (SHARE UPDATE EXCLUSIVE when
      // CONCURRENTLY);
      // only the index name is in the statement.
      case INDEX ->
          d.names()
              .forEach(
                  n ->
                      locks.add(
                          n,
                          d.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE,
                          false,
                          false));
      // The lock is on the table named after ON (ACCESS EXCLUSIVE for all three).
      case TRIGGER, POLICY, OTHER ->
          d.on().ifPresent(t -> locks.add(t, ACCESS_EXCLUSIVE, false, false));
      default -> {}
    }
  }

  private static void rename(Change.Rename r, ServerVersion v, Locks locks) {
    switch (r.kind()) {
      // PG12+: ALTER INDEX ... RENAME takes SHARE UPDATE EXCLUSIVE.
      case INDEX ->
          locks.add(
              r.from(), v.atLeast(12) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE, false, false);
      case TABLE, VIEW, MATERIALIZED_VIEW, SEQUENCE ->
          locks.add(r.from(), ACCESS_EXCLUSIVE, false, false);
      default -> {}
    }
  }

  private static void other(Change.Other o, Locks locks) {
    o.target()
        .ifPresent(
            target -> {
              switch (o.keywords()) {
                case "CREATE TRIGGER", "CREATE CONSTRAINT TRIGGER" ->
                    locks.add(target, SHARE_ROW_EXCLUSIVE, false, false);
                case "CREATE POLICY",
                    "CREATE RULE",
                    "ALTER POLICY",
                    "ALTER TRIGGER",
                    "LOCK TABLE" ->
                    locks.add(target, ACCESS_EXCLUSIVE, false, false);
                case "ANALYZE" -> locks.add(target, SHARE_UPDATE_EXCLUSIVE, false, true);
                default ->
                    lockTableMode(o.keywords()).ifPresent(m -> locks.add(target, m, false, false));
              }
            });
  }

  /** The mode of {@code LOCK TABLE IN <mode> MODE}, as the classifier spells it in the keywords. */
  private static java.util.Optional<LockMode> lockTableMode(String keywords) {
    if (!keywords.startsWith("LOCK TABLE IN ") || !keywords.endsWith(" MODE")) {
      return java.util.Optional.empty();
    }
    String mode =
        keywords.substring("LOCK TABLE IN ".length(), keywords.length() - " MODE".length());
    return java.util.Arrays.stream(LockMode.values())
        .filter(m -> m.sqlName().equals(mode))
        .findFirst();
  }

  /** Accumulates per relation, first-seen order, strongest mode. */
  private static final class Locks {
    private final Map<QualifiedName, PredictedLock> byRelation = new LinkedHashMap<>();

    void add(QualifiedName relation, LockMode mode, boolean rewrite, boolean scan) {
      byRelation.merge(
          relation,
          new PredictedLock(relation, mode, rewrite, scan),
          (a, b) ->
              new PredictedLock(
                  relation,
                  a.mode().compareTo(b.mode()) >= 0 ? a.mode() : b.mode(),
                  a.rewrite() || b.rewrite(),
                  a.scan() || b.scan()));
    }

    List<PredictedLock> list() {
      return List.copyOf(new ArrayList<>(byRelation.values()));
    }
  }
}
