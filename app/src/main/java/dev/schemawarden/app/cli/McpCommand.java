package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.mcp.McpSession;
import dev.schemawarden.app.mcp.ProposalHost;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "mcp",
    description = {
      "Serve AI agents over the Model Context Protocol on stdin/stdout (warden serve has the same at /mcp over"
          + " HTTP): review_migration, get_policy, explain_decision, describe_schema, explain_object,"
          + " propose_migration, get_proposal_status, request_apply, run_readonly_query and query_audit. Each call is identified by $WARDEN_AGENT_TOKEN"
          + " against the agents file, refused when unknown, and recorded in the audit log (actor agent:NAME).",
      "See docs/mcp.md for the client configuration and the security model."
    })
public final class McpCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "The repository the agent works in; every path it names is relative to it (default: here).")
  Path repo;

  @Option(
      names = "--agents",
      paramLabel = "FILE",
      description =
          "The agents file: tokens (as SHA-256) to agents and whom they act for (default:"
              + " $WARDEN_AGENTS_FILE; none: every tool call is refused).")
  Path agents;

  @Option(
      names = "--snapshot",
      paramLabel = "FILE",
      description =
          "Production's JSON schema snapshot for describe_schema and reviews (default: the repository's"
              + " snapshot.path).")
  Path snapshot;

  @Option(
      names = "--state-url",
      paramLabel = "URL",
      description =
          "The state store holding the audit log (default: $WARDEN_STATE_URL, else the embedded store).")
  String stateUrl;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description =
          "Where propose_migration opens a pull (merge) request: github or gitlab, with the credentials"
              + " warden watch uses (default: none, a proposal stays in the state store).")
  String host;

  @Option(
      names = "--repository",
      paramLabel = "OWNER/NAME",
      description =
          "The repository on --host (GitLab: the project path); default $GITHUB_REPOSITORY, or"
              + " $CI_PROJECT_PATH for gitlab.")
  String repository;

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = parent.context();
    Map<String, String> env = System.getenv();
    Optional<ProposalHost> proposalHost =
        Optional.ofNullable(host)
            .map(
                h -> {
                  String name =
                      Optional.ofNullable(repository)
                          .or(
                              () ->
                                  Optional.ofNullable(
                                      env.get(
                                          h.equals("gitlab")
                                              ? "CI_PROJECT_PATH"
                                              : "GITHUB_REPOSITORY")))
                          .filter(s -> !s.isBlank())
                          .orElseThrow(
                              () ->
                                  new WardenException(
                                      ErrorCode.USAGE,
                                      "--repository is missing: name the repository --host "
                                          + h
                                          + " opens the pull requests in (owner/name; GitLab: the project path)"));
                  return new ProposalHost(
                      WatchCommand.codeHost(h, env), new RepositoryRef(h, name, Optional.empty()));
                });
    if (repository != null && host == null) {
      throw new WardenException(
          ErrorCode.USAGE, "--repository needs --host github or --host gitlab");
    }
    // stdout carries the protocol only: the SDK writes each message there; logs go to stderr.
    return new McpSession(
            repo,
            Optional.ofNullable(agents),
            Optional.ofNullable(snapshot),
            Optional.ofNullable(stateUrl),
            proposalHost)
        .serve(
            ctx.service(), ctx.renderers(), env, new FileInputStream(FileDescriptor.in), ctx.out());
  }
}
