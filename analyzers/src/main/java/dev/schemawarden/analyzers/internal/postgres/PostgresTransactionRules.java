package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ServerVersion;
import java.util.Optional;

/** Statements PostgreSQL refuses inside a transaction block, each with the page that says so. */
final class PostgresTransactionRules {
  private PostgresTransactionRules() {}

  /** Why a statement must run outside a transaction block. */
  enum OutsideTransaction {
    CREATE_INDEX_CONCURRENTLY("https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY"),
    DROP_INDEX_CONCURRENTLY("https://www.postgresql.org/docs/current/sql-dropindex.html"),
    REINDEX_CONCURRENTLY("https://www.postgresql.org/docs/current/sql-reindex.html"),
    /** REINDEX SCHEMA / DATABASE / SYSTEM run one transaction per table. */
    REINDEX_SCHEMA_OR_DATABASE("https://www.postgresql.org/docs/current/sql-reindex.html"),
    VACUUM("https://www.postgresql.org/docs/current/sql-vacuum.html"),
    /** CLUSTER without a table name processes every previously clustered table, one transaction each. */
    CLUSTER_ALL("https://www.postgresql.org/docs/current/sql-cluster.html"),
    DETACH_PARTITION_CONCURRENTLY("https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DETACH-PARTITION"),
    CREATE_DATABASE("https://www.postgresql.org/docs/current/sql-createdatabase.html"),
    DROP_DATABASE("https://www.postgresql.org/docs/current/sql-dropdatabase.html"),
    ALTER_SYSTEM("https://www.postgresql.org/docs/current/sql-altersystem.html"),
    /** Before PostgreSQL 12, ALTER TYPE ... ADD VALUE could not run inside a transaction block. */
    ALTER_TYPE_ADD_VALUE_BEFORE_12("https://www.postgresql.org/docs/11/sql-altertype.html#id-1.9.3.42.7");

    private final String docUrl;

    OutsideTransaction(String docUrl) {
      this.docUrl = docUrl;
    }

    String docUrl() {
      return docUrl;
    }
  }

  static boolean mustRunOutsideTransaction(Change change, ServerVersion version) {
    return reason(change, version).isPresent();
  }

  static Optional<OutsideTransaction> reason(Change change, ServerVersion version) {
    OutsideTransaction r = null;
    if (change instanceof Change.CreateIndex i && i.concurrently()) {
      r = OutsideTransaction.CREATE_INDEX_CONCURRENTLY;
    } else if (change instanceof Change.Drop d && d.kind() == Change.ObjectKind.INDEX && d.concurrently()) {
      r = OutsideTransaction.DROP_INDEX_CONCURRENTLY;
    } else if (change instanceof Change.Drop d && d.kind() == Change.ObjectKind.DATABASE) {
      r = OutsideTransaction.DROP_DATABASE;
    } else if (change instanceof Change.Reindex ri) {
      if (ri.concurrently()) {
        r = OutsideTransaction.REINDEX_CONCURRENTLY;
      } else if (ri.target() != Change.ObjectKind.INDEX && ri.target() != Change.ObjectKind.TABLE) {
        r = OutsideTransaction.REINDEX_SCHEMA_OR_DATABASE;
      }
    } else if (change instanceof Change.Vacuum) {
      r = OutsideTransaction.VACUUM;
    } else if (change instanceof Change.Cluster c && c.table().isEmpty()) {
      r = OutsideTransaction.CLUSTER_ALL;
    } else if (change instanceof Change.AlterTable a && a.actions().stream()
        .anyMatch(x -> x instanceof AlterAction.DetachPartition d && d.concurrently())) {
      r = OutsideTransaction.DETACH_PARTITION_CONCURRENTLY;
    } else if (change instanceof Change.Other o && o.keywords().equals("CREATE DATABASE")) {
      r = OutsideTransaction.CREATE_DATABASE;
    } else if (change instanceof Change.Other o && o.keywords().equals("ALTER SYSTEM")) {
      r = OutsideTransaction.ALTER_SYSTEM;
    } else if (change instanceof Change.AddEnumValue && version.below(12)) {
      r = OutsideTransaction.ALTER_TYPE_ADD_VALUE_BEFORE_12;
    }
    return Optional.ofNullable(r);
  }
}
