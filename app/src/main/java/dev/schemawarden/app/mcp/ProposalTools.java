package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.ApplyResult;
import dev.schemawarden.app.audit.CanonicalJson;
import dev.schemawarden.app.cli.Renderers;
import dev.schemawarden.app.host.BranchHead;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.report.ProposalMarkdown;
import dev.schemawarden.app.report.ReportFormat;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.watch.PlannedMigration;
import dev.schemawarden.app.watch.Watcher;
import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.Decision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code propose_migration}, {@code get_proposal_status} and {@code request_apply}. A proposal is the repository
 * plus its new migration file(s) ({@link ProposalFiles}: the agent's path, or the repository's next migration in its
 * own tool's naming), reviewed by the same {@link ReviewService} as every change (the agent's principal is
 * its author), and stored. {@code request_apply} reviews it again with the human approvals (the pull request's on
 * its head when it has one, else those bound to its SQL), never counting the agent's own principal or any agent, and
 * only when the policy then allows it (and the pull request is merged) applies it through the apply path to the
 * agents file's target ({@link ProposalApply}).
 */
final class ProposalTools {
  private static final Pattern ID = Pattern.compile("prop-[0-9a-f]{24}");

  private final ReviewService service;
  private final Renderers renderers;
  private final Path root;
  private final ProposalReview reviews;
  private final Supplier<Proposals> proposals;
  private final Optional<ProposalHost> host;
  private final ProposalApply applier;

  /**
   * @param applier the host (where a proposal's pull request is opened and read; empty: the proposal lives in the
   *     state store only) and the apply target
   */
  ProposalTools(
      ReviewService service,
      Renderers renderers,
      Path root,
      Optional<Path> snapshot,
      Supplier<Proposals> proposals,
      ProposalApply applier) {
    this.service = service;
    this.renderers = renderers;
    this.root = root;
    this.reviews = new ProposalReview(service, root, snapshot);
    this.proposals = proposals;
    this.host = applier.host();
    this.applier = applier;
  }

  WardenTools.Answer propose(ToolArgs args, Agents.Agent agent) {
    String given =
        args.text("sql")
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.INPUT,
                        WardenTools.PROPOSE + ": give sql (the migration's text)"));
    if (given.length() > WardenTools.MAX_SQL_CHARS) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": sql is "
              + given.length()
              + " characters, over the "
              + WardenTools.MAX_SQL_CHARS
              + " an agent may send");
    }
    Optional<String> downSql = args.text("down_sql").filter(s -> !s.isBlank());
    if (downSql.isPresent() && downSql.get().length() > WardenTools.MAX_SQL_CHARS) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": down_sql is "
              + downSql.get().length()
              + " characters, over the "
              + WardenTools.MAX_SQL_CHARS
              + " an agent may send");
    }
    Optional<String> name = args.text("name");
    Optional<String> asked = args.text("path");
    if (asked.isPresent() && (name.isPresent() || downSql.isPresent())) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": name and down_sql go with a file the"
              + " gateway names: give path, or name and down_sql, not both");
    }
    ProposalFiles files =
        asked
            .map(p -> ProposalFiles.given(root, p, given))
            .orElseGet(
                () ->
                    ProposalFiles.planned(
                        root,
                        service.configLoader().loadFromRepo(root),
                        given,
                        name,
                        downSql,
                        agent,
                        java.time.Instant.now()));
    String path = files.path();
    String sql = files.sql();
    String sha = Sha256.hex(sql);
    ReviewReport report = reviews.review(files, agent, sha, List.of());
    Decision d = decision(report);
    Proposals.Status status =
        switch (d.outcome()) {
          case ALLOW -> Proposals.Status.PROPOSED;
          case NEEDS_APPROVAL -> Proposals.Status.NEEDS_APPROVAL;
          case DENY -> Proposals.Status.DENIED;
        };
    String id = Proposals.newId();
    proposals
        .get()
        .add(
            new Proposals.Proposal(
                id,
                root.getFileName().toString(),
                agent.name(),
                agent.actsFor(),
                path,
                sql,
                sha,
                d.outcome().label(),
                String.join("; ", d.reasons()),
                status,
                java.time.Instant.now(),
                Optional.empty(),
                files.companions()));
    Optional<Proposals.PullRequestLink> pr =
        host.map(h -> openPullRequest(h, id, files, agent, report));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("proposal_id", id);
    out.put("status", status.label());
    out.put("sql_sha256", sha);
    out.put("path", path);
    out.put("tool", files.tool());
    ArrayNode written = out.putArray("files");
    files.files().forEach(f -> written.add(f.path()));
    out.put("applied", false);
    pr.ifPresent(p -> pullRequest(out, p));
    out.set("report", readJson(renderers.render(report, ReportFormat.JSON)));
    return new WardenTools.Answer(
        out.toPrettyString(),
        "proposal "
            + id
            + " for "
            + path
            + ": decision "
            + d.outcome().label()
            + pr.map(p -> ", opened " + p.reference()).orElse(""));
  }

  /**
   * The proposal as a pull request: a new branch from the default branch, its files committed, the body with the
   * verdict and who proposed it for whom. Runs after the paths were checked and the proposal stored; a host failure
   * leaves the stored proposal without a pull request and is the call's answer.
   */
  private Proposals.PullRequestLink openPullRequest(
      ProposalHost h, String id, ProposalFiles files, Agents.Agent agent, ReviewReport report) {
    String path = files.path();
    ProposalMarkdown md = new ProposalMarkdown(ToolInfo.current());
    String branch = Watcher.agentBranch(agent.name(), id);
    BranchHead base = h.host().botPullRequests().defaultBranch(h.repository());
    if (!h.host().botPullRequests().createBranch(h.repository(), branch, base.sha())) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": branch "
              + branch
              + " exists already on "
              + h.host().id()
              + ": proposal "
              + id
              + " is stored without a pull request");
    }
    for (PlannedMigration.File f : files.files()) {
      h.host()
          .botPullRequests()
          .commitFile(
              h.repository(),
              branch,
              f.path(),
              f.content(),
              "[warden mcp] agent " + agent.name() + " for " + agent.actsFor() + ": " + f.path());
    }
    PullRequestRef ref =
        h.host()
            .botPullRequests()
            .openPullRequest(
                h.repository(),
                branch,
                base.name(),
                md.agentTitle(agent.name(), path),
                md.agentBody(agent.name(), agent.actsFor(), id, path, files.sql(), report),
                report.blocked());
    Proposals.PullRequestLink link =
        new Proposals.PullRequestLink(ref.number(), ref.host() + ":" + ref);
    proposals.get().pullRequestOpened(id, link);
    return link;
  }

  private static void pullRequest(ObjectNode out, Proposals.PullRequestLink pr) {
    out.put("pull_request", pr.reference());
    out.put("pull_request_number", pr.number());
  }

  WardenTools.Answer status(ToolArgs args, Agents.Agent agent) {
    Proposals.Proposal p = own(args, agent, WardenTools.STATUS);
    ObjectNode out = describe(p);
    Optional<ProposalApply.HostState> state = applier.state(p, agent, false);
    state.ifPresent(
        s -> {
          out.put("head_sha", s.pr().headSha());
          out.put("carries_reviewed_sql", s.carriesSql());
          out.put("merged", s.mergeSha().isPresent());
          s.mergeSha().ifPresent(m -> out.put("merge_sha", m));
          ArrayNode others = out.putArray("other_files");
          s.otherFiles().forEach(others::add);
          ArrayNode changed = out.putArray("changed_companions");
          s.changedCompanions().forEach(changed::add);
        });
    if (p.pullRequest().isPresent() && state.isEmpty()) {
      out.put(
          "note",
          "this gateway has no code host (--host): the pull request's reviews and merge state are not"
              + " read here");
    }
    ArrayNode a = out.putArray("approvals");
    state.ifPresent(
        s ->
            s.approvals()
                .forEach(
                    h -> {
                      ObjectNode o = a.addObject();
                      o.put("approver", h.user());
                      o.put("source", "pull_request");
                      o.put("sha", h.sha());
                      o.put("approved_at", h.at().toString());
                      o.put("counts", h.counts());
                      if (!h.counts()) {
                        o.put("why_not", h.why());
                      }
                    }));
    for (Proposals.HumanApproval h : proposals.get().approvals(p.id())) {
      ObjectNode o = a.addObject();
      o.put("approver", h.approver());
      o.put("source", "warden proposal approve");
      o.put("approved_at", h.at().toString());
      boolean counts = counts(h, p, agent) && p.pullRequest().isEmpty();
      o.put("counts", counts);
      if (p.pullRequest().isPresent()) {
        o.put(
            "why_not", "the proposal has a pull request: it is approved there, on its head commit");
      }
    }
    return new WardenTools.Answer(
        out.toPrettyString(), "proposal " + p.id() + ": " + p.status().label());
  }

  /**
   * Reviews the proposal again with the approvals that count (the pull request's when it has one, else those of
   * {@code warden proposal approve}); deny and needs_approval are refused; allow applies it through the apply path
   * to the agents file's target once the pull request is merged, or records an apply request when no target is
   * configured.
   */
  WardenTools.Answer requestApply(ToolArgs args, Agents.Agent agent) {
    Proposals.Proposal p = own(args, agent, WardenTools.REQUEST_APPLY);
    Optional<String> sql = args.text("sql");
    if (sql.isPresent() && !Sha256.hex(sql.get()).equals(p.sqlSha256())) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.REQUEST_APPLY
              + ": this SQL is not what proposal "
              + p.id()
              + " reviewed (sha256 "
              + p.sqlSha256().substring(0, 12)
              + "): propose the new text instead");
    }
    if (p.status() == Proposals.Status.APPLIED
        || (p.status() == Proposals.Status.APPLY_REQUESTED && applier.target().isEmpty())) {
      return new WardenTools.Answer(
          describe(p).toPrettyString(), "proposal " + p.id() + ": already " + p.status().label());
    }
    Optional<ProposalApply.HostState> state = applier.state(p, agent, true);
    List<Approval> forReview;
    List<Approval> forApply;
    if (state.isPresent()) {
      ProposalApply.HostState s = state.get();
      String pr = p.pullRequest().orElseThrow().reference();
      if (!s.carriesSql()) {
        throw refuse(
            p,
            "the head "
                + ProposalApply.abbrev(s.pr().headSha())
                + " of "
                + pr
                + " does not carry the"
                + " reviewed SQL as "
                + p.path()
                + ": someone changed it; propose the new text instead");
      }
      if (!s.changedCompanions().isEmpty()) {
        throw refuse(
            p,
            "the head "
                + ProposalApply.abbrev(s.pr().headSha())
                + " of "
                + pr
                + " changes "
                + s.changedCompanions()
                + ", planned with it: someone changed it; propose the new text instead");
      }
      if (!s.otherFiles().isEmpty()) {
        throw refuse(
            p,
            pr
                + " also changes "
                + s.otherFiles()
                + ": request_apply applies the reviewed proposal"
                + " alone; apply this pull request with warden apply");
      }
      forReview = s.counted(p.sqlSha256());
      forApply = s.counted(s.pr().headSha());
    } else {
      forReview =
          proposals.get().approvals(p.id()).stream()
              .filter(h -> counts(h, p, agent))
              .map(h -> Approval.approved(h.approver(), p.sqlSha256(), h.at()))
              .toList();
      forApply = forReview;
    }
    ReviewReport report = reviews.review(p.files(), agent, p.sqlSha256(), forReview);
    Decision d = decision(report);
    String reasons = String.join("; ", d.reasons());
    switch (d.outcome()) {
      case DENY -> {
        proposals.get().update(p.id(), Proposals.Status.DENIED, d.outcome().label(), reasons);
        throw refuse(p, "is denied by the policy: " + reasons);
      }
      case NEEDS_APPROVAL -> {
        proposals
            .get()
            .update(p.id(), Proposals.Status.NEEDS_APPROVAL, d.outcome().label(), reasons);
        throw refuse(
            p,
            "needs_approval, routed to a human: "
                + reasons
                + " (a human other than "
                + agent.actsFor()
                + " approves it"
                + state
                    .map(
                        s ->
                            " on "
                                + p.pullRequest().orElseThrow().reference()
                                + " at its head "
                                + ProposalApply.abbrev(s.pr().headSha()))
                    .orElse(" with: warden proposal approve " + p.id() + " --as LOGIN")
                + ")");
      }
      default -> {}
    }
    if (state.isPresent() && state.get().mergeSha().isEmpty()) {
      proposals
          .get()
          .update(p.id(), Proposals.Status.APPLY_REQUESTED, d.outcome().label(), reasons);
      throw refuse(
          p,
          "is allowed with "
              + forReview.size()
              + " approval(s) but "
              + p.pullRequest().orElseThrow().reference()
              + " is not merged: merge the pull request first");
    }
    if (applier.target().isEmpty()) {
      proposals
          .get()
          .update(p.id(), Proposals.Status.APPLY_REQUESTED, d.outcome().label(), reasons);
      ObjectNode out = describe(proposals.get().find(p.id()).orElseThrow());
      out.put(
          "note",
          "recorded as an apply request: nothing was applied (the agents file names no apply target);"
              + " an operator runs it through warden apply");
      return new WardenTools.Answer(
          out.toPrettyString(),
          "proposal " + p.id() + ": apply requested (" + forReview.size() + " human approval(s))");
    }
    ApplyResult r = applier.apply(p, agent, state, forApply);
    String entry =
        r.auditSeq().stream().mapToObj(n -> " (audit entry " + n + ")").findFirst().orElse("");
    if (!r.ok()) {
      throw refuse(p, "was not applied to " + r.environment() + ": " + r.message() + entry);
    }
    proposals
        .get()
        .update(p.id(), Proposals.Status.APPLIED, d.outcome().label(), r.message() + entry);
    ObjectNode out = describe(proposals.get().find(p.id()).orElseThrow());
    out.put("applied", r.status() == ApplyResult.Status.APPLIED);
    out.put("environment", r.environment());
    r.auditSeq().ifPresent(n -> out.put("audit_entry", n));
    out.put("statements", r.statements().size());
    return new WardenTools.Answer(
        out.toPrettyString(),
        "proposal " + p.id() + ": " + r.status().label() + " on " + r.environment() + entry);
  }

  static WardenException refuse(Proposals.Proposal p, String why) {
    return new WardenException(
        ErrorCode.INPUT, WardenTools.REQUEST_APPLY + ": proposal " + p.id() + " " + why);
  }

  /**
   * An approval counts when a human gave it on this SQL and is neither the agent's principal nor an agent (the
   * CLI refuses those too; this is the second check).
   */
  private static boolean counts(
      Proposals.HumanApproval h, Proposals.Proposal p, Agents.Agent agent) {
    return h.sqlSha256().equals(p.sqlSha256())
        && !h.approver().equalsIgnoreCase(p.actsFor())
        && !h.approver().equalsIgnoreCase(agent.actsFor())
        && !h.approver().startsWith("agent:");
  }

  /** The caller's own proposal in this repository; any other id is "no proposal", whether it exists or not. */
  private Proposals.Proposal own(ToolArgs args, Agents.Agent agent, String tool) {
    String id =
        args.text("proposal_id")
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.INPUT,
                        tool + ": give proposal_id, as propose_migration returned it"));
    return Optional.of(id)
        .filter(i -> ID.matcher(i).matches())
        .flatMap(proposals.get()::find)
        .filter(
            p ->
                p.agent().equals(agent.name())
                    && p.repository().equals(root.getFileName().toString()))
        .orElseThrow(
            () ->
                new WardenException(
                    ErrorCode.INPUT,
                    tool
                        + ": agent "
                        + agent.name()
                        + " has no proposal "
                        + id
                        + " here: an agent may only use the ids its own propose_migration returned"));
  }

  private static ObjectNode describe(Proposals.Proposal p) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("proposal_id", p.id());
    out.put("path", p.path());
    out.put("status", p.status().label());
    out.put("decision", p.outcome());
    out.put("reason", p.reason());
    out.put("sql_sha256", p.sqlSha256());
    out.put("agent", p.agent());
    out.put("acts_for", p.actsFor());
    out.put("created_at", p.createdAt().toString());
    p.pullRequest().ifPresent(pr -> pullRequest(out, pr));
    return out;
  }

  private static Decision decision(ReviewReport report) {
    return report
        .decision()
        .orElseThrow(
            () ->
                new WardenException(
                    ErrorCode.INPUT,
                    "the review reached no"
                        + " decision"
                        + (report.errors().isEmpty() ? "" : ": " + report.errors().get(0))));
  }

  private static com.fasterxml.jackson.databind.JsonNode readJson(String json) {
    try {
      return CanonicalJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
