package dev.schemawarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.VerifyResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "audit",
    description = {
      "Query and verify the append-only, hash-chained audit log: who approved what, what ran where, how to "
          + "undo it.",
      "`warden audit verify` exits 1 and names the first entry that was altered, removed or reordered."
    },
    subcommands = {
      AuditCommand.ListCmd.class,
      AuditCommand.Show.class,
      AuditCommand.Verify.class,
      AuditCommand.Export.class
    })
public final class AuditCommand implements Runnable {

  @ParentCommand HasContext parent;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "name a subcommand: list, show, verify, export");
  }

  /** The state store option every subcommand takes. */
  static final class Store extends StateStoreOption {
    <T> T with(Function<AuditLog, T> f) {
      return open(s -> f.apply(AuditLog.open(s)));
    }
  }

  static final class Filters {
    @Option(
        names = "--since",
        paramLabel = "TIME",
        description = "From this instant or date (2026-01-31).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before this instant or date.")
    String until;

    @Option(names = "--repo", paramLabel = "OWNER/NAME", description = "Only this repository.")
    String repo;

    @Option(names = "--env", paramLabel = "NAME", description = "Only this environment.")
    String env;

    @Option(
        names = "--event",
        paramLabel = "EVENT",
        description =
            "Only this event: reviewed, approved, denied, overridden, applied, failed, refused, rolled_back,"
                + " tool_called, proposal_opened, proposal_updated, proposal_closed, proposal_suppressed.")
    String event;

    @Option(
        names = "--actor",
        paramLabel = "ACTOR",
        description =
            "Only what this actor did: agent:NAME for an agent's MCP tool calls (see docs/mcp.md).")
    String actor;

    AuditQuery query() {
      return new AuditQuery(
          Optional.ofNullable(since).map(AuditCommand::time),
          Optional.ofNullable(until).map(AuditCommand::time),
          Optional.ofNullable(repo),
          Optional.ofNullable(env),
          Optional.ofNullable(event).map(AuditEvent::parse),
          Integer.MAX_VALUE,
          Optional.ofNullable(actor));
    }
  }

  /** A {@code --since}/{@code --until} value: a date (midnight UTC) or an instant. */
  public static Instant time(String s) {
    try {
      return s.length() == 10
          ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new WardenException(
          ErrorCode.USAGE,
          "'" + s + "' is not a time: write 2026-01-31 or" + " 2026-01-31T12:00:00Z");
    }
  }

  @Command(name = "list", description = "One line per entry, oldest first.")
  static final class ListCmd implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Mixin Store store;
    @Mixin Filters filters;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "Text (default), json or csv.")
    String format;

    @Mixin OutputOption output;

    @Override
    public Integer call() {
      output.format("audit list", format, List.of("text", "json", "csv"));
      List<AuditEntry> entries = store.with(log -> log.list(filters.query()));
      output.write(
          audit.parent.context(),
          render(entries, format),
          format + " audit list",
          entries.size() + " entries");
      return 0;
    }
  }

  @Command(name = "show", description = "One entry in full, as JSON (with its hash).")
  static final class Show implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Mixin Store store;

    @Parameters(paramLabel = "N", description = "The entry's sequence number.")
    long seq;

    @Override
    public Integer call() {
      AuditEntry e =
          store
              .with(log -> log.show(seq))
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.USAGE,
                          "no audit entry " + seq + ": list them with `warden audit list`"));
      audit.parent.context().out().println(e.withHash().toPrettyString());
      return 0;
    }
  }

  @Command(
      name = "verify",
      description = "Recompute the hash chain; exit 1 naming the first bad entry.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Mixin Store store;

    @Override
    public Integer call() {
      VerifyResult v = store.with(AuditLog::verify);
      CliContext ctx = audit.parent.context();
      if (v.ok()) {
        ctx.out()
            .println(
                "ok: "
                    + v.entries()
                    + " entries verify; head is entry "
                    + v.headSeq()
                    + " with hash "
                    + v.headHash()
                    + " (keep it elsewhere to detect a removed tail)");
        return 0;
      }
      ctx.out().println("FAILED at entry " + v.firstBad().getAsLong() + ": " + v.problem());
      return 1;
    }
  }

  @Command(name = "export", description = "Every matching entry in full, as JSON or CSV.")
  static final class Export implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Mixin Store store;
    @Mixin Filters filters;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "json",
        description = "Json (default) or csv.")
    String format;

    @Mixin OutputOption output;

    @Override
    public Integer call() {
      // text is accepted as json, as before: an export is always the entries in full.
      String f =
          output.format(
              "audit export", format.equals("text") ? "json" : format, List.of("json", "csv"));
      List<AuditEntry> entries = store.with(log -> log.list(filters.query()));
      output.write(
          audit.parent.context(),
          render(entries, f),
          f + " audit export",
          entries.size() + " entries");
      return 0;
    }
  }

  static String render(List<AuditEntry> entries, String format) {
    StringBuilder out = new StringBuilder();
    switch (format) {
      case "json" -> {
        ArrayNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        entries.forEach(e -> a.add(e.withHash()));
        out.append(a.toPrettyString()).append('\n');
      }
      case "csv" -> {
        // actor last: columns are only ever added at the end, so positional readers keep working
        out.append(
            "seq,time,event,repository,pr,environment,head_sha,merge_sha,approvers,note,hash,actor\n");
        for (AuditEntry e : entries) {
          JsonNode j = e.json();
          out.append(
                  String.join(
                      ",",
                      String.valueOf(e.seq()),
                      e.time().toString(),
                      e.event().label(),
                      csv(e.repository()),
                      String.valueOf(e.pr()),
                      csv(e.environment()),
                      e.headSha(),
                      e.mergeSha(),
                      csv(String.join(" ", toList(j.path("approvers")))),
                      csv(j.path("note").asText()),
                      e.hash(),
                      csv(j.path("actor").asText())))
              .append('\n');
        }
      }
      case "text" ->
          entries.forEach(
              e ->
                  out.append(e.seq())
                      .append("  ")
                      .append(e.time())
                      .append("  ")
                      .append(String.format("%-11s", e.event().label()))
                      .append(' ')
                      .append(e.repository())
                      .append(e.pr() > 0 ? "#" + e.pr() : "")
                      .append(e.environment().isEmpty() ? "" : " @" + e.environment())
                      .append(e.json().has("actor") ? " " + e.json().path("actor").asText() : "")
                      .append("  ")
                      .append(e.json().path("note").asText())
                      .append('\n'));
      default ->
          throw new WardenException(
              ErrorCode.USAGE, "unknown format '" + format + "': use text, json or csv");
    }
    return out.toString();
  }

  private static List<String> toList(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** RFC 4180: quote when needed, double the quotes. */
  static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
