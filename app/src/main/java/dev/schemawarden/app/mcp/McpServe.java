package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.report.ToolInfo;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * The MCP server over stdio on the official SDK ({@link McpHttp} is the same server over streamable HTTP): the
 * tools of {@link ToolSpecs}, each call handed to the {@link McpGateway}. Runs until the client closes stdin.
 */
public final class McpServe {
  /** The longest message read; a longer one is refused by {@link BoundedLines} with its size. */
  public static final int MAX_MESSAGE_BYTES = 4 << 20;

  /**
   * warden declares no output schemas, so there is nothing to validate; the SDK's default validator is left out
   * (its JSON Schema library clashes with the project's, see the root pom.xml).
   */
  public static final JsonSchemaValidator NO_OUTPUT_SCHEMAS =
      (schema, content) ->
          schema == null || schema.isEmpty()
              ? JsonSchemaValidator.ValidationResponse.asValid(null)
              : JsonSchemaValidator.ValidationResponse.asInvalid(
                  "warden declares no output schemas");

  private McpServe() {}

  /** The server settings both transports share: name, version, instructions, no SDK-side argument checks. */
  static <S extends McpServer.SyncSpecification<S>> S configure(S spec, McpJsonMapper mapper) {
    // Each setter changes the builder in place; the SDK's return types are not all S, so no
    // chaining.
    spec.serverInfo(ToolInfo.NAME, ToolInfo.current().version());
    spec.jsonMapper(mapper);
    spec.jsonSchemaValidator(NO_OUTPUT_SCHEMAS);
    // The gateway checks the arguments itself (WardenTools.ARGUMENTS): a call the SDK refused on
    // its own would never reach the audit log.
    spec.validateToolInputs(false);
    spec.instructions(
        "Schema Warden reviews database migrations. Every call is checked against your agent token"
            + " and recorded in an audit log; a refusal says why. Nothing here returns credentials.");
    spec.capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
    return spec;
  }

  /** The SDK's JSON mapper on the project's Jackson. */
  public static McpJsonMapper jsonMapper() {
    return new JacksonMcpJsonMapper(new ObjectMapper());
  }

  /** Serves {@code gateway}'s tools to {@code caller} on {@code in}/{@code out} until {@code in} ends. */
  static void run(McpGateway gateway, Agents.Caller caller, InputStream in, OutputStream out)
      throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    McpJsonMapper mapper = jsonMapper();
    InputStream bounded = new BoundedLines(in, MAX_MESSAGE_BYTES, closed::countDown);
    // Lines reaching the SDK are never longer than MAX_MESSAGE_BYTES: its own limit is only a
    // backstop.
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(mapper, bounded, out, MAX_MESSAGE_BYTES + 1024);
    McpSyncServer server =
        configure(McpServer.sync(transport), mapper)
            .tools(ToolSpecs.all(gateway, mapper, exchange -> caller))
            .build();
    try {
      closed.await();
      // A review may still be running: let it finish and be audited before the store closes under
      // it.
      gateway.awaitIdle(java.time.Duration.ofMinutes(2));
    } finally {
      server.closeGracefully();
    }
  }
}
