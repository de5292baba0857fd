package dev.schemawarden.drift.internal.diagnose;

import dev.schemawarden.drift.api.ProposedFix;
import dev.schemawarden.drift.api.ProposedFix.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MySQL/MariaDB names and fixes in their safe form: {@code lock_wait_timeout} first (an ALTER queues for the
 * exclusive metadata lock behind every open transaction, and every query queues behind it), indexes added and
 * dropped {@code ALGORITHM=INPLACE, LOCK=NONE} so the server refuses rather than blocks writes, and a change that
 * needs a table copy proposed as an operation for an online schema-change tool, never as a migration. Names are
 * backtick-quoted identifiers; no comment carries one.
 */
final class MysqlFixes {
  /** The longest an ALTER of the fix waits for its metadata lock, in seconds; then it fails and can be retried. */
  static final String LOCK_WAIT = "SET SESSION lock_wait_timeout = 5;\n";

  static final String ONLINE = ", ALGORITHM=INPLACE, LOCK=NONE";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$]*[A-Za-z_$][A-Za-z0-9_$]*");

  private MysqlFixes() {}

  /** {@code `a``b`}: a backtick doubled, every other character (line breaks too) kept inside the quotes. */
  static String q(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** {@code `db`.`table`}. */
  static String sql(String database, String table) {
    return q(database) + "." + q(table);
  }

  /** Names as MySQL reads them, backticks only where needed, control characters escaped: safe to print. */
  static String show(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      b.append(b.length() == 0 ? "" : ".").append(PLAIN.matcher(p).matches() ? p : q(p));
    }
    return Names.escape(b.toString());
  }

  static ProposedFix dropIndex(
      String summary, String database, String table, String index, String addBack) {
    return new ProposedFix(
        summary,
        Kind.MIGRATION,
        LOCK_WAIT
            + "ALTER TABLE "
            + sql(database, table)
            + " DROP INDEX "
            + q(index)
            + ONLINE
            + ";\n",
        Optional.of(
            LOCK_WAIT + "ALTER TABLE " + sql(database, table) + " ADD " + addBack + ONLINE + ";\n"),
        false,
        Optional.empty());
  }

  /** The index definition for {@code ADD}: {@code [UNIQUE] INDEX `name` (`a`, `b`(10) DESC)}. */
  static String indexDefinition(String name, boolean unique, String type, List<String> columns) {
    String kind =
        switch (type.toUpperCase(Locale.ROOT)) {
          case "FULLTEXT" -> "FULLTEXT INDEX ";
          case "SPATIAL" -> "SPATIAL INDEX ";
          default -> unique ? "UNIQUE INDEX " : "INDEX ";
        };
    return kind + q(name) + " (" + String.join(", ", columns) + ")";
  }

  static ProposedFix addIndex(
      String summary, String database, String table, List<String> rawColumns) {
    String name = indexName(table, rawColumns);
    return new ProposedFix(
        summary,
        Kind.MIGRATION,
        LOCK_WAIT
            + "ALTER TABLE "
            + sql(database, table)
            + " ADD INDEX "
            + q(name)
            + " ("
            + String.join(", ", rawColumns.stream().map(MysqlFixes::q).toList())
            + ")"
            + ONLINE
            + ";\n",
        Optional.of(
            LOCK_WAIT
                + "ALTER TABLE "
                + sql(database, table)
                + " DROP INDEX "
                + q(name)
                + ONLINE
                + ";\n"),
        false,
        Optional.empty());
  }

  /**
   * A change the server can only make by copying the table under a shared lock (a column's type): the statement
   * to give gh-ost or pt-online-schema-change, never a migration of its own.
   */
  static ProposedFix onlineTool(
      String summary,
      String database,
      String table,
      String alter,
      String rollbackAlter,
      String why) {
    String tableSql = sql(database, table);
    return new ProposedFix(
        summary,
        Kind.OPERATION,
        LOCK_WAIT + "ALTER TABLE " + tableSql + " " + alter + ", ALGORITHM=COPY, LOCK=SHARED;\n",
        Optional.of(
            LOCK_WAIT
                + "ALTER TABLE "
                + tableSql
                + " "
                + rollbackAlter
                + ", ALGORITHM=COPY, LOCK=SHARED;\n"),
        false,
        Optional.of(
            why
                + ": the server copies the table and blocks its writes for the whole copy. Run the"
                + " change online with gh-ost (--alter with the ALTER's clause) or pt-online-schema-change, which copy"
                + " in the background and swap tables in a moment (docs/diagnose.md#online-plans)"));
  }

  /** {@code <table>_<columns>_idx} of plain characters, at most 64 (MySQL's limit for an index name). */
  static String indexName(String table, List<String> columns) {
    String raw = table + "_" + String.join("_", columns) + "_idx";
    String plain = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    return plain.length() <= 64 ? plain : plain.substring(0, 60) + "_idx";
  }
}
