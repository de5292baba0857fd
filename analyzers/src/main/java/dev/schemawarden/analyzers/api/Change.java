package dev.schemawarden.analyzers.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a statement does, as the rules, tracer and policy see it. Built from JSqlParser's tree when it parses the
 * statement and by the engine's fallback classifier when it does not; rules match on these types, never on SQL
 * text. Every statement gets one: {@link Other} when the kind is known but not modelled, {@link Unknown} when
 * nothing could classify it.
 */
public sealed interface Change {

  /** The object kinds that {@link Drop}, {@link Rename} and {@link Other} speak of. */
  enum ObjectKind {
    TABLE,
    INDEX,
    VIEW,
    MATERIALIZED_VIEW,
    SCHEMA,
    DATABASE,
    SEQUENCE,
    TYPE,
    DOMAIN,
    FUNCTION,
    PROCEDURE,
    TRIGGER,
    EXTENSION,
    ROLE,
    POLICY,
    COLUMN,
    CONSTRAINT,
    OTHER
  }

  record CreateTable(
      QualifiedName table,
      List<ColumnDef> columns,
      List<ConstraintDef> constraints,
      boolean ifNotExists,
      boolean temporary,
      boolean unlogged,
      Optional<QualifiedName> partitionOf,
      boolean partitioned,
      boolean asSelect)
      implements Change {
    public CreateTable {
      Objects.requireNonNull(table, "table");
      columns = List.copyOf(columns);
      constraints = List.copyOf(constraints);
      Objects.requireNonNull(partitionOf, "partitionOf");
    }
  }

  record AlterTable(QualifiedName table, boolean ifExists, boolean only, List<AlterAction> actions)
      implements Change {
    public AlterTable {
      Objects.requireNonNull(table, "table");
      actions = List.copyOf(actions);
    }
  }

  record CreateIndex(
      Optional<String> name,
      QualifiedName table,
      boolean unique,
      boolean concurrently,
      boolean ifNotExists,
      List<String> columns,
      Optional<String> method,
      boolean partial)
      implements Change {
    public CreateIndex {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(table, "table");
      columns = List.copyOf(columns);
      Objects.requireNonNull(method, "method");
    }
  }

  /** {@code REINDEX [ (options) ] { INDEX | TABLE | SCHEMA | DATABASE | SYSTEM } [ CONCURRENTLY ] name}. */
  record Reindex(ObjectKind target, QualifiedName name, boolean concurrently) implements Change {}

  /**
   * {@code DROP <kind> [CONCURRENTLY] [IF EXISTS] names [ON table] [CASCADE]}, any kind, INDEX included.
   *
   * @param on the table of {@code DROP TRIGGER|POLICY|RULE name ON table}: the lock is taken on it
   */
  record Drop(
      ObjectKind kind,
      List<QualifiedName> names,
      boolean ifExists,
      boolean cascade,
      boolean concurrently,
      Optional<QualifiedName> on)
      implements Change {
    public Drop {
      names = List.copyOf(names);
      Objects.requireNonNull(on, "on");
    }

    public Drop(
        ObjectKind kind,
        List<QualifiedName> names,
        boolean ifExists,
        boolean cascade,
        boolean concurrently) {
      this(kind, names, ifExists, cascade, concurrently, Optional.empty());
    }
  }

  /** {@code ALTER <kind> name RENAME TO newName} for kinds other than tables (schemas, views, indexes, types...). */
  record Rename(ObjectKind kind, QualifiedName from, String to) implements Change {}

  record CreateType(QualifiedName name, TypeKind typeKind, List<String> enumValues)
      implements Change {
    public enum TypeKind {
      ENUM,
      COMPOSITE,
      RANGE,
      OTHER
    }

    public CreateType {
      enumValues = List.copyOf(enumValues);
    }
  }

  /** {@code ALTER TYPE t ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']}. */
  record AddEnumValue(
      QualifiedName type,
      String value,
      boolean ifNotExists,
      Optional<String> before,
      Optional<String> after)
      implements Change {}

  record RenameEnumValue(QualifiedName type, String from, String to) implements Change {}

  record CreateDomain(QualifiedName name, DataType baseType, boolean hasConstraint)
      implements Change {}

  /** {@code ALTER DOMAIN d ADD CONSTRAINT ... [NOT VALID]} and other domain alterations. */
  record AlterDomain(QualifiedName name, boolean addsConstraint, boolean notValid, String action)
      implements Change {}

  record Truncate(List<QualifiedName> tables, boolean cascade, boolean restartIdentity)
      implements Change {
    public Truncate {
      tables = List.copyOf(tables);
    }
  }

  record Vacuum(boolean full, List<QualifiedName> tables) implements Change {
    public Vacuum {
      tables = List.copyOf(tables);
    }
  }

  record Cluster(Optional<QualifiedName> table, Optional<String> index) implements Change {}

  /** {@code CREATE [OR REPLACE] [MATERIALIZED] VIEW}. */
  record CreateView(QualifiedName name, boolean orReplace, boolean materialized)
      implements Change {}

  /** {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] name}. */
  record RefreshMaterializedView(QualifiedName name, boolean concurrently) implements Change {}

  record CreateExtension(String name, boolean ifNotExists) implements Change {}

  /** BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK / SAVEPOINT / RELEASE / ROLLBACK TO / PREPARE TRANSACTION. */
  record Transaction(TxKind kind) implements Change {
    public enum TxKind {
      BEGIN,
      COMMIT,
      ROLLBACK,
      SAVEPOINT,
      RELEASE_SAVEPOINT,
      ROLLBACK_TO_SAVEPOINT,
      PREPARE,
      OTHER
    }
  }

  /** {@code SET [LOCAL|SESSION] name {TO|=} value}, {@code RESET name}, {@code SET ROLE ...}. */
  record SetParameter(String name, Optional<String> value, boolean local) implements Change {}

  /**
   * INSERT / UPDATE / DELETE / MERGE / COPY / SELECT. {@code hasWhere} is false for an UPDATE/DELETE of every row;
   * {@code assigned} is the columns an UPDATE's SET list assigns as a whole, in order, repeats kept (subscripted and
   * field assignments such as {@code a[1] = x} are left out: PostgreSQL allows several of those).
   */
  record DataChange(
      DmlKind kind, Optional<QualifiedName> table, boolean hasWhere, List<String> assigned)
      implements Change {
    public DataChange {
      Objects.requireNonNull(table, "table");
      assigned = List.copyOf(assigned);
    }

    public DataChange(DmlKind kind, Optional<QualifiedName> table, boolean hasWhere) {
      this(kind, table, hasWhere, List.of());
    }

    public enum DmlKind {
      INSERT,
      UPDATE,
      DELETE,
      MERGE,
      COPY,
      SELECT
    }
  }

  /** GRANT / REVOKE / ALTER DEFAULT PRIVILEGES / CREATE|ALTER ROLE ... */
  record PrivilegeChange(String text) implements Change {}

  /** A psql meta-command such as {@code \connect} or {@code \i}: reported, never executed. */
  record MetaCommand(String command) implements Change {}

  /**
   * A statement whose kind is known but not modelled in detail, e.g. {@code CREATE FUNCTION},
   * {@code COMMENT ON}, {@code DO}, {@code ALTER SYSTEM}. {@code keywords} is the leading words that identify it,
   * upper case, e.g. {@code "CREATE FUNCTION"}.
   */
  record Other(String keywords, ObjectKind kind, Optional<QualifiedName> target)
      implements Change {}

  /** Nothing could classify the statement; it is reported (SQL001), never dropped. */
  record Unknown(String reason) implements Change {}
}
