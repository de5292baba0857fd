package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.sql.Token;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one table of statements PostgreSQL refuses inside a transaction block (SQLSTATE 25001), each with the page
 * that says so. Typed changes decide first; a statement no classifier understood is matched on its words only
 * (string constants and comments excluded), so a literal that mentions CONCURRENTLY changes nothing.
 */
public final class PostgresTransactionRules {
  private PostgresTransactionRules() {}

  private static final String DOCS = "https://www.postgresql.org/docs/current/";

  /** Why a statement must run outside a transaction block. */
  public enum OutsideTransaction {
    CREATE_INDEX_CONCURRENTLY(
        "sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY",
        "^CREATE (UNIQUE )?INDEX CONCURRENTLY\\b"),
    DROP_INDEX_CONCURRENTLY("sql-dropindex.html", "^DROP INDEX CONCURRENTLY\\b"),
    REINDEX_CONCURRENTLY("sql-reindex.html", "^REINDEX\\b.*\\bCONCURRENTLY\\b"),
    /** REINDEX SCHEMA / DATABASE / SYSTEM run one transaction per table. */
    REINDEX_SCHEMA_OR_DATABASE(
        "sql-reindex.html", "^REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM)\\b"),
    VACUUM("sql-vacuum.html", "^VACUUM\\b"),
    /** CLUSTER without a table name processes every previously clustered table, one transaction each. */
    CLUSTER_ALL("sql-cluster.html", "^CLUSTER( VERBOSE)?$"),
    /** FINALIZE of a detach left half-done runs inside a block (PostgresTransactionRulesTest asks a server). */
    DETACH_PARTITION_CONCURRENTLY(
        "sql-altertable.html#SQL-ALTERTABLE-DETACH-PARTITION",
        "^ALTER TABLE\\b.*\\bDETACH PARTITION\\b.*\\bCONCURRENTLY\\b"),
    CREATE_DATABASE("sql-createdatabase.html", "^CREATE DATABASE\\b"),
    DROP_DATABASE("sql-dropdatabase.html", "^DROP DATABASE\\b"),
    CREATE_TABLESPACE("sql-createtablespace.html", "^CREATE TABLESPACE\\b"),
    DROP_TABLESPACE("sql-droptablespace.html", "^DROP TABLESPACE\\b"),
    ALTER_SYSTEM("sql-altersystem.html", "^ALTER SYSTEM\\b"),
    /** Refused in a block unless {@code create_slot = false}; treated as always, the safe side. */
    CREATE_SUBSCRIPTION("sql-createsubscription.html", "^CREATE SUBSCRIPTION\\b"),
    /** Refused in a block when the subscription has a replication slot; treated as always. */
    DROP_SUBSCRIPTION("sql-dropsubscription.html", "^DROP SUBSCRIPTION\\b"),
    /** Before PostgreSQL 12, ALTER TYPE ... ADD VALUE could not run inside a transaction block. */
    ALTER_TYPE_ADD_VALUE_BEFORE_12(
        "https://www.postgresql.org/docs/11/sql-altertype.html#id-1.9.3.42.7",
        "^ALTER TYPE\\b.*\\bADD VALUE\\b");

    private final String docUrl;
    private final Pattern words;

    OutsideTransaction(String doc, String words) {
      this.docUrl = doc.startsWith("https://") ? doc : DOCS + doc;
      this.words = Pattern.compile(words);
    }

    public String docUrl() {
      return docUrl;
    }
  }

  public static boolean mustRunOutsideTransaction(SqlStatement statement, ServerVersion version) {
    return reason(statement, version).isPresent();
  }

  public static Optional<OutsideTransaction> reason(SqlStatement statement, ServerVersion version) {
    Optional<OutsideTransaction> typed = typed(statement.change());
    if (typed.isEmpty()
        && (statement.change() instanceof Change.Other
            || statement.change() instanceof Change.Unknown
            || statement.change() instanceof Change.Drop d
                && d.kind() == Change.ObjectKind.OTHER)) {
      typed = byWords(statement.sql());
    }
    return typed.filter(
        r -> r != OutsideTransaction.ALTER_TYPE_ADD_VALUE_BEFORE_12 || version.below(12));
  }

  private static Optional<OutsideTransaction> typed(Change change) {
    OutsideTransaction r = null;
    if (change instanceof Change.CreateIndex i && i.concurrently()) {
      r = OutsideTransaction.CREATE_INDEX_CONCURRENTLY;
    } else if (change instanceof Change.Drop d
        && d.kind() == Change.ObjectKind.INDEX
        && d.concurrently()) {
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
    } else if (change instanceof Change.AlterTable a
        && a.actions().stream()
            .anyMatch(x -> x instanceof AlterAction.DetachPartition d && d.concurrently())) {
      r = OutsideTransaction.DETACH_PARTITION_CONCURRENTLY;
    } else if (change instanceof Change.AddEnumValue) {
      r = OutsideTransaction.ALTER_TYPE_ADD_VALUE_BEFORE_12;
    }
    return Optional.ofNullable(r);
  }

  /** Matches the statement's words: literals, quoted identifiers and comments are not words. */
  private static Optional<OutsideTransaction> byWords(String sql) {
    String words =
        PostgresLexer.tokenize(sql).stream()
            .filter(t -> t.type() == Token.Type.WORD)
            .map(t -> t.value().toUpperCase(Locale.ROOT))
            .collect(Collectors.joining(" "));
    return Arrays.stream(OutsideTransaction.values())
        .filter(r -> r.words.matcher(words).find())
        .findFirst();
  }
}
