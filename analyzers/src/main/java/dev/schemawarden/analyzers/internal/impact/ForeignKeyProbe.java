package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.TraceAnalysis.ForeignKeyGap;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads foreign keys from the catalog and tells those whose referencing columns are not the leading columns of
 * any valid, complete index on the referencing table (column order within the leading set does not matter). A
 * partial index does not count: a DELETE on the referenced table must find every referencing row (Eugene E15).
 * Table and column names come back quoted as SQL needs them ({@code %I}): the pull request chose them, and TR106
 * puts them into the CREATE INDEX it suggests.
 */
public final class ForeignKeyProbe {

  private static final String FOREIGN_KEYS =
      """
      SELECT c.conname, format('%I.%I', n.nspname, t.relname) AS tbl,
             format('%I.%I', rn.nspname, r.relname) AS ref,
             ARRAY(SELECT quote_ident(a.attname) FROM unnest(c.conkey) k JOIN pg_attribute a
                     ON a.attrelid = c.conrelid AND a.attnum = k ORDER BY array_position(c.conkey, k)) AS cols,
             EXISTS (SELECT 1 FROM pg_index i
                      WHERE i.indrelid = c.conrelid AND i.indisvalid AND i.indpred IS NULL
                        AND (SELECT bool_and(k = ANY ((string_to_array(i.indkey::text, ' ')::int2[])
                                                         [1:cardinality(c.conkey)]))
                               FROM unnest(c.conkey) k)) AS covered
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_class r ON r.oid = c.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
       WHERE c.contype = 'f' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 2, 1
      """;

  private ForeignKeyProbe() {}

  public static Set<String> all(Connection c) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    for (Row r : rows(c)) {
      out.add(r.table + "." + r.name);
    }
    return Set.copyOf(out);
  }

  public static List<ForeignKeyGap> uncovered(Connection c, Set<String> ignore)
      throws SQLException {
    List<ForeignKeyGap> out = new ArrayList<>();
    for (Row r : rows(c)) {
      if (!r.covered && !ignore.contains(r.table + "." + r.name)) {
        out.add(new ForeignKeyGap(r.name, r.table, r.columns, r.referenced));
      }
    }
    return List.copyOf(out);
  }

  private record Row(
      String name, String table, String referenced, List<String> columns, boolean covered) {}

  private static List<Row> rows(Connection c) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(FOREIGN_KEYS)) {
      while (rs.next()) {
        Array cols = rs.getArray("cols");
        out.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Arrays.asList((String[]) cols.getArray()),
                rs.getBoolean("covered")));
      }
    }
    return out;
  }
}
