package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.cli.Renderers;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.state.StateStore;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The same MCP server as {@code warden mcp}, over streamable HTTP at {@code /mcp} in {@code warden serve}: the SDK's
 * servlet transport mounted on Javalin's Jetty, the same {@link ToolSpecs}, {@link McpGateway} and tools. The caller
 * is identified on every request from its {@code Authorization: Bearer} token; without a known token
 * {@code initialize} and {@code tools/list} are answered and every tool call is refused and audited.
 */
public final class McpHttp implements AutoCloseable {
  /** Where the transport context keeps the request's Authorization header for the tool handler. */
  private static final String AUTHORIZATION = "authorization";

  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;

  private McpHttp(HttpServletStreamableServerTransportProvider transport, McpSyncServer server) {
    this.transport = transport;
    this.server = server;
  }

  /** Builds the server on the service's state store (the audit log and proposals); {@link #servlet()} serves it. */
  public static McpHttp create(
      McpSettings settings,
      ReviewService service,
      Renderers renderers,
      StateStore store,
      Map<String, String> env,
      Map<String, CodeHost> hosts) {
    Path root;
    try {
      root = settings.repository().toRealPath();
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.CONFIG,
          McpSettings.REPO_ENV
              + " "
              + settings.repository()
              + ": no such directory: set it to the checkout agents work in");
    }
    Agents agents = settings.agentsFile().map(Agents::load).orElseGet(Agents::none);
    AuditLog audit = AuditLog.open(store);
    Proposals proposals = new Proposals(store);
    WardenTools tools =
        new WardenTools(
            service,
            renderers,
            root,
            settings.snapshot(),
            () -> audit,
            () -> proposals,
            env,
            proposalHost(settings, hosts),
            agents);
    McpGateway gateway =
        new McpGateway(
            tools,
            () -> audit,
            root.getFileName().toString(),
            new EnvironmentSecrets(env),
            McpServe.MAX_MESSAGE_BYTES);
    McpJsonMapper mapper = McpServe.jsonMapper();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(mapper)
            .mcpEndpoint(McpSettings.PATH)
            // A longer body is refused by the SDK before any tool sees it (stdio reads it through
            // and audits it).
            .maxRequestSize(McpServe.MAX_MESSAGE_BYTES)
            .contextExtractor(
                request ->
                    McpTransportContext.create(
                        Map.of(
                            AUTHORIZATION,
                            Optional.ofNullable(request.getHeader("Authorization")).orElse(""))))
            .build();
    McpSyncServer server =
        McpServe.configure(McpServer.sync(transport), mapper)
            .tools(
                ToolSpecs.all(
                    gateway,
                    mapper,
                    exchange -> agents.identify(bearer(exchange), Agents.Transport.HTTP)))
            .build();
    return new McpHttp(transport, server);
  }

  /** The service's host and repository {@code WARDEN_MCP_REPOSITORY} names, if any: proposals open pull requests there. */
  static Optional<ProposalHost> proposalHost(McpSettings settings, Map<String, CodeHost> hosts) {
    return settings
        .hostRepository()
        .map(
            spec -> {
              RepositoryRef repo =
                  RepositoryRef.parse(McpSettings.REPOSITORY_ENV, spec, hosts.keySet());
              return new ProposalHost(hosts.get(repo.host()), repo);
            });
  }

  /** The token of {@code Authorization: Bearer TOKEN}; empty for none or another scheme (then the caller is unknown). */
  static Optional<String> bearer(McpSyncServerExchange exchange) {
    Object header = exchange.transportContext().get(AUTHORIZATION);
    if (!(header instanceof String h)
        || h.length() < 7
        || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return Optional.empty();
    }
    return Optional.of(h.substring(7).strip()).filter(t -> !t.isEmpty());
  }

  /** The servlet to mount at {@link McpSettings#PATH}. */
  public HttpServlet servlet() {
    return transport;
  }

  @Override
  public void close() {
    server.closeGracefully();
  }
}
