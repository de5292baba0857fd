package dev.schemawarden.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.TestPostgres;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed: a client without {@code WARDEN_AGENT_TOKEN} (a child {@code warden mcp}) sees what exists, and every
 * call is refused and audited; a known agent calling a tool outside its {@code tools:} likewise (in process).
 */
class McpRefusalTest {
  @TempDir static Path tmp;
  private static TestPostgres pg;
  private static String stateUrl;
  private static McpSyncClient client;

  @BeforeAll
  static void start() throws Exception {
    pg = new TestPostgres();
    stateUrl = pg.newDatabase("mcp_anon");
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    // The agents file exists; this client just has no token (the test JVM has no
    // WARDEN_AGENT_TOKEN).
    client =
        McpClients.start(
            Map.of(),
            "--repo",
            repo.toString(),
            "--state-url",
            stateUrl,
            "--agents",
            McpClients.agentsFile(tmp, "claude", "a-token-nobody-sends", "alice").toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.closeGracefully();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void initialize_and_tools_list_are_answered_so_a_client_can_show_what_exists() {
    assertThat(client.listTools().tools())
        .extracting(McpSchema.Tool::name)
        .contains("review_migration", "query_audit");
  }

  @Test
  void a_known_agent_calling_a_tool_outside_its_tools_is_refused_with_the_reason_and_audited()
      throws Exception {
    Agents agents =
        Agents.parse(
            "agents.yml",
            """
        agents:
          - name: reviewer
            token-sha256: %s
            acts-for: bob
            tools: [get_policy]
        """
                .formatted(dev.schemawarden.analyzers.api.Sha256.hex("tok-r")));
    AuditLog log = AuditLog.open(pg.dataSource(stateUrl), Clock.systemUTC(), "test");
    // No tool may run for this call: nothing but the gateway's own checks is wired.
    McpGateway gateway =
        new McpGateway(
            null, () -> log, "repo", new EnvironmentSecrets(Map.of()), McpServe.MAX_MESSAGE_BYTES);

    McpSchema.CallToolResult r =
        gateway.call(agents.identify(java.util.Optional.of("tok-r")), "query_audit", Map.of());

    assertThat(r.isError()).isTrue();
    assertThat(McpClients.text(r))
        .isEqualTo(
            "refused: agent reviewer may not call query_audit: its tools are"
                + " [get_policy] (the agents file's tools:)");
    List<AuditEntry> entries = log.list(AuditQuery.all().withActor("agent:reviewer"));
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).event()).isEqualTo(AuditEvent.REFUSED);
    assertThat(entries.get(0).field("author").asText())
        .as("the principal it acts for")
        .isEqualTo("bob");
  }

  @Test
  void every_tool_call_is_refused_with_the_reason_and_audited_as_an_unknown_agent() {
    for (String tool : WardenTools.NAMES) {
      McpSchema.CallToolResult r =
          McpClients.call(client, tool, Map.of("sql", "DROP TABLE orders;"));

      assertThat(r.isError()).as(tool).isTrue();
      assertThat(McpClients.text(r))
          .as(tool)
          .isEqualTo(
              "refused: no agent token: set WARDEN_AGENT_TOKEN in the"
                  + " agent's MCP server configuration");
    }
    List<AuditEntry> entries =
        AuditLog.open(pg.dataSource(stateUrl), Clock.systemUTC(), "test")
            .list(AuditQuery.all().withActor("agent:unknown"));
    assertThat(entries)
        .as("each refusal is in the chain")
        .hasSizeGreaterThanOrEqualTo(WardenTools.NAMES.size())
        .allSatisfy(e -> assertThat(e.event()).isEqualTo(AuditEvent.REFUSED));
  }
}
