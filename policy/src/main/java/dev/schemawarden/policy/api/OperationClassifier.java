package dev.schemawarden.policy.api;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Volatility;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sorts a statement's {@link Change} into {@link OperationClass}es. Pure: the same change always gets the same
 * classes. With a {@link DatabaseEngine}, a predicted rewrite ({@link PredictedLock#rewrite()}) also makes the
 * statement {@link OperationClass#REWRITING_DDL}; without one, the change type alone decides.
 *
 * <p>Conservative where reversibility is unknown: dropping any constraint is {@link OperationClass#DESTRUCTIVE},
 * because once rows that violate it are written the constraint cannot simply be added back; so is any
 * {@code DROP ... CASCADE} of a type, domain or extension, which silently drops the columns that use it.
 */
public final class OperationClassifier {

  private final Optional<DatabaseEngine> engine;
  private final ServerVersion version;

  /** Classifies by change type alone. */
  public OperationClassifier() {
    this.engine = Optional.empty();
    this.version = ServerVersion.DEFAULT_POSTGRES;
  }

  /** Also asks {@code engine} whether the change rewrites a relation on {@code version}. */
  public OperationClassifier(DatabaseEngine engine, ServerVersion version) {
    this.engine = Optional.of(engine);
    this.version = Objects.requireNonNull(version, "version");
  }

  /** Every class {@code change} belongs to; never empty ({@link OperationClass#OTHER} when nothing else fits). */
  public Set<OperationClass> classify(Change change) {
    EnumSet<OperationClass> classes = EnumSet.noneOf(OperationClass.class);
    byType(change, classes);
    engine.ifPresent(
        e -> {
          if (e.predictLocks(change, version).stream().anyMatch(PredictedLock::rewrite)) {
            classes.add(OperationClass.REWRITING_DDL);
          }
        });
    if (classes.isEmpty()) {
      classes.add(OperationClass.OTHER);
    }
    return Collections.unmodifiableSet(classes);
  }

  /** The most consequential class of {@code change} (enum order). */
  public OperationClass primary(Change change) {
    return classify(change).iterator().next();
  }

  private static void byType(Change change, Set<OperationClass> out) {
    if (change instanceof Change.CreateTable
        || change instanceof Change.CreateIndex
        || change instanceof Change.CreateView
        || change instanceof Change.CreateType
        || change instanceof Change.AddEnumValue
        || change instanceof Change.CreateDomain) {
      out.add(OperationClass.ADDITIVE_DDL);
    } else if (change instanceof Change.AlterTable alter) {
      alter.actions().forEach(a -> out.add(classifyAction(a)));
    } else if (change instanceof Change.Drop drop) {
      classifyDrop(drop, out);
    } else if (change instanceof Change.Truncate) {
      out.add(OperationClass.DESTRUCTIVE);
    } else if (change instanceof Change.DataChange dml) {
      classifyDml(dml, out);
    } else if (change instanceof Change.PrivilegeChange) {
      out.add(OperationClass.PRIVILEGE_CHANGE);
    } else if (change instanceof Change.CreateExtension) {
      out.add(OperationClass.EXTENSION);
    } else if (change instanceof Change.Reindex
        || change instanceof Change.Cluster
        || change instanceof Change.RefreshMaterializedView) {
      out.add(OperationClass.REWRITING_DDL);
    } else if (change instanceof Change.Vacuum vacuum) {
      out.add(vacuum.full() ? OperationClass.REWRITING_DDL : OperationClass.OTHER);
    } else if (change instanceof Change.AlterDomain domain) {
      out.add(domain.addsConstraint() ? OperationClass.ADDITIVE_DDL : OperationClass.OTHER);
    } else if (change instanceof Change.Other other) {
      String keywords = other.keywords().toUpperCase(Locale.ROOT);
      if (keywords.startsWith("CREATE ")) {
        out.add(
            other.kind() == ObjectKind.EXTENSION
                ? OperationClass.EXTENSION
                : OperationClass.ADDITIVE_DDL);
      } else if (keywords.startsWith("GRANT") || keywords.startsWith("REVOKE")) {
        out.add(OperationClass.PRIVILEGE_CHANGE);
      } else {
        out.add(OperationClass.OTHER);
      }
    } else {
      // Rename, RenameEnumValue, Transaction, SetParameter, MetaCommand, Unknown: reversible or not
      // DDL at all.
      out.add(OperationClass.OTHER);
    }
  }

  private static OperationClass classifyAction(AlterAction action) {
    if (action instanceof AlterAction.AddColumn add) {
      return rewritesOnAdd(add.column())
          ? OperationClass.REWRITING_DDL
          : OperationClass.ADDITIVE_DDL;
    }
    if (action instanceof AlterAction.DropColumn || action instanceof AlterAction.DropConstraint) {
      return OperationClass.DESTRUCTIVE;
    }
    if (action instanceof AlterAction.AlterColumnType
        || action instanceof AlterAction.SetLogged
        || action instanceof AlterAction.SetTablespace) {
      return OperationClass.REWRITING_DDL;
    }
    if (action instanceof AlterAction.AddConstraint
        || action instanceof AlterAction.ValidateConstraint
        || action instanceof AlterAction.SetNotNull
        || action instanceof AlterAction.SetDefault
        || action instanceof AlterAction.AttachPartition) {
      return OperationClass.ADDITIVE_DDL;
    }
    // DropNotNull, DropDefault, renames, SET SCHEMA, DETACH PARTITION (the partition survives),
    // Other.
    return OperationClass.OTHER;
  }

  private static boolean rewritesOnAdd(ColumnDef column) {
    String type = column.type().name();
    return column.generated() == ColumnDef.Generated.STORED
        || column.generated() == ColumnDef.Generated.IDENTITY
        || type.equals("serial")
        || type.equals("bigserial")
        || type.equals("smallserial")
        || column.defaultExpr().map(Volatility::isVolatileDefault).orElse(false);
  }

  private static void classifyDrop(Change.Drop drop, Set<OperationClass> out) {
    switch (drop.kind()) {
      case TABLE, COLUMN, SCHEMA, DATABASE, SEQUENCE, CONSTRAINT ->
          out.add(OperationClass.DESTRUCTIVE);
      case EXTENSION -> {
        out.add(OperationClass.EXTENSION);
        if (drop.cascade()) {
          out.add(OperationClass.DESTRUCTIVE);
        }
      }
      case TYPE, DOMAIN ->
          out.add(drop.cascade() ? OperationClass.DESTRUCTIVE : OperationClass.OTHER);
      case ROLE, POLICY -> out.add(OperationClass.PRIVILEGE_CHANGE);
      // Indexes, views, functions, triggers...: rebuilt from their definition, nothing is lost.
      default -> out.add(drop.cascade() ? OperationClass.DESTRUCTIVE : OperationClass.OTHER);
    }
  }

  private static void classifyDml(Change.DataChange dml, Set<OperationClass> out) {
    switch (dml.kind()) {
      case SELECT -> out.add(OperationClass.OTHER);
      case UPDATE, DELETE -> {
        out.add(OperationClass.DATA_CHANGE);
        if (!dml.hasWhere()) {
          out.add(OperationClass.DESTRUCTIVE);
        }
      }
      default -> out.add(OperationClass.DATA_CHANGE);
    }
  }
}
