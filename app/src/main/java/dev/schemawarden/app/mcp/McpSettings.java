package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /mcp} in {@code warden serve}: on when {@code WARDEN_MCP_REPO} names the checkout agents work in.
 *
 * @param repository the repository every path an agent names is relative to
 * @param agentsFile the agents file ({@code WARDEN_AGENTS_FILE}); empty: every tool call is refused
 * @param snapshot production's JSON snapshot ({@code WARDEN_MCP_SNAPSHOT}), else the repository's snapshot.path
 * @param hostRepository where {@code propose_migration} opens its pull requests ({@code WARDEN_MCP_REPOSITORY},
 *     {@code github:owner/name} or {@code gitlab:group/project}, on a host the service is configured for); empty:
 *     a proposal stays in the state store and is approved with {@code warden proposal approve}
 */
public record McpSettings(
    Path repository,
    Optional<Path> agentsFile,
    Optional<Path> snapshot,
    Optional<String> hostRepository) {
  public static final String REPO_ENV = "WARDEN_MCP_REPO";
  public static final String SNAPSHOT_ENV = "WARDEN_MCP_SNAPSHOT";
  public static final String REPOSITORY_ENV = "WARDEN_MCP_REPOSITORY";

  /** The route of the streamable-HTTP endpoint. */
  public static final String PATH = "/mcp";

  public McpSettings {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(agentsFile, "agentsFile");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(hostRepository, "hostRepository");
  }

  public McpSettings(Path repository, Optional<Path> agentsFile, Optional<Path> snapshot) {
    this(repository, agentsFile, snapshot, Optional.empty());
  }

  /** Empty when {@code WARDEN_MCP_REPO} is unset (no {@code /mcp}); a wrong value fails start-up naming the fix. */
  public static Optional<McpSettings> fromEnv(Map<String, String> env) {
    Optional<String> repo = value(env, REPO_ENV);
    if (repo.isEmpty()) {
      return Optional.empty();
    }
    Path dir = Path.of(repo.get());
    if (!Files.isDirectory(dir)) {
      throw new WardenException(
          ErrorCode.CONFIG,
          REPO_ENV
              + " "
              + dir
              + " is not a directory: set it to the"
              + " checkout agents work in, or unset it to serve no /mcp (see docs/configuration.md)");
    }
    Optional<Path> agents = value(env, Agents.FILE_ENV).map(Path::of);
    agents.ifPresent(
        Agents::load); // a mistake in the agents file stops start-up, not the first call
    return Optional.of(
        new McpSettings(
            dir, agents, value(env, SNAPSHOT_ENV).map(Path::of), value(env, REPOSITORY_ENV)));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
  }

  @Override
  public String toString() {
    return "mcp[repo="
        + repository
        + ", agents="
        + agentsFile.map(Path::toString).orElse("none")
        + hostRepository.map(r -> ", proposals on " + r).orElse("")
        + "]";
  }
}
