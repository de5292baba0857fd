package dev.schemawarden.app.mcp;

import dev.schemawarden.policy.api.SchemaContext;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;
import org.postgresql.PGResultSetMetaData;

/**
 * Which columns of a {@code run_readonly_query} result an agent without {@code allow-pii} sees masked: a column
 * PostgreSQL traces to a table column tagged {@code pii} (the context file, the snapshot's {@code @pii} comments;
 * a column of a table tagged {@code pii} too), and, failing closed, every computed column ({@code upper(email)},
 * {@code row_to_json(c)}, {@code count(*)}) of a statement that reads a table holding a PII column, since nothing
 * says which columns fed it. Tags are read as {@code describe_schema} reads them ({@link SchemaContext}).
 */
final class PiiMask {
  private static final String PII = "pii";

  private final SchemaContext context;

  /** The statement reads a table that holds a PII column (or is tagged so). */
  private final boolean readsPii;

  PiiMask(SchemaContext context, Statement statement) {
    this.context = context;
    Set<String> tables =
        new TablesNamesFinder<Void>()
            .getTables(statement).stream().map(PiiMask::qualified).collect(Collectors.toSet());
    // EXPLAIN without ANALYZE (the only EXPLAIN allowed) reads no row: its plan holds no stored
    // value.
    this.readsPii =
        !(statement instanceof net.sf.jsqlparser.statement.ExplainStatement)
            && tables.stream().anyMatch(this::pii);
  }

  /** True when column {@code i} of the result must be masked. */
  boolean masks(ResultSetMetaData md, int i) throws SQLException {
    PGResultSetMetaData pg = md.unwrap(PGResultSetMetaData.class);
    String table = pg.getBaseTableName(i);
    if (table == null || table.isEmpty()) {
      return readsPii;
    }
    String schema = pg.getBaseSchemaName(i);
    String relation = (schema == null || schema.isEmpty() ? "public" : schema) + "." + table;
    return pii(
        relation + "." + pg.getBaseColumnName(i)); // a column carries its table's and schema's tags
  }

  private boolean pii(String object) {
    return context.describe(object).tags().contains(PII);
  }

  /** {@code customers}, {@code "Shop".orders}: as the context names them, {@code schema.table}, unquoted. */
  private static String qualified(String name) {
    String[] parts = name.split("\\.");
    StringBuilder out = new StringBuilder();
    for (int i = Math.max(0, parts.length - 2); i < parts.length; i++) {
      String p = parts[i];
      out.append(out.length() == 0 ? "" : ".")
          .append(
              p.startsWith("\"") && p.endsWith("\"") && p.length() > 1
                  ? p.substring(1, p.length() - 1)
                  : p.toLowerCase(Locale.ROOT));
    }
    return parts.length == 1 ? "public." + out : out.toString();
  }
}
