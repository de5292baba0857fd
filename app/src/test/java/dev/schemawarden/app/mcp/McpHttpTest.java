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
  @TempDir static Path tmp;
  private static TestPostgres pg;
  private static String stateUrl;
  private static WardenServer server;
  private static String base;
  private static McpSyncClient agent;

  @BeforeAll
  static void start() throws Exception {
    pg = new TestPostgres();
    stateUrl = pg.newDatabase("mcp_http");
    GitFixture repo = new GitFixture(tmp.resolve("repo"));
    McpStdioTest.copy(Path.of("../examples/pii/base"), repo.dir());
    repo.commit("base");
    ServiceConfig config = ServiceConfig.fromEnv(Map.of(
            "WARDEN_PORT", "0",
            "WARDEN_GITHUB_WEBHOOK_SECRET", "whsec-unused",
            "WARDEN_GITHUB_TOKEN", "ghp-unused",
            "WARDEN_REPO_CACHE", tmp.resolve("cache").toString(),
            "WARDEN_WORKERS", "1",
            McpSettings.REPO_ENV, repo.dir().toString(),
            Agents.FILE_ENV, McpClients.agentsFile(tmp, "claude", TOKEN, "alice").toString()))
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
    return AuditLog.open(pg.dataSource(stateUrl), Clock.systemUTC(), "test").list(AuditQuery.all().withActor(actor));
  }

  @Test
  void an_agent_with_its_bearer_token_calls_a_tool_and_the_call_is_audited_as_that_agent() {
    McpSchema.CallToolResult r = McpClients.call(agent, "get_policy", Map.of());

    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    assertThat(McpClients.text(r)).as("the repository's own policy").contains("acme/privacy");
    assertThat(entries("agent:claude")).as("the same audit chain as stdio")
        .anySatisfy(e -> assertThat(e.field("note").asText()).isEqualTo("get_policy: allowed: policy from"
            + " schemawarden/policy.yml, 0 problem(s)"));
  }

  @Test
  void without_a_token_tools_list_is_answered_and_every_call_refused_and_audited_as_unknown() {
    McpSyncClient anonymous = McpClients.http(base, Optional.empty());
    try {
      assertThat(anonymous.listTools().tools()).extracting(McpSchema.Tool::name).as("a client can show what exists")
          .contains("review_migration", "query_audit");

      McpSchema.CallToolResult r = McpClients.call(anonymous, "get_policy", Map.of());

      assertThat(r.isError()).isTrue();
      assertThat(McpClients.text(r)).isEqualTo("refused: no agent token: send the agent's token as"
          + " Authorization: Bearer TOKEN");
    } finally {
      anonymous.closeGracefully();
    }
    assertThat(entries("agent:unknown")).as("the refusal is in the chain")
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
}
