package dev.schemawarden.app.cli;

import dev.schemawarden.app.mcp.McpSession;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.nio.file.Path;
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

  @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
      description = "The repository the agent works in; every path it names is relative to it (default: here).")
  Path repo;

  @Option(names = "--agents", paramLabel = "FILE",
      description = "The agents file: tokens (as SHA-256) to agents and whom they act for (default:"
          + " $WARDEN_AGENTS_FILE; none: every tool call is refused).")
  Path agents;

  @Option(names = "--snapshot", paramLabel = "FILE",
      description = "Production's JSON schema snapshot for describe_schema and reviews (default: the repository's"
          + " snapshot.path).")
  Path snapshot;

  @Option(names = "--state-url", paramLabel = "URL",
      description = "The state store holding the audit log (default: $WARDEN_STATE_URL, else the embedded store).")
  String stateUrl;

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = parent.context();
    // stdout carries the protocol only: the SDK writes each message there; logs go to stderr.
    return new McpSession(repo, Optional.ofNullable(agents), Optional.ofNullable(snapshot),
        Optional.ofNullable(stateUrl)).serve(ctx.service(), ctx.renderers(), System.getenv(),
        new FileInputStream(FileDescriptor.in), ctx.out());
  }
}
