package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.policy.api.SchemaContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * {@code run_readonly_query}, off unless the agents file gives the agent {@code readonly-query:}. Three layers, each
 * enough on its own for what it covers: {@link ReadonlySql} allows one SELECT; the connection's role must hold no
 * write privilege at all (checked before every query, else refused); and the query runs in a {@code READ ONLY}
 * transaction with {@code statement_timeout}, a row cap, as a prepared statement (PostgreSQL refuses a second command
 * in one), and is rolled back.
 */
final class ReadonlyQuery {
  /** Tables, sequences and schemas the role could write or create in: a SELECT-only role has none. */
  private static final String WRITE_PRIVILEGES =
      """
      SELECT (SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles
              WHERE rolname = current_user)
          OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                AND (pg_has_role(c.relowner, 'USAGE')
                  OR has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE')
                  OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE')))
          OR EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
              AND has_schema_privilege(n.oid, 'CREATE'))""";

  /** A cell longer than this is cut: the answer stays readable and bounded. */
  private static final int MAX_CELL_CHARS = 2_000;

  private ReadonlyQuery() {}

  /** What a masked cell reads. */
  static final String MASK = "***";

  /**
   * Runs {@code sql} for {@code agent}.
   *
   * @param context tags from the context file (and the snapshot's {@code @pii} comments): asked only when the agent
   *     has no {@code allow-pii}, and only after the statement passed the allow-list
   */
  static ObjectNode run(
      Agents.Agent agent,
      Map<String, String> env,
      String sql,
      java.util.function.Supplier<SchemaContext> context) {
    Agents.ReadonlyAccess access =
        agent
            .readonlyQuery()
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.INPUT,
                        WardenTools.QUERY
                            + ": agent "
                            + agent.name()
                            + " has no readonly-query in the agents file: an operator"
                            + " enables it per agent (docs/mcp.md)"));
    net.sf.jsqlparser.statement.Statement statement = ReadonlySql.check(sql);
    Optional<PiiMask> mask =
        access.allowPii() ? Optional.empty() : Optional.of(new PiiMask(context.get(), statement));
    String url =
        Optional.ofNullable(env.get(access.urlEnv()))
            .filter(u -> u.startsWith("jdbc:postgresql:"))
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        WardenTools.QUERY
                            + ": "
                            + access.urlEnv()
                            + " holds no PostgreSQL JDBC URL in warden's environment: the operator sets it (docs/mcp.md)"));
    java.util.Properties bounds = new java.util.Properties();
    // Bounded from this side too: a server that hangs or ignores statement_timeout cannot hold the
    // call.
    bounds.setProperty("connectTimeout", "10");
    bounds.setProperty("socketTimeout", String.valueOf(access.timeout().toSeconds() + 10));
    try (Connection c = DriverManager.getConnection(url, bounds)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION READ ONLY");
        s.execute("SET LOCAL statement_timeout = " + access.timeout().toMillis());
        try (ResultSet rs = s.executeQuery(WRITE_PRIVILEGES)) {
          rs.next();
          if (rs.getBoolean(1)) {
            throw new WardenException(
                ErrorCode.CONFIG,
                WardenTools.QUERY
                    + ": the role of "
                    + access.urlEnv()
                    + " can write or create something: not used; give run_readonly_query a role with SELECT grants"
                    + " only (docs/mcp.md)");
          }
        }
      }
      try (PreparedStatement q = c.prepareStatement(sql)) {
        q.setMaxRows(access.maxRows() + 1);
        q.setFetchSize(Math.min(access.maxRows() + 1, 1_000));
        try (ResultSet rs = q.executeQuery()) {
          return rows(rs, access.maxRows(), mask);
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      // PostgreSQL's own refusal (read-only transaction, permission, timeout) is the answer; never
      // the URL.
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.QUERY
              + ": PostgreSQL refused or stopped it: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + " (SQLSTATE "
              + e.getSQLState()
              + ")");
    }
  }

  private static ObjectNode rows(ResultSet rs, int maxRows, Optional<PiiMask> mask)
      throws SQLException {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ResultSetMetaData md = rs.getMetaData();
    ArrayNode columns = out.putArray("columns");
    boolean[] masked = new boolean[md.getColumnCount() + 1];
    ArrayNode maskedNames = JsonNodeFactory.instance.arrayNode();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      columns.add(md.getColumnLabel(i));
      masked[i] = mask.isPresent() && mask.get().masks(md, i);
      if (masked[i]) {
        maskedNames.add(md.getColumnLabel(i));
      }
    }
    ArrayNode rows = out.putArray("rows");
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      ArrayNode row = rows.addArray();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String v = rs.getString(i);
        if (masked[i]) {
          row.add(
              MASK); // null too: whether a PII value is missing is itself a fact about the person
        } else if (v == null) {
          row.addNull();
        } else {
          row.add(v.length() > MAX_CELL_CHARS ? v.substring(0, MAX_CELL_CHARS) + "…" : v);
        }
      }
    }
    out.put("row_count", rows.size());
    out.put("truncated", truncated);
    out.put("max_rows", maxRows);
    if (!maskedNames.isEmpty()) {
      out.set("masked_columns", maskedNames);
    }
    return out;
  }
}
