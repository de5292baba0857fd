package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.report.ToolInfo;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The MCP server over stdio on the official SDK: the tools' names, descriptions and input schemas, each call
 * handed to the {@link McpGateway}. Runs until the client closes stdin.
 */
public final class McpServe {
  /** The longest message read; a longer one is refused by {@link BoundedLines} with its size. */
  public static final int MAX_MESSAGE_BYTES = 4 << 20;

  /**
   * warden declares no output schemas, so there is nothing to validate; the SDK's default validator is left out
   * (its JSON Schema library clashes with the project's, see the root pom.xml).
   */
  public static final JsonSchemaValidator NO_OUTPUT_SCHEMAS = (schema, content) ->
      schema == null || schema.isEmpty() ? JsonSchemaValidator.ValidationResponse.asValid(null)
          : JsonSchemaValidator.ValidationResponse.asInvalid("warden declares no output schemas");

  private McpServe() {}

  /** The SDK's JSON mapper on the project's Jackson. */
  public static McpJsonMapper jsonMapper() {
    return new JacksonMcpJsonMapper(new ObjectMapper());
  }

  /** Serves {@code gateway}'s tools on {@code in}/{@code out} until {@code in} ends. */
  static void run(McpGateway gateway, InputStream in, OutputStream out) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    McpJsonMapper mapper = jsonMapper();
    InputStream bounded = new BoundedLines(in, MAX_MESSAGE_BYTES, closed::countDown);
    // Lines reaching the SDK are never longer than MAX_MESSAGE_BYTES: its own limit is only a backstop.
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(mapper, bounded, out, MAX_MESSAGE_BYTES + 1024);
    McpSyncServer server = McpServer.sync(transport)
        .serverInfo(ToolInfo.NAME, ToolInfo.current().version())
        .jsonMapper(mapper)
        .jsonSchemaValidator(NO_OUTPUT_SCHEMAS)
        // The gateway checks the arguments itself (WardenTools.ARGUMENTS): a call the SDK refused on its own would
        // never reach the audit log.
        .validateToolInputs(false)
        .instructions("Schema Warden reviews database migrations. Every call is checked against your agent token"
            + " and recorded in an audit log; a refusal says why. Nothing here returns credentials.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(specs(gateway, mapper))
        .build();
    try {
      closed.await();
      // A review may still be running: let it finish and be audited before the store closes under it.
      gateway.awaitIdle(java.time.Duration.ofMinutes(2));
    } finally {
      server.closeGracefully();
    }
  }

  private static List<SyncToolSpecification> specs(McpGateway gateway, McpJsonMapper mapper) {
    return List.of(
        spec(gateway, mapper, WardenTools.REVIEW, "Review a migration the way a DBA would: sql (text: static rules"
            + " and predicted locks), files (paths in the repository: the same, as one ordered change) or base (a"
            + " git ref: the full review of the repository's change, traced on a scratch replica, with the policy's"
            + " decision). Returns the JSON report of warden review --format json.", """
            {"type":"object","properties":{
              "sql":{"type":"string","description":"the SQL of one migration (at most 1 MiB)"},
              "files":{"type":"array","items":{"type":"string"},
                "description":"migration files or directories, relative to the repository root"},
              "base":{"type":"string","description":"a branch, tag or commit to compare HEAD with"}}}"""),
        spec(gateway, mapper, WardenTools.GET_POLICY, "The policy and context (tags, owners) that decide whether a"
            + " change here is allowed, needs approval or is denied, as files, with any problems in them.", """
            {"type":"object","properties":{}}"""),
        spec(gateway, mapper, WardenTools.EXPLAIN, "Which policies fired and why, for a JSON report"
            + " (what review_migration returned with base, or a report file in the repository).", """
            {"type":"object","properties":{
              "report":{"type":"string","description":"the JSON report text"},
              "file":{"type":"string","description":"a JSON report file, relative to the repository root"}}}"""),
        spec(gateway, mapper, WardenTools.DESCRIBE, "Production's tables from the schema snapshot: columns and types,"
            + " size, rows, writes, owners and tags; PII columns are flagged. No rows are ever read.", """
            {"type":"object","properties":{
              "table":{"type":"string","description":"only tables matching this name or glob (public.order*)"}}}"""),
        spec(gateway, mapper, WardenTools.AUDIT, "Entries of the hash-chained audit log, oldest first (as warden"
            + " audit list): reviews, approvals, applies, refusals and agents' tool calls.", """
            {"type":"object","properties":{
              "since":{"type":"string","description":"from this date or instant (2026-03-01)"},
              "until":{"type":"string","description":"before this date or instant"},
              "repo":{"type":"string"},"env":{"type":"string"},
              "event":{"type":"string","description":"reviewed, approved, denied, applied, refused, tool_called..."},
              "actor":{"type":"string","description":"agent:NAME"},
              "after":{"type":"integer","description":"only entries after this sequence number (paging)"},
              "limit":{"type":"integer","description":"at most this many entries (default 100, at most 500)"}}}"""));
  }

  private static SyncToolSpecification spec(McpGateway gateway, McpJsonMapper mapper, String name,
      String description, String schema) {
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder().name(name).description(description).inputSchema(mapper, schema).build())
        .callHandler((exchange, request) -> gateway.call(name, request.arguments()))
        .build();
  }
}
