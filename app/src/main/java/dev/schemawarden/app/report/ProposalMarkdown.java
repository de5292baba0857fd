package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The title and body of a pull request {@code warden watch} opens (and of one an agent's {@code propose_migration}
 * opens): what and why, the evidence with the window it
 * covers, the files, how the proposal was verified (our own review), the expected effect and the rollback.
 * Production's names are data: in the body they are code spans or fences, in the title one escaped line.
 */
public final class ProposalMarkdown {
  /** Marks our proposals, so a later tick (or a person) can tell them apart. */
  public static final String MARKER = "<!-- schema-warden:watch ";

  /** Marks the pull requests agents' proposals open ({@code propose_migration}). */
  public static final String AGENT_MARKER = "<!-- schema-warden:agent ";

  private static final int MAX_TITLE = 200;
  private static final Map<String, String> EFFECT =
      Map.of(
          "DG101",
              "Every insert, update and delete on the table stops maintaining the index, and its space is freed.",
          "DG102",
              "Writes maintain one index fewer; queries keep using the index that covers the same columns.",
          "DG103",
              "Writes maintain one index fewer; queries keep using the index that covers the same columns.",
          "DG104",
              "The index is built again and becomes valid: the planner can use it, and it no longer costs writes"
                  + " for nothing.",
          "DG105",
              "Deleting or updating a referenced row looks up the referencing rows by index instead of scanning"
                  + " the whole table.");

  private final ToolInfo tool;

  public ProposalMarkdown(ToolInfo tool) {
    this.tool = Objects.requireNonNull(tool, "tool");
  }

  /** {@code DG101 public.orders_note_idx: drop the unused index, concurrently}, on one line. */
  public String title(Problem p) {
    String fix = p.fix().map(ProposedFix::summary).orElse(p.message());
    return MarkdownText.shorten(p.check() + " " + p.object() + ": " + fix, MAX_TITLE);
  }

  /**
   * The body.
   *
   * @param files repository-relative path and text of each file the proposal adds or changes
   * @param review our review of the proposal: its blocking findings are listed, and a blocked proposal says so first
   */
  public String body(
      Problem p, Diagnosis d, String key, Map<String, String> files, ReviewReport review) {
    StringBuilder out = new StringBuilder();
    out.append(MARKER)
        .append(dev.schemawarden.analyzers.api.Sha256.hex(key).substring(0, 16))
        .append(" -->\n");
    if (review.blocked()) {
      out.append(
          "> **Draft: Schema Warden's own review blocks this proposal.** A person must rework it before it"
              + " can merge; the findings are below.\n\n");
    }
    out.append("## ")
        .append(p.check())
        .append(": ")
        .append(MarkdownText.plain(p.message()))
        .append("\n\n");
    out.append("Object ")
        .append(MarkdownText.code(p.object()))
        .append(", severity ")
        .append(p.severity().label())
        .append(" ([")
        .append(p.check())
        .append("](")
        .append(tool.ruleDocUri(p.check()))
        .append(")).\n\n");
    out.append("### Evidence\n\n| measure | value | unit |\n|---|---|---|\n");
    for (Problem.Measure m : p.evidence()) {
      out.append("| ")
          .append(MarkdownText.cell(m.name()))
          .append(" | ")
          .append(m.display())
          .append(" | ")
          .append(MarkdownText.cell(m.unit()))
          .append(" |\n");
    }
    out.append("\nDatabase ")
        .append(MarkdownText.code(d.database()))
        .append(", PostgreSQL ")
        .append(MarkdownText.cell(d.serverVersion()))
        .append(". Counters from ")
        .append(d.countersSince())
        .append(" to ")
        .append(d.readAt())
        .append(" (")
        .append(HumanDuration.format(d.observed()))
        .append("); window ")
        .append(HumanDuration.format(d.window()))
        .append(".\n\n");
    out.append("### The change\n\n");
    p.fix().ifPresent(f -> out.append(MarkdownText.plain(f.summary())).append(".\n\n"));
    files.forEach(
        (path, text) ->
            out.append(MarkdownText.code(path))
                .append("\n\n")
                .append(MarkdownText.fence(path.endsWith(".sql") ? "sql" : "", text))
                .append('\n'));
    verification(out, review);
    out.append("\n### Expected effect\n\n")
        .append(
            EFFECT.getOrDefault(
                p.check(), "The problem above is gone on" + " the next diagnose pass."))
        .append("\n\n");
    out.append("### Rollback\n\n");
    out.append(
        p.fix()
            .flatMap(ProposedFix::rollback)
            .map(r -> MarkdownText.fence("sql", r))
            .orElse("Nothing undoes this change.\n"));
    out.append("\nProposed by `warden watch`; the bot never approves its own proposals.\n");
    return out.toString();
  }

  /**
   * The comment {@code warden watch} posts before it closes its own proposal: the problem is gone in production, with
   * the pass that no longer finds it.
   */
  public String closedComment(String key, Diagnosis d) {
    return MARKER
        + dev.schemawarden.analyzers.api.Sha256.hex(key).substring(0, 16)
        + " -->\n"
        + "Closed by `warden watch`: the problem is gone in production. "
        + MarkdownText.code(key)
        + " is no longer reported by diagnose on database "
        + MarkdownText.code(d.database())
        + " (read at "
        + d.readAt()
        + ", counters from "
        + d.countersSince()
        + "). If it comes back, a new proposal is opened.\n";
  }

  /** The first lines of a proposal made again after a person closed the earlier one: why it is back. */
  public String reproposedNote(
      int earlier, String measure, String then, String now, double factor) {
    return "> **Proposed again:** a person closed #"
        + earlier
        + " when "
        + MarkdownText.code(measure)
        + " was "
        + MarkdownText.cell(then)
        + "; it is now "
        + MarkdownText.cell(now)
        + ", at least "
        + factor
        + " times as much (`watch.reopen-factor`).\n\n";
  }

  /** {@code agent claude: db/migration/V9__add_note.sql}, on one line. */
  public String agentTitle(String agent, String path) {
    return MarkdownText.shorten("agent " + agent + ": " + path, MAX_TITLE);
  }

  /**
   * The body of the pull request an agent's {@code propose_migration} opens: who proposed it for whom, the file,
   * the review's verdict (the policy's decision and reasons, the blocking findings), and that neither the agent nor
   * the person it acts for counts as an approver.
   */
  public String agentBody(
      String agent,
      String actsFor,
      String proposalId,
      String path,
      String sql,
      ReviewReport review) {
    StringBuilder out = new StringBuilder();
    out.append(AGENT_MARKER).append(proposalId).append(" -->\n");
    if (review.blocked()) {
      out.append(
          "> **Draft: Schema Warden's review blocks this proposal.** The findings are below.\n\n");
    }
    out.append("## Proposed by agent ")
        .append(MarkdownText.code(agent))
        .append(" for ")
        .append(MarkdownText.code(actsFor))
        .append("\n\n");
    out.append("Proposal ")
        .append(MarkdownText.code(proposalId))
        .append(", through Schema Warden's MCP gateway" + " (`propose_migration`).\n\n");
    out.append("### Review verdict\n\n");
    review
        .decision()
        .ifPresentOrElse(
            d -> {
              out.append("Decision: **").append(d.outcome().label()).append("**.\n");
              d.reasons().forEach(r -> out.append("- ").append(MarkdownText.plain(r)).append('\n'));
              out.append('\n');
            },
            () -> out.append("The review reached no decision.\n\n"));
    out.append("### The change\n\n")
        .append(MarkdownText.code(path))
        .append("\n\n")
        .append(MarkdownText.fence("sql", sql))
        .append('\n');
    verification(out, review);
    out.append("\nAn approval by ")
        .append(MarkdownText.code(actsFor))
        .append(
            " (whom the agent acts for) or by"
                + " any agent does not count: a human other than them approves this change.\n");
    return out.toString();
  }

  private static void verification(StringBuilder out, ReviewReport review) {
    out.append("### How it was verified\n\n");
    List<Finding> blocking = review.blockingFindings();
    out.append(
            "Schema Warden reviewed this change as it reviews any pull request (lint, trace on a scratch replica"
                + " when configured, policy): ")
        .append(review.blocked() ? "**blocked**" : "**passes**")
        .append(", ")
        .append(MarkdownText.plural(review.findings().size(), "finding"))
        .append(".\n");
    for (Finding f : blocking.subList(0, Math.min(10, blocking.size()))) {
      out.append("- ")
          .append(f.rule())
          .append(": ")
          .append(MarkdownText.plain(f.message()))
          .append('\n');
    }
    review
        .errors()
        .forEach(e -> out.append("- error: ").append(MarkdownText.plain(e)).append('\n'));
  }
}
