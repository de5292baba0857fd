package dev.schemawarden.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.server.ServiceConfig;
import dev.schemawarden.app.server.WardenServer;
import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.Reviews;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /mcp} in {@code warden serve}: the SDK's own streamable-HTTP client against the real service on a real
 * state store, identified by its bearer token on every request; the same gateway and audit as stdio.
 */
class McpHttpTest {
  private static final String TOKEN = "agent-token-7d1e-http";
  private static final String OTHER_TOKEN = "agent-token-other-44c2";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final String DROP = "DROP TABLE orders;\n";
  @TempDir static Path tmp;
  private static TestPostgres pg;
  private static String stateUrl;
  private static WardenServer server;
  private static String base;
  private static McpSyncClient agent;
  private static String dropProposal;

  @BeforeAll
  static void start() throws Exception {
    pg = new TestPostgres();
    stateUrl = pg.newDatabase("mcp_http");
    String prod = pg.newDatabase("mcp_http_prod");
    TestPostgres.exec(
        pg.dataSource(prod),
        "CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL)",
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers, total numeric)",
        "CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id))",
        "CREATE VIEW order_totals AS SELECT customer_id, sum(total) FROM orders GROUP BY customer_id",
        "INSERT INTO customers SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 20) g",
        "INSERT INTO orders SELECT g, 1 + g % 20, g FROM generate_series(1, 5000) g",
        "ANALYZE");
    Path snapshot = tmp.resolve("prod-snapshot.json");
    try (java.sql.Connection c = pg.dataSource(prod).getConnection()) {
      dev.schemawarden.drift.api.Snapshots.write(
          dev.schemawarden.drift.api.Snapshots.take(
              c, new dev.schemawarden.drift.api.SnapshotOptions(List.of(), true)),
          snapshot);
    }
    GitFixture repo = new GitFixture(tmp.resolve("repo"));
    McpStdioTest.copy(Path.of("../examples/pii/base"), repo.dir());
    repo.write("CODEOWNERS", "db/ @acme/dba\n");
    java.nio.file.Files.createSymbolicLink(repo.dir().resolve("db/elsewhere"), tmp);
    repo.commit("base");
    Path agents =
        java.nio.file.Files.writeString(
            tmp.resolve("agents.yml"),
            """
        agents:
          - name: claude
            token-sha256: %s
            acts-for: alice
          - name: other
            token-sha256: %s
            acts-for: bob
        """
                .formatted(
                    dev.schemawarden.analyzers.api.Sha256.hex(TOKEN),
                    dev.schemawarden.analyzers.api.Sha256.hex(OTHER_TOKEN)));
    ServiceConfig config =
        ServiceConfig.fromEnv(
                Map.of(
                    "WARDEN_PORT",
                    "0",
                    "WARDEN_GITHUB_WEBHOOK_SECRET",
                    "whsec-unused",
                    "WARDEN_GITHUB_TOKEN",
                    "ghp-unused",
                    "WARDEN_REPO_CACHE",
                    tmp.resolve("cache").toString(),
                    "WARDEN_WORKERS",
                    "1",
                    McpSettings.REPO_ENV,
                    repo.dir().toString(),
                    McpSettings.SNAPSHOT_ENV,
                    snapshot.toString(),
                    Agents.FILE_ENV,
                    agents.toString()))
            .withState(new StateSettings(Optional.of(stateUrl), Path.of("unused"), 8));
    server = WardenServer.start(config, Reviews.service());
    base = "http://127.0.0.1:" + server.port();
    agent = McpClients.http(base, Optional.of(TOKEN));
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.closeGracefully();
    }
    if (server != null) {
      server.stop(java.time.Duration.ofSeconds(1));
    }
    if (pg != null) {
      pg.close();
    }
  }

  private static List<AuditEntry> entries(String actor) {
    return AuditLog.open(pg.dataSource(stateUrl), Clock.systemUTC(), "test")
        .list(AuditQuery.all().withActor(actor));
  }

  @Test
  void an_agent_with_its_bearer_token_calls_a_tool_and_the_call_is_audited_as_that_agent() {
    McpSchema.CallToolResult r = McpClients.call(agent, "get_policy", Map.of());

    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    assertThat(McpClients.text(r)).as("the repository's own policy").contains("acme/privacy");
    assertThat(entries("agent:claude"))
        .as("the same audit chain as stdio")
        .anySatisfy(
            e ->
                assertThat(e.field("note").asText())
                    .isEqualTo(
                        "get_policy: allowed: policy from"
                            + " schemawarden/policy.yml, 0 problem(s)"));
  }

  @Test
  void without_a_token_tools_list_is_answered_and_every_call_refused_and_audited_as_unknown() {
    McpSyncClient anonymous = McpClients.http(base, Optional.empty());
    try {
      assertThat(anonymous.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .as("a client can show what exists")
          .contains("review_migration", "query_audit");

      McpSchema.CallToolResult r = McpClients.call(anonymous, "get_policy", Map.of());

      assertThat(r.isError()).isTrue();
      assertThat(McpClients.text(r))
          .isEqualTo(
              "refused: no agent token: send the agent's token as"
                  + " Authorization: Bearer TOKEN");
    } finally {
      anonymous.closeGracefully();
    }
    assertThat(entries("agent:unknown"))
        .as("the refusal is in the chain")
        .anySatisfy(e -> assertThat(e.event()).isEqualTo(AuditEvent.REFUSED));
  }

  @Test
  void a_wrong_token_is_refused_per_request_even_on_a_session_another_agent_could_share() {
    McpSyncClient impostor = McpClients.http(base, Optional.of("not-" + TOKEN));
    try {
      McpSchema.CallToolResult r = McpClients.call(impostor, "query_audit", Map.of());

      assertThat(r.isError()).isTrue();
      assertThat(McpClients.text(r)).contains("matches no agent").doesNotContain(TOKEN);
    } finally {
      impostor.closeGracefully();
    }
  }

  /** The agent's proposal to drop the hot orders table, made once for the tests that need one. */
  private static synchronized String dropOrders() throws Exception {
    if (dropProposal == null) {
      McpSchema.CallToolResult r =
          McpClients.call(
              agent,
              "propose_migration",
              Map.of("sql", DROP, "path", "db/migration/V3__drop_orders.sql"));
      assertThat(r.isError()).as(McpClients.text(r)).isFalse();
      com.fasterxml.jackson.databind.JsonNode answer = JSON.readTree(McpClients.text(r));
      assertThat(answer.path("status").asText())
          .as("DROP TABLE is irreversible: POL001")
          .isEqualTo("needs_approval");
      assertThat(answer.path("applied").asBoolean()).isFalse();
      assertThat(answer.path("report").path("decision").path("outcome").asText())
          .isEqualTo("needs_approval");
      dropProposal = answer.path("proposal_id").asText();
    }
    return dropProposal;
  }

  private static String refusal(McpSyncClient client, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = McpClients.call(client, tool, args);
    assertThat(r.isError()).as("%s must be refused: %s", tool, McpClients.text(r)).isTrue();
    return McpClients.text(r);
  }

  @Test
  void explain_object_names_the_view_the_foreign_keys_in_and_the_migrations_and_code_owners()
      throws Exception {
    McpSchema.CallToolResult r =
        McpClients.call(agent, "explain_object", Map.of("table", "orders"));

    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    com.fasterxml.jackson.databind.JsonNode o = JSON.readTree(McpClients.text(r));
    assertThat(o.path("dependents").toString()).as("the view reads it").contains("order_totals");
    assertThat(o.path("foreign_keys_in").toString())
        .as("refunds point at it")
        .contains("public.refunds");
    assertThat(o.path("foreign_keys_out").toString()).contains("customers");
    assertThat(o.path("recent_migrations").toString())
        .contains("db/migration/V2__create_orders.sql");
    assertThat(o.path("code_owners").toString()).contains("@acme/dba");
    assertThat(o.path("owners").toString()).as("from the context file").contains("@acme/checkout");
  }

  @Test
  void
      a_drop_table_on_a_hot_table_is_refused_with_the_policy_s_reason_routed_to_a_human_and_audited()
          throws Exception {
    String id = dropOrders();

    String refused = refusal(agent, "request_apply", Map.of("proposal_id", id));

    assertThat(refused)
        .startsWith(
            "refused: request_apply: proposal " + id + " needs_approval, routed to a human:")
        .as("the policy's own reason")
        .contains("POL001");
    McpSchema.CallToolResult status =
        McpClients.call(agent, "get_proposal_status", Map.of("proposal_id", id));
    assertThat(JSON.readTree(McpClients.text(status)).path("status").asText())
        .as("recorded as needing approval")
        .isEqualTo("needs_approval");
    assertThat(entries("agent:claude"))
        .as("audited with the agent as actor")
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo(AuditEvent.REFUSED);
              assertThat(e.field("note").asText())
                  .startsWith(
                      "request_apply: refused: request_apply: proposal " + id + " needs_approval");
            });

    dev.schemawarden.app.testing.Cli.Run self =
        dev.schemawarden.app.testing.Cli.run(
            "proposal", "approve", id, "--as", "alice", "--state-url", stateUrl);
    assertThat(self.exitCode())
        .as("the principal approving their own agent's change: %s", self)
        .isEqualTo(2);
    assertThat(self.err()).contains("separation of duties");
    assertThat(refusal(agent, "request_apply", Map.of("proposal_id", id)))
        .contains("needs_approval");

    dev.schemawarden.app.testing.Cli.Run human =
        dev.schemawarden.app.testing.Cli.run(
            "proposal", "approve", id, "--as", "carol", "--state-url", stateUrl);
    assertThat(human.exitCode()).as(human.toString()).isZero();
    McpSchema.CallToolResult apply =
        McpClients.call(agent, "request_apply", Map.of("proposal_id", id, "sql", DROP));
    assertThat(apply.isError()).as(McpClients.text(apply)).isFalse();
    com.fasterxml.jackson.databind.JsonNode requested = JSON.readTree(McpClients.text(apply));
    assertThat(requested.path("status").asText()).isEqualTo("apply_requested");
    assertThat(requested.path("note").asText())
        .as("never applied by the gateway")
        .contains("nothing was applied");
    assertThat(
            dev.schemawarden.app.testing.Cli.run("audit", "verify", "--state-url", stateUrl)
                .exitCode())
        .as("every step is in one verified chain")
        .isZero();
    dev.schemawarden.app.testing.Cli.Run csv =
        dev.schemawarden.app.testing.Cli.run(
            "audit",
            "export",
            "--format",
            "csv",
            "--actor",
            "agent:claude",
            "--state-url",
            stateUrl);
    assertThat(csv.out())
        .as("the CSV names who acted")
        .startsWith("seq,time,event,")
        .contains(",actor\n")
        .contains("request_apply: refused")
        .contains(",agent:claude\n");
  }

  @Test
  void sql_other_than_what_was_reviewed_another_agent_s_id_and_self_approval_arguments_are_refused()
      throws Exception {
    String id = dropOrders();

    assertThat(
            refusal(
                agent,
                "request_apply",
                Map.of("proposal_id", id, "sql", "DROP TABLE customers;\n")))
        .contains("this SQL is not what proposal " + id + " reviewed");
    McpSyncClient other = McpClients.http(base, Optional.of(OTHER_TOKEN));
    try {
      assertThat(refusal(other, "request_apply", Map.of("proposal_id", id)))
          .as("bob's agent cannot use claude's proposal")
          .contains("agent other has no proposal " + id);
      assertThat(refusal(other, "get_proposal_status", Map.of("proposal_id", id)))
          .contains("has no proposal");
    } finally {
      other.closeGracefully();
    }
    assertThat(refusal(agent, "request_apply", Map.of("proposal_id", id, "approved_by", "carol")))
        .as("an agent cannot hand itself an approval")
        .contains("takes no argument [approved_by]");
    assertThat(
            refusal(
                agent, "propose_migration", Map.of("sql", "SELECT 1;", "path", "../outside.sql")))
        .contains("is not a new .sql file");
    assertThat(
            refusal(
                agent,
                "propose_migration",
                Map.of("sql", "SELECT 1;", "path", ".schemawarden.yml")))
        .as("a proposal cannot rewrite the policy or config")
        .contains("is not a new .sql file");
    assertThat(
            refusal(
                agent,
                "propose_migration",
                Map.of("sql", "SELECT 1;", "path", "db/migration/V1__create_customers.sql")))
        .contains("already exists");
    assertThat(
            refusal(
                agent,
                "propose_migration",
                Map.of("sql", "SELECT 1;", "path", "db/elsewhere/V9__x.sql")))
        .as("a directory link out of the repository is never written through")
        .contains("db/elsewhere/V9__x.sql")
        .doesNotContain(tmp.toString());
    assertThat(java.nio.file.Files.exists(tmp.resolve("V9__x.sql"))).isFalse();
    assertThat(entries("agent:other"))
        .as("each refusal audited with its own agent")
        .allSatisfy(e -> assertThat(e.event()).isEqualTo(AuditEvent.REFUSED))
        .hasSizeGreaterThanOrEqualTo(2);
  }
}
