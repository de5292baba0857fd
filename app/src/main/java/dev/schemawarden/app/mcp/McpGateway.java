package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditRecord;
import dev.schemawarden.app.audit.CanonicalJson;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every tool call takes: who is calling (fail closed), may they call this tool, the call itself, then
 * an entry in the audit chain, allowed or refused, before anything is answered. A refusal is a tool result with
 * {@code isError} and one line of reason, never a protocol error, so the agent can read and show it.
 */
final class McpGateway {
  private static final Logger LOG = LoggerFactory.getLogger(McpGateway.class);

  private final WardenTools tools;
  private final Supplier<AuditLog> audit;
  private final String repository;
  private final EnvironmentSecrets secrets;
  private final int maxMessageBytes;

  /** Calls still running: the session waits for them before it closes the audit log under them. */
  private final java.util.concurrent.Phaser running = new java.util.concurrent.Phaser(1);

  McpGateway(
      WardenTools tools,
      Supplier<AuditLog> audit,
      String repository,
      EnvironmentSecrets secrets,
      int maxMessageBytes) {
    this.tools = tools;
    this.audit = audit;
    this.repository = repository;
    this.secrets = secrets;
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * One tool call by {@code caller} (over stdio the session's token, over HTTP this request's bearer token): the
   * same checks, tools and audit for both transports.
   */
  CallToolResult call(Agents.Caller caller, String tool, Map<String, Object> arguments) {
    running.register();
    try {
      return governed(caller, tool, arguments);
    } finally {
      running.arriveAndDeregister();
    }
  }

  /** Waits up to {@code timeout} for the calls still running to be answered and audited. */
  void awaitIdle(java.time.Duration timeout) {
    try {
      running.awaitAdvanceInterruptibly(
          running.arrive(), timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn(
          "{} tool call(s) still running after {}: the session ends without their answers",
          running.getUnarrivedParties(),
          timeout);
    }
  }

  private CallToolResult governed(
      Agents.Caller caller, String tool, Map<String, Object> arguments) {
    Map<String, Object> args = arguments == null ? Map.of() : arguments;
    String argsHash = Sha256.hex(CanonicalJson.write(CanonicalJson.MAPPER.valueToTree(args)));
    WardenTools.Answer answer;
    try {
      if (args.get(BoundedLines.OVERSIZE_ARGUMENT) instanceof Number n) {
        return refuse(
            caller,
            tool,
            argsHash,
            "the request is "
                + n.longValue()
                + " bytes, over the "
                + maxMessageBytes
                + " warden mcp reads in one message: commit the migration and pass it to review_migration as files");
      }
      if (caller instanceof Agents.Caller.Unknown u) {
        return refuse(caller, tool, argsHash, u.reason());
      }
      Agents.Agent agent = ((Agents.Caller.Known) caller).agent();
      if (!WardenTools.NAMES.contains(tool)) {
        return refuse(caller, tool, argsHash, "no tool '" + tool + "': tools/list names them");
      }
      if (!agent.mayCall(tool)) {
        return refuse(
            caller,
            tool,
            argsHash,
            "agent "
                + agent.name()
                + " may not call "
                + tool
                + ": its tools are "
                + agent.tools().stream().sorted().toList()
                + " (the agents file's tools:)");
      }
      List<String> unknown =
          args.keySet().stream()
              .filter(k -> !WardenTools.ARGUMENTS.get(tool).contains(k))
              .sorted()
              .toList();
      if (!unknown.isEmpty()) {
        return refuse(
            caller,
            tool,
            argsHash,
            tool
                + " takes no argument "
                + unknown
                + ": it takes "
                + WardenTools.ARGUMENTS.get(tool).stream().sorted().toList());
      }
      answer = tools.call(tool, new ToolArgs(tool, args), agent);
    } catch (WardenException e) {
      return refuse(caller, tool, argsHash, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} failed", tool, e);
      return refuse(caller, tool, argsHash, "internal error: " + e + " (a bug: please report it)");
    }
    try {
      record(caller, AuditEvent.TOOL_CALLED, tool, argsHash, "allowed", answer.summary());
    } catch (RuntimeException e) {
      LOG.error("{}: the audit entry could not be written", tool, e);
      return error(
          "not answered: the audit log cannot record this call ("
              + e.getMessage()
              + "); nothing is"
              + " answered without its audit entry");
    }
    return CallToolResult.builder()
        .addTextContent(secrets.scrub(answer.text()))
        .isError(false)
        .build();
  }

  private CallToolResult refuse(Agents.Caller caller, String tool, String argsHash, String reason) {
    String line = Main.oneLine(reason);
    try {
      record(caller, AuditEvent.REFUSED, tool, argsHash, "refused", line);
    } catch (RuntimeException e) {
      LOG.error("{}: the refusal could not be audited", tool, e);
      return error(
          "refused: " + line + " (and the audit log could not record it: " + e.getMessage() + ")");
    }
    return error("refused: " + line);
  }

  private CallToolResult error(String text) {
    return CallToolResult.builder().addTextContent(secrets.scrub(text)).isError(true).build();
  }

  private void record(
      Agents.Caller caller,
      AuditEvent event,
      String tool,
      String argsHash,
      String outcome,
      String summary) {
    ObjectNode call = JsonNodeFactory.instance.objectNode();
    call.put("tool", tool);
    call.put("outcome", outcome);
    call.put("arguments_sha256", argsHash);
    call.put("summary", summary);
    String principal = "";
    if (caller instanceof Agents.Caller.Known k) {
      principal = k.agent().actsFor();
      call.put("agent", k.agent().name());
      call.put("acts_for", principal);
      k.agent().team().ifPresent(t -> call.put("team", t));
    }
    audit
        .get()
        .append(
            AuditRecord.of(event, repository, "")
                .withPr(0, principal)
                .withDecision(call, List.of())
                .withNote(tool + ": " + outcome + ": " + summary)
                .withActor(caller.actor()));
  }
}
