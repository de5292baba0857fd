package dev.schemawarden.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.testing.Reviews;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run_readonly_query} through the gateway against a real PostgreSQL: the allow-list, the SELECT-only role and
 * the read-only transaction with its timeout and row cap, each shown doing its part; every refusal audited.
 */
class ReadonlyQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  private static TestPostgres pg;
  private static String shopUrl;
  private static AuditLog audit;
  private static McpGateway gateway;
  private static Agents agents;

  @BeforeAll
  static void start() throws Exception {
    pg = new TestPostgres();
    shopUrl = pg.newDatabase("ro_shop");
    TestPostgres.exec(
        pg.dataSource(shopUrl),
        "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)",
        "INSERT INTO orders SELECT g, g FROM generate_series(1, 50) g",
        "CREATE SEQUENCE order_ids",
        "CREATE TABLE customers (id bigint PRIMARY KEY, email text, name text)",
        "INSERT INTO customers VALUES (1, 'ann@example.com', 'Ann'), (2, NULL, 'Bob')",

        // a write hidden in a function the deny list does not know: only the read-only transaction
        // stops it
        "CREATE FUNCTION bump() RETURNS bigint LANGUAGE sql AS 'INSERT INTO orders VALUES (999, 0) RETURNING id'",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "CREATE ROLE agent_ro LOGIN",
        "GRANT SELECT ON orders TO agent_ro",
        "GRANT SELECT ON customers TO agent_ro");
    // The repository's context file tags customers.email as PII, as describe_schema reads it.
    java.nio.file.Files.writeString(
        tmp.resolve(".schemawarden.yml"), "engine: postgres\ncontext: context.yml\n");
    java.nio.file.Files.writeString(
        tmp.resolve("context.yml"),
        """
        version: 1
        objects:
          - match: public.customers.email
            tags: [pii]
        """);
    audit = AuditLog.open(pg.dataSource(pg.newDatabase("ro_state")), Clock.systemUTC(), "test");
    agents =
        Agents.parse(
            "agents.yml",
            """
        agents:
          - name: analyst
            token-sha256: %s
            acts-for: alice
            readonly-query: {url-env: SHOP_RO_URL, timeout: 1s, max-rows: 10}
          - name: writer
            token-sha256: %s
            acts-for: bob
            readonly-query: {url-env: SHOP_OWNER_URL}
          - name: plain
            token-sha256: %s
            acts-for: carol
          - name: privacy
            token-sha256: %s
            acts-for: priya
            readonly-query: {url-env: SHOP_RO_URL, allow-pii: true}
        """
                .formatted(
                    Sha256.hex("t-analyst"),
                    Sha256.hex("t-writer"),
                    Sha256.hex("t-plain"),
                    Sha256.hex("t-privacy")));
    Map<String, String> env =
        Map.of(
            "SHOP_RO_URL",
            shopUrl.replace("user=postgres", "user=agent_ro"),
            "SHOP_OWNER_URL",
            shopUrl);
    WardenTools tools =
        new WardenTools(
            Reviews.staticOnly(Main.defaultComponents()),
            null,
            tmp,
            Optional.empty(),
            () -> audit,
            () -> null,
            env);
    gateway =
        new McpGateway(
            tools, () -> audit, "shop", new EnvironmentSecrets(env), McpServe.MAX_MESSAGE_BYTES);
  }

  @AfterAll
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  private static McpSchema.CallToolResult query(String token, String sql) {
    return gateway.call(
        agents.identify(Optional.of(token)), "run_readonly_query", Map.of("sql", sql));
  }

  private static String refused(String sql) {
    McpSchema.CallToolResult r = query("t-analyst", sql);
    assertThat(r.isError()).as("must be refused: %s -> %s", sql, McpClients.text(r)).isTrue();
    return McpClients.text(r);
  }

  @Test
  void a_select_runs_and_is_cut_at_the_row_cap() throws Exception {
    McpSchema.CallToolResult r = query("t-analyst", "SELECT id, total FROM orders ORDER BY id");

    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    JsonNode out = JSON.readTree(McpClients.text(r));
    assertThat(out.path("rows").size()).isEqualTo(10);
    assertThat(out.path("truncated").asBoolean()).as("50 rows, max-rows 10").isTrue();
  }

  @Test
  void pii_columns_are_masked_for_an_agent_without_allow_pii_select_star_and_expressions_included()
      throws Exception {
    JsonNode star =
        JSON.readTree(McpClients.text(query("t-analyst", "SELECT * FROM customers ORDER BY id")));
    assertThat(star.path("rows").toString())
        .as("the tagged column is masked, null included; the others are not")
        .isEqualTo("[[\"1\",\"***\",\"Ann\"],[\"2\",\"***\",\"Bob\"]]");
    assertThat(star.path("masked_columns").toString()).isEqualTo("[\"email\"]");

    for (String sneaky :
        java.util.List.of(
            "SELECT c.email AS contact FROM customers c",
            "SELECT upper(email) FROM customers",
            "SELECT row_to_json(c) FROM customers c",
            "SELECT x FROM (SELECT email AS x FROM \"customers\") s",
            "SELECT (SELECT max(email) FROM customers) FROM orders")) {
      String text = McpClients.text(query("t-analyst", sneaky));
      assertThat(text)
          .as("%s: an alias, an expression or a subquery does not unmask it", sneaky)
          .doesNotContain("ann@example.com")
          .contains("***");
    }
    assertThat(McpClients.text(query("t-analyst", "SELECT id, total FROM orders WHERE id = 1")))
        .as("a table without PII is not masked")
        .doesNotContain("***")
        .contains("\"1\"");
    assertThat(McpClients.text(query("t-analyst", "EXPLAIN SELECT email FROM customers")))
        .as("a plan holds no stored value")
        .contains("Seq Scan")
        .doesNotContain("***");
  }

  @Test
  void an_agent_with_allow_pii_sees_pii_columns_as_they_are() throws Exception {
    JsonNode out =
        JSON.readTree(
            McpClients.text(query("t-privacy", "SELECT email FROM customers ORDER BY id")));

    assertThat(out.path("rows").toString())
        .as("allow-pii: true")
        .isEqualTo("[[\"ann@example.com\"],[null]]");
    assertThat(out.has("masked_columns")).isFalse();
  }

  @Test
  void statements_that_write_or_smuggle_a_second_statement_are_refused_before_the_database() {
    assertThat(refused("DELETE FROM orders")).contains("not a SELECT");
    assertThat(refused("SET TRANSACTION READ WRITE"))
        .contains("refused before it reached the database");
    assertThat(refused("COMMIT; DELETE FROM orders")).contains("2 statements");
    assertThat(refused("SELECT 1; DELETE FROM orders")).contains("2 statements");
    assertThat(refused("/* read only */ SELECT 1 /* ; */; -- x\nDELETE FROM orders"))
        .contains("2 statements");
    assertThat(refused("WITH d AS (DELETE FROM orders RETURNING id) SELECT * FROM d"))
        .contains("DELETE");
    assertThat(refused("DO $$ BEGIN DELETE FROM orders; END $$"))
        .contains("refused before it reached");
    assertThat(refused("COPY orders TO '/tmp/orders.csv'")).contains("refused before it reached");
    assertThat(refused("EXPLAIN ANALYZE SELECT * FROM orders")).contains("ANALYZE");
    assertThat(refused("SELECT * FROM orders FOR UPDATE")).contains("FOR UPDATE");
  }

  @Test
  void functions_on_the_deny_list_are_refused() {
    assertThat(refused("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"))
        .contains("pg_terminate_backend");
    assertThat(refused("SELECT set_config('default_transaction_read_only', 'off', false)"))
        .contains("set_config");
    assertThat(refused("SELECT nextval('order_ids')")).contains("nextval");
    assertThat(refused("SELECT * FROM dblink('host=x', 'DELETE FROM orders') AS t(x int)"))
        .contains("dblink");
    assertThat(refused("SELECT pg_catalog.lo_import('/etc/passwd')")).contains("lo_import");
  }

  @Test
  void a_write_the_parser_cannot_see_is_stopped_by_the_read_only_transaction() {
    String text = refused("SELECT bump()");

    assertThat(text).contains("read-only transaction");
    assertThat(count()).as("nothing was written").isEqualTo(50);
  }

  @Test
  void a_long_query_is_cut_by_the_statement_timeout() {
    long started = System.nanoTime();
    String text = refused("SELECT pg_sleep(20)");

    assertThat(text).contains("statement timeout");
    assertThat((System.nanoTime() - started) / 1_000_000).as("cut at 1 s").isLessThan(10_000);
  }

  @Test
  void a_role_that_can_write_is_never_used_and_an_agent_without_readonly_query_is_refused() {
    McpSchema.CallToolResult writer = query("t-writer", "SELECT 1");
    assertThat(writer.isError()).isTrue();
    assertThat(McpClients.text(writer))
        .contains("can write or create something")
        .doesNotContain("jdbc:");

    McpSchema.CallToolResult plain = query("t-plain", "SELECT 1");
    assertThat(McpClients.text(plain)).contains("has no readonly-query in the agents file");
    assertThat(audit.list(AuditQuery.all().withActor("agent:writer")))
        .as("audited")
        .allSatisfy(e -> assertThat(e.event()).isEqualTo(AuditEvent.REFUSED))
        .isNotEmpty();
  }

  private static long count() {
    try (var c = pg.dataSource(shopUrl).getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM orders")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
