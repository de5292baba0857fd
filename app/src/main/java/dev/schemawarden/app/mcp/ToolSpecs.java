package dev.schemawarden.app.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.function.Function;

/**
 * The tools as {@code tools/list} shows them (name, description, input schema), each call handed to the one
 * {@link McpGateway} with the caller the transport identified: the session's token over stdio, the request's bearer
 * token over HTTP. Both transports register exactly this list.
 */
final class ToolSpecs {
  private ToolSpecs() {}

  static List<SyncToolSpecification> all(
      McpGateway gateway,
      McpJsonMapper mapper,
      Function<McpSyncServerExchange, Agents.Caller> identify) {
    Spec s =
        (name, description, schema) ->
            SyncToolSpecification.builder()
                .tool(
                    McpSchema.Tool.builder()
                        .name(name)
                        .description(description)
                        .inputSchema(mapper, schema)
                        .build())
                .callHandler(
                    (exchange, request) ->
                        gateway.call(identify.apply(exchange), name, request.arguments()))
                .build();
    return List.of(
        s.of(
            WardenTools.REVIEW,
            "Review a migration the way a DBA would: sql (text: static rules"
                + " and predicted locks), files (paths in the repository: the same, as one ordered change) or base (a"
                + " git ref: the full review of the repository's change, traced on a scratch replica, with the policy's"
                + " decision). Returns the JSON report of warden review --format json.",
            """
            {"type":"object","properties":{
              "sql":{"type":"string","description":"the SQL of one migration (at most 1 MiB)"},
              "files":{"type":"array","items":{"type":"string"},
                "description":"migration files or directories, relative to the repository root"},
              "base":{"type":"string","description":"a branch, tag or commit to compare HEAD with"}}}"""),
        s.of(
            WardenTools.GET_POLICY,
            "The policy and context (tags, owners) that decide whether a"
                + " change here is allowed, needs approval or is denied, as files, with any problems in them.",
            """
            {"type":"object","properties":{}}"""),
        s.of(
            WardenTools.EXPLAIN,
            "Which policies fired and why, for a JSON report"
                + " (what review_migration returned with base, or a report file in the repository).",
            """
            {"type":"object","properties":{
              "report":{"type":"string","description":"the JSON report text"},
              "file":{"type":"string","description":"a JSON report file, relative to the repository root"}}}"""),
        s.of(
            WardenTools.DESCRIBE,
            "Production's tables from the schema snapshot: columns and types,"
                + " size, rows, writes, owners and tags; PII columns are flagged. No rows are ever read.",
            """
            {"type":"object","properties":{
              "table":{"type":"string","description":"only tables matching this name or glob (public.order*)"}}}"""),
        s.of(
            WardenTools.AUDIT,
            "Entries of the hash-chained audit log, oldest first (as warden"
                + " audit list): reviews, approvals, applies, refusals and agents' tool calls.",
            """
            {"type":"object","properties":{
              "since":{"type":"string","description":"from this date or instant (2026-03-01)"},
              "until":{"type":"string","description":"before this date or instant"},
              "repo":{"type":"string"},"env":{"type":"string"},
              "event":{"type":"string","description":"reviewed, approved, denied, applied, refused, tool_called..."},
              "actor":{"type":"string","description":"agent:NAME"},
              "after":{"type":"integer","description":"only entries after this sequence number (paging)"},
              "limit":{"type":"integer","description":"at most this many entries (default 100, at most 500)"}}}"""),
        s.of(
            WardenTools.EXPLAIN_OBJECT,
            "What depends on a table, from the snapshot and the repository: views and"
                + " other dependents, foreign keys in and out, owners and tags, code owners and the most recent"
                + " migrations that name it.",
            """
            {"type":"object","properties":{
              "table":{"type":"string","description":"a table's name or schema.name"}},"required":["table"]}"""),
        s.of(
            WardenTools.PROPOSE,
            "Propose a new migration: it is reviewed like a pull request (traced on a"
                + " scratch replica, with the policy's decision; the person you act for is its author), stored as a"
                + " proposal and, with a code host, opened as a pull request. Without path the gateway writes it as the"
                + " repository's next migration in its own tool's naming (the next Flyway version, a golang-migrate"
                + " up/down pair, a dbmate file, the next numbered file). Returns the review, the files and a"
                + " proposal_id. Nothing is applied.",
            """
            {"type":"object","properties":{
              "sql":{"type":"string","description":"the migration's SQL (at most 1 MiB)"},
              "name":{"type":"string","description":"optional, without path: a short slug for the file name (add_order_note); reduced to [a-z0-9_], default from the first statement"},
              "down_sql":{"type":"string","description":"optional, without path: the rollback, for tools with a down file or section"},
              "path":{"type":"string","description":"optional: the new file, relative to the repository root (db/migration/V9__x.sql), instead of the repository's own naming"}},
             "required":["sql"]}"""),
        s.of(
            WardenTools.STATUS,
            "Where one of your proposals stands: decision, reason, status, its pull request's"
                + " head and merge state, and the human approvals (and whether each counts, and why not).",
            """
            {"type":"object","properties":{"proposal_id":{"type":"string"}},"required":["proposal_id"]}"""),
        s.of(
            WardenTools.REQUEST_APPLY,
            "Ask for one of your proposals to be applied. It is reviewed again with the"
                + " human approvals (on its pull request's head, never the approval of the person you act for); when the"
                + " policy then allows it and the pull request is merged, it is applied through Schema Warden's apply"
                + " path to the configured environment (or, with none configured, an apply request is recorded).",
            """
            {"type":"object","properties":{
              "proposal_id":{"type":"string"},
              "sql":{"type":"string","description":"optional: the SQL you expect; refused unless it is what was reviewed"}},
             "required":["proposal_id"]}"""),
        s.of(
            WardenTools.QUERY,
            "Run one SELECT (or EXPLAIN without ANALYZE) as a SELECT-only role, in a read-only"
                + " transaction, with a statement timeout and a row cap. Only for agents the operator enabled.",
            """
            {"type":"object","properties":{"sql":{"type":"string","description":"one SELECT"}},"required":["sql"]}"""));
  }

  @FunctionalInterface
  private interface Spec {
    SyncToolSpecification of(String name, String description, String inputSchema);
  }
}
