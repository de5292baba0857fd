package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.Sha256;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The SDK's own client over stdio, talking to {@code warden mcp} in a child JVM: what a desktop agent runs. */
final class McpClients {
  private McpClients() {}

  /** Starts {@code warden mcp args...} with the test JVM's environment plus {@code env}, and initializes. */
  static McpSyncClient start(Map<String, String> env, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.schemawarden.app.Main",
                "mcp"));
    all.addAll(List.of(args));
    ServerParameters params =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args(all)
            .env(env)
            .build();
    StdioClientTransport transport = new StdioClientTransport(params, McpServe.jsonMapper());
    transport.setStdErrorHandler(
        line -> {}); // the child's log lines; a failing assertion shows the results
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(90))
            .initializationTimeout(Duration.ofSeconds(30))
            .jsonSchemaValidator(McpServe.NO_OUTPUT_SCHEMAS)
            .build();
    client.initialize();
    return client;
  }

  /**
   * The SDK's streamable-HTTP client on {@code baseUrl}/mcp ({@code warden serve}), sending {@code token} as
   * {@code Authorization: Bearer} when given, and initializes.
   */
  static McpSyncClient http(String baseUrl, java.util.Optional<String> token) {
    var transport =
        io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport.builder(baseUrl)
            .endpoint("/mcp")
            .jsonMapper(McpServe.jsonMapper())
            .httpRequestCustomizer(
                (request, method, uri, body, context) ->
                    token.ifPresent(t -> request.header("Authorization", "Bearer " + t)))
            .build();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(90))
            .initializationTimeout(Duration.ofSeconds(30))
            .jsonSchemaValidator(McpServe.NO_OUTPUT_SCHEMAS)
            .build();
    client.initialize();
    return client;
  }

  static McpSchema.CallToolResult call(
      McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  /** The text of a result (every text content, joined). */
  static String text(McpSchema.CallToolResult r) {
    return r.content().stream()
        .filter(McpSchema.TextContent.class::isInstance)
        .map(c -> ((McpSchema.TextContent) c).text())
        .collect(Collectors.joining("\n"));
  }

  /** An agents file with one agent whose token is {@code token}. */
  static Path agentsFile(Path dir, String name, String token, String actsFor) {
    try {
      return Files.writeString(
          dir.resolve("agents.yml"),
          """
          # tokens are stored as their SHA-256 only
          agents:
            - name: %s
              token-sha256: %s
              acts-for: %s
              team: acme/platform
          """
              .formatted(name, Sha256.hex(token), actsFor));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
