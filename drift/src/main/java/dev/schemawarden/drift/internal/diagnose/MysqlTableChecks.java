package dev.schemawarden.drift.internal.diagnose;

import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import dev.schemawarden.drift.api.ProposedFix;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** DG107 InnoDB tables without a primary key and DG106 AUTO_INCREMENT columns past a fraction of their range. */
final class MysqlTableChecks {
  /** STATISTICS, not TABLE_CONSTRAINTS: MariaDB shows a role with SELECT only no constraints at all. */
  private static final String WITHOUT_PRIMARY_KEY =
      """
      SELECT t.TABLE_NAME, coalesce(t.DATA_LENGTH, 0) + coalesce(t.INDEX_LENGTH, 0) AS bytes,
             coalesce(t.TABLE_ROWS, 0) AS table_rows
        FROM information_schema.TABLES t
       WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND t.ENGINE = 'InnoDB'
         AND NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS k WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA
                           AND k.TABLE_NAME = t.TABLE_NAME AND k.INDEX_NAME = 'PRIMARY')
       ORDER BY t.TABLE_NAME
      """;

  /** Unique indexes and whether each of their columns is NOT NULL and whole (no prefix length). */
  private static final String UNIQUE_INDEXES =
      """
      SELECT s.TABLE_NAME, s.INDEX_NAME, s.COLUMN_NAME,
             s.COLUMN_NAME IS NOT NULL AND s.SUB_PART IS NULL AND c.IS_NULLABLE = 'NO' AS usable
        FROM information_schema.STATISTICS s
        LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME
             AND c.COLUMN_NAME = s.COLUMN_NAME
       WHERE s.TABLE_SCHEMA = DATABASE() AND s.NON_UNIQUE = 0
       ORDER BY s.TABLE_NAME, s.INDEX_NAME, s.SEQ_IN_INDEX
      """;

  private static final String AUTO_INCREMENTS =
      """
      SELECT t.TABLE_NAME, t.AUTO_INCREMENT, c.COLUMN_NAME, lower(c.DATA_TYPE) AS data_type,
             lower(c.COLUMN_TYPE) AS column_type, c.IS_NULLABLE
        FROM information_schema.TABLES t
        JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
             AND lower(c.EXTRA) LIKE '%auto_increment%'
       WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND t.AUTO_INCREMENT IS NOT NULL
       ORDER BY t.TABLE_NAME
      """;
  private static final Map<String, BigDecimal> SIGNED_MAX =
      Map.of(
          "tinyint",
          BigDecimal.valueOf(127),
          "smallint",
          BigDecimal.valueOf(32_767),
          "mediumint",
          BigDecimal.valueOf(8_388_607),
          "int",
          BigDecimal.valueOf(2_147_483_647L),
          "bigint",
          BigDecimal.valueOf(Long.MAX_VALUE));

  private MysqlTableChecks() {}

  static void primaryKeys(Pass pass) throws SQLException {
    record Row(String table, long bytes, long rows) {}
    List<Row> rows =
        pass.db.rows(
            WITHOUT_PRIMARY_KEY, rs -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    if (rows.isEmpty()) {
      return;
    }
    // The first unique index on NOT NULL whole columns: InnoDB already clusters on it, and it can
    // become the key.
    record Part(String table, String index, String column, boolean usable) {}
    Map<String, List<Part>> unique = new LinkedHashMap<>();
    for (Part p :
        pass.db.rows(
            UNIQUE_INDEXES,
            rs -> new Part(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))) {
      unique.computeIfAbsent(p.table + "\u0000" + p.index, k -> new ArrayList<>()).add(p);
    }
    for (Row r : rows) {
      Optional<List<Part>> candidate =
          unique.values().stream()
              .filter(
                  parts ->
                      parts.get(0).table.equals(r.table) && parts.stream().allMatch(Part::usable))
              .findFirst();
      String shown = MysqlFixes.show(pass.database, r.table);
      String table = MysqlFixes.sql(pass.database, r.table);
      Optional<ProposedFix> fix =
          candidate.map(
              parts ->
                  new ProposedFix(
                      "make the unique index on NOT NULL" + " columns the primary key, online",
                      ProposedFix.Kind.MIGRATION,
                      MysqlFixes.LOCK_WAIT
                          + "ALTER TABLE "
                          + table
                          + " ADD PRIMARY KEY ("
                          + String.join(
                              ", ", parts.stream().map(p -> MysqlFixes.q(p.column)).toList())
                          + ")"
                          + MysqlFixes.ONLINE
                          + ";\n",
                      // Only a table copy drops a primary key without adding another.
                      Optional.of(
                          MysqlFixes.LOCK_WAIT
                              + "ALTER TABLE "
                              + table
                              + " DROP PRIMARY KEY, ALGORITHM=COPY,"
                              + " LOCK=SHARED;\n"),
                      false,
                      Optional.empty()));
      String clustered =
          candidate
              .map(
                  parts ->
                      "InnoDB clusters it on unique index "
                          + MysqlFixes.show(parts.get(0).index)
                          + " instead")
              .orElse(
                  "InnoDB clusters it on a hidden 6-byte row id drawn from one counter shared by every such table");
      pass.problems.add(
          new Problem(
              "DG107",
              r.bytes >= pass.settings.largeTableBytes() ? Severity.WARNING : Severity.INFO,
              shown,
              "table "
                  + shown
                  + " has no primary key: "
                  + clustered
                  + "; with row-based"
                  + " replication each UPDATE or DELETE of it makes a replica search the table for the row"
                  + (fix.isPresent()
                      ? ""
                      : "; no unique index on NOT NULL columns can become the key: choose one by hand"
                          + " (adding an AUTO_INCREMENT column blocks writes while the table is rebuilt, and gh-ost and"
                          + " pt-online-schema-change need a unique key to start from)"),
              List.of(
                  new Measure("table_bytes", r.bytes, "bytes"),
                  new Measure("rows", r.rows, "count")),
              fix));
    }
  }

  static void autoIncrements(Pass pass) throws SQLException {
    record Row(
        String table,
        BigDecimal next,
        String column,
        String dataType,
        String columnType,
        boolean nullable) {}
    List<Row> rows =
        pass.db.rows(
            AUTO_INCREMENTS,
            rs ->
                new Row(
                    rs.getString(1),
                    rs.getBigDecimal(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    "YES".equals(rs.getString(6))));
    for (Row r : rows) {
      BigDecimal signedMax = SIGNED_MAX.get(r.dataType);
      if (signedMax == null || r.next == null) {
        continue;
      }
      boolean unsigned = r.columnType.contains("unsigned");
      BigDecimal max =
          unsigned ? signedMax.multiply(BigDecimal.valueOf(2)).add(BigDecimal.ONE) : signedMax;
      BigDecimal last = r.next.subtract(BigDecimal.ONE).max(BigDecimal.ZERO);
      double used = last.doubleValue() / max.doubleValue();
      if (used < pass.settings.sequenceWarning()) {
        continue;
      }
      String shown = MysqlFixes.show(pass.database, r.table, r.column);
      pass.problems.add(
          new Problem(
              "DG106",
              used >= pass.settings.sequenceError() ? Severity.ERROR : Severity.WARNING,
              shown,
              "AUTO_INCREMENT column "
                  + shown
                  + " ("
                  + Names.escape(r.columnType)
                  + ") has used "
                  + Math.round(used * 1000) / 10.0
                  + "% of its range: inserts fail once it reaches "
                  + max.toPlainString(),
              List.of(
                  new Measure("last_value", last.doubleValue(), "count"),
                  new Measure("max_value", max.doubleValue(), "count"),
                  new Measure("used_fraction", used, "fraction"),
                  new Measure("remaining", max.subtract(last).doubleValue(), "count")),
              widen(pass, r.table, r.column, r.dataType, r.columnType, unsigned, r.nullable)));
    }
  }

  /** bigint (unsigned when it was), through an online schema-change tool: a type change copies the table. */
  private static Optional<ProposedFix> widen(
      Pass pass,
      String table,
      String column,
      String dataType,
      String columnType,
      boolean unsigned,
      boolean nullable) {
    if (dataType.equals("bigint") && unsigned) {
      return Optional.empty();
    }
    String wider =
        dataType.equals("bigint") ? "BIGINT UNSIGNED" : unsigned ? "BIGINT UNSIGNED" : "BIGINT";
    String tail = (nullable ? " NULL" : " NOT NULL") + " AUTO_INCREMENT";
    // COLUMN_TYPE of an integer is words, digits and parentheses; anything else is not restated.
    String original =
        columnType.matches("[a-z0-9() ]+")
            ? columnType.toUpperCase(Locale.ROOT)
            : dataType.toUpperCase(Locale.ROOT) + (unsigned ? " UNSIGNED" : "");
    return Optional.of(
        MysqlFixes.onlineTool(
            "widen the column to "
                + wider.toLowerCase(Locale.ROOT)
                + " with an online schema-change tool",
            pass.database,
            table,
            "MODIFY COLUMN " + MysqlFixes.q(column) + " " + wider + tail,
            "MODIFY COLUMN " + MysqlFixes.q(column) + " " + original + tail,
            "changing a column's type needs ALGORITHM=COPY (widen every foreign key column that references it too,"
                + " and restate the column's COMMENT if it has one)"));
  }
}
