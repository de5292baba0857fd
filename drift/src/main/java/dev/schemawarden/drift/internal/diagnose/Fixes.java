package dev.schemawarden.drift.internal.diagnose;

import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.drift.api.ProposedFix;
import dev.schemawarden.drift.api.ProposedFix.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proposed migrations, always in their safe form: {@code lock_timeout} first, indexes built and dropped
 * {@code CONCURRENTLY}, nothing that needs a rewrite without saying so. Names are quoted identifiers, and no
 * comment carries a name (a line break in one would end the comment).
 */
final class Fixes {
  /** Every migration waits at most this long for a lock, then fails and can be retried. */
  static final String LOCK_TIMEOUT = "SET lock_timeout = '3s';\n";

  private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE (UNIQUE )?INDEX ");

  private Fixes() {}

  /** {@code pg_get_indexdef} output as a {@code CREATE [UNIQUE] INDEX CONCURRENTLY}. */
  static String concurrently(String indexDef) {
    return CREATE_INDEX.matcher(indexDef).replaceFirst("CREATE $1INDEX CONCURRENTLY ");
  }

  static ProposedFix dropIndex(String summary, String schema, String index, String indexDef) {
    return new ProposedFix(
        summary,
        Kind.MIGRATION,
        LOCK_TIMEOUT + "DROP INDEX CONCURRENTLY IF EXISTS " + Names.sql(schema, index) + ";\n",
        Optional.of(LOCK_TIMEOUT + concurrently(indexDef) + ";\n"),
        true,
        Optional.empty());
  }

  /** Drops the invalid index and builds it again, concurrently: the state a successful build would have left. */
  static ProposedFix rebuildIndex(String schema, String index, String indexDef) {
    return new ProposedFix(
        "drop the invalid index and build it again, concurrently",
        Kind.MIGRATION,
        LOCK_TIMEOUT
            + "DROP INDEX CONCURRENTLY IF EXISTS "
            + Names.sql(schema, index)
            + ";\n"
            + concurrently(indexDef)
            + ";\n",
        Optional.of(
            LOCK_TIMEOUT + "DROP INDEX CONCURRENTLY IF EXISTS " + Names.sql(schema, index) + ";\n"),
        true,
        Optional.empty());
  }

  /** A concurrent index on the referencing columns (already quoted), named after the table and columns. */
  static ProposedFix indexForeignKey(
      String schema, String table, List<String> quotedColumns, List<String> rawColumns) {
    return createIndex(
        "index the referencing columns, concurrently", schema, table, quotedColumns, rawColumns);
  }

  /** {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} on the columns (already quoted), with its drop as rollback. */
  static ProposedFix createIndex(
      String summary,
      String schema,
      String table,
      List<String> quotedColumns,
      List<String> rawColumns) {
    String name = indexName(table, rawColumns);
    return new ProposedFix(
        summary,
        Kind.MIGRATION,
        LOCK_TIMEOUT
            + "CREATE INDEX CONCURRENTLY IF NOT EXISTS "
            + Identifiers.quote(name)
            + " ON "
            + Names.sql(schema, table)
            + " ("
            + String.join(", ", quotedColumns)
            + ");\n",
        Optional.of(
            LOCK_TIMEOUT + "DROP INDEX CONCURRENTLY IF EXISTS " + Names.sql(schema, name) + ";\n"),
        true,
        Optional.empty());
  }

  /**
   * {@code <table>_<columns>_idx} of plain characters, at most 63 bytes (PostgreSQL's limit), so the name never
   * depends on quoting and the rollback names the same index.
   */
  static String indexName(String table, List<String> columns) {
    String raw = table + "_" + String.join("_", columns) + "_idx";
    String plain = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    return plain.length() <= 63 ? plain : plain.substring(0, 59) + "_idx";
  }
}
