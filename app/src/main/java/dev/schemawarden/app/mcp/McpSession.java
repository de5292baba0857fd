package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.cli.Renderers;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.state.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code warden mcp} run: the caller identified once from {@code WARDEN_AGENT_TOKEN}, the state store (and its
 * audit log) opened at the first tool call, so {@code initialize} and {@code tools/list} answer at once.
 *
 * @param repository the repository root every path is relative to
 * @param agentsFile the agents file; empty: no agent is known and every call is refused
 * @param snapshot production's snapshot file, instead of the repository's {@code snapshot.path}
 * @param stateUrl the state store (else {@code WARDEN_STATE_URL}, else the embedded store)
 * @param host where {@code propose_migration} opens pull requests; empty: proposals stay in the state store
 */
public record McpSession(
    Path repository,
    Optional<Path> agentsFile,
    Optional<Path> snapshot,
    Optional<String> stateUrl,
    Optional<ProposalHost> host) {

  /** Without a code host. */
  public McpSession(
      Path repository,
      Optional<Path> agentsFile,
      Optional<Path> snapshot,
      Optional<String> stateUrl) {
    this(repository, agentsFile, snapshot, stateUrl, Optional.empty());
  }

  public int serve(
      ReviewService service,
      Renderers renderers,
      Map<String, String> env,
      InputStream in,
      OutputStream out)
      throws InterruptedException {
    Path root;
    try {
      root = repository.toRealPath();
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.USAGE,
          repository + ": no such directory: --repo names the repository" + " the agent works in");
    }
    if (!Files.isDirectory(root)) {
      throw new WardenException(
          ErrorCode.USAGE, repository + " is not a directory: --repo names the repository");
    }
    Agents agents =
        agentsFile
            .or(
                () ->
                    Optional.ofNullable(env.get(Agents.FILE_ENV))
                        .filter(s -> !s.isBlank())
                        .map(Path::of))
            .map(Agents::load)
            .orElseGet(Agents::none);
    Agents.Caller caller = agents.identify(Optional.ofNullable(env.get(Agents.TOKEN_ENV)));
    try (LazyAudit audit = new LazyAudit(stateUrl, env)) {
      WardenTools tools =
          new WardenTools(
              service, renderers, root, snapshot, audit, audit::proposals, env, host, agents);
      McpGateway gateway =
          new McpGateway(
              tools,
              audit,
              root.getFileName().toString(),
              new EnvironmentSecrets(env),
              McpServe.MAX_MESSAGE_BYTES);
      McpServe.run(gateway, caller, in, out);
    }
    return 0;
  }

  /** The audit log in the state store, opened once when first needed and closed with the session. */
  static final class LazyAudit implements java.util.function.Supplier<AuditLog>, AutoCloseable {
    private final Optional<String> url;
    private final Map<String, String> env;
    private StateStore store;
    private AuditLog log;
    private Proposals proposals;

    LazyAudit(Optional<String> url, Map<String, String> env) {
      this.url = url;
      this.env = env;
    }

    @Override
    public synchronized AuditLog get() {
      if (log == null) {
        if (store == null) {
          store = StateStore.open(url, env);
        }
        log = AuditLog.open(store);
      }
      return log;
    }

    /** The proposals table in the same store (migrated with it). */
    synchronized Proposals proposals() {
      if (proposals == null) {
        get();
        proposals = new Proposals(store);
      }
      return proposals;
    }

    @Override
    public synchronized void close() {
      if (store != null) {
        store.close();
      }
    }
  }
}
