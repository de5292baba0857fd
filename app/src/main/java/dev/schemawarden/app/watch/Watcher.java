package dev.schemawarden.app.watch;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.host.BranchHead;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.report.ProposalMarkdown;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code warden watch} tick: for each problem of a diagnose pass that has a migration to propose and was not
 * proposed before, write the migration in the repository's tool, put it through Schema Warden's own review, and
 * open a pull request with the evidence (a draft when the review blocks, or none: {@link Settings#draftWhenBlocked}).
 * Reads production only through the {@link Diagnosis} it is given.
 */
public final class Watcher {
  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

  /** Reviews a proposal: the checkout as it is ({@code base}) against a copy with the proposal's files ({@code head}). */
  @FunctionalInterface
  public interface Reviewer {
    ReviewReport review(Path base, Path head);
  }

  /**
   * How proposals are opened ({@code watch:} in {@code .schemawarden.yml}).
   *
   * @param maxOpen at most this many recorded proposals for the repository; further problems wait
   * @param draftWhenBlocked a proposal our review blocks is opened as a draft with the reason (true) or not at all
   */
  public record Settings(int maxOpen, boolean draftWhenBlocked) {
    public static Settings defaults() {
      return new Settings(10, true);
    }
  }

  /** What happened to one problem in a tick. */
  public enum Outcome {
    OPENED,
    OPENED_AS_DRAFT,
    DRY_RUN,
    ALREADY_PROPOSED,
    SKIPPED
  }

  /**
   * One problem's proposal.
   *
   * @param reason for {@link Outcome#SKIPPED} and {@link Outcome#ALREADY_PROPOSED}: why, one line
   * @param review our review of the proposal, when it got that far
   */
  public record Proposal(Problem problem, Outcome outcome, Optional<PlannedMigration> migration, String branch,
      String title, String body, Optional<ReviewReport> review, Optional<PullRequestRef> pullRequest,
      String reason) {
    public Proposal {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(review, "review");
      Objects.requireNonNull(pullRequest, "pullRequest");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final Optional<CodeHost> host;
  private final RepositoryRef repo;
  private final Path checkout;
  private final MigrationSettings migrations;
  private final SqlParser parser;
  private final Reviewer reviewer;
  private final WatchState state;
  private final Settings settings;
  private final ProposalMarkdown markdown;
  private final Clock clock;

  /** {@code host} empty: a dry run that never writes anywhere. */
  public Watcher(Optional<CodeHost> host, RepositoryRef repo, Path checkout, MigrationSettings migrations,
      SqlParser parser, Reviewer reviewer, WatchState state, Settings settings, ProposalMarkdown markdown,
      Clock clock) {
    this.host = Objects.requireNonNull(host, "host");
    this.repo = Objects.requireNonNull(repo, "repo");
    this.checkout = Objects.requireNonNull(checkout, "checkout");
    this.migrations = Objects.requireNonNull(migrations, "migrations");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
    this.state = Objects.requireNonNull(state, "state");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.markdown = Objects.requireNonNull(markdown, "markdown");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code warden/dg101/public-orders-note-idx-1a2b3c4d}: plain characters, and a hash so two names never share one. */
  public static String branch(Problem p) {
    String object = slug(p.object());
    String check = p.check().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    return "warden/" + check + "/" + (object.isEmpty() ? "" : object + "-")
        + dev.schemawarden.analyzers.api.Sha256.hex(p.key()).substring(0, 8);
  }

  /**
   * {@code warden/agent/claude-desktop-prop-0123…}: the branch of an agent's proposal ({@code propose_migration}),
   * named after the agent so the host's branch list says who proposed it.
   */
  public static String agentBranch(String agent, String proposalId) {
    return "warden/agent/" + slug(agent) + "-" + slug(proposalId);
  }

  /** Lower case, runs of anything but {@code [a-z0-9]} as one {@code -}, at most 60 characters: a safe ref segment. */
  private static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return s.length() > 60 ? s.substring(0, 60).replaceAll("-+$", "") : s;
  }

  /** Runs one tick over {@code diagnosis}; returns what it did with each problem. */
  public List<Proposal> tick(Diagnosis diagnosis) {
    List<Proposal> out = new ArrayList<>();
    Set<String> taken = new HashSet<>(state.versions());
    Optional<BranchHead> base = Optional.empty();
    int open = state.entries().size();
    for (Problem p : diagnosis.problems()) {
      String branch = branch(p);
      String title = markdown.title(p);
      if (p.fix().filter(f -> f.kind() == ProposedFix.Kind.MIGRATION).isEmpty()) {
        out.add(skipped(p, Outcome.SKIPPED, branch, title, "no migration to propose"
            + (p.fix().isPresent() ? ": an operation to run by hand (see the diagnose report)" : "")));
        continue;
      }
      Optional<WatchState.Entry> earlier = state.get(p.key());
      if (earlier.isPresent()) {
        out.add(skipped(p, Outcome.ALREADY_PROPOSED, earlier.get().branch(), title, "proposed in #"
            + earlier.get().number()));
        continue;
      }
      if (host.isPresent() && open >= settings.maxOpen()) {
        out.add(skipped(p, Outcome.SKIPPED, branch, title, "watch.max-open (" + settings.maxOpen()
            + ") proposals are open already"));
        continue;
      }
      try {
        Optional<PlannedMigration> planned = MigrationPlanner.plan(checkout, migrations, parser, p, clock.instant(),
            taken);
        if (planned.isEmpty()) {
          continue;
        }
        taken.addAll(planned.get().versions());
        ReviewReport review = review(planned.get());
        Map<String, String> files = new LinkedHashMap<>();
        planned.get().files().forEach(f -> files.put(f.path(), f.content()));
        String body = markdown.body(p, diagnosis, p.key(), files, review);
        if (review.blocked() && !settings.draftWhenBlocked()) {
          out.add(new Proposal(p, Outcome.SKIPPED, planned, branch, title, body, Optional.of(review),
              Optional.empty(), "our review blocks it and watch.blocked is skip"));
          continue;
        }
        if (host.isEmpty()) {
          out.add(new Proposal(p, Outcome.DRY_RUN, planned, branch, title, body, Optional.of(review),
              Optional.empty(), ""));
          continue;
        }
        if (base.isEmpty()) {
          base = Optional.of(host.get().defaultBranch(repo));
        }
        out.add(open(p, planned.get(), branch, title, body, review, base.get()));
        open++;
      } catch (WardenException e) {
        if (e.code() != ErrorCode.CONFIG && e.code() != ErrorCode.INPUT) {
          throw e;
        }
        LOG.info("watch: {} not proposed: {}", p.key(), e.getMessage());
        out.add(skipped(p, Outcome.SKIPPED, branch, title, e.getMessage()));
      }
    }
    return out;
  }

  private Proposal open(Problem p, PlannedMigration planned, String branch, String title, String body,
      ReviewReport review, BranchHead base) {
    CodeHost h = host.orElseThrow();
    if (!h.createBranch(repo, branch, base.sha())) {
      // Made by another instance, or by a tick whose state was lost: never propose twice.
      return skipped(p, Outcome.ALREADY_PROPOSED, branch, title, "branch " + branch + " exists on " + h.id());
    }
    for (PlannedMigration.File f : planned.files()) {
      h.commitFile(repo, branch, f.path(), f.content(), "[warden watch] " + p.check() + ": " + f.path());
    }
    PullRequestRef pr = h.openPullRequest(repo, branch, base.name(), title, body, review.blocked());
    state.record(new WatchState.Entry(p.key(), branch, pr.number(), planned.versions(), clock.instant()));
    LOG.info("watch: proposed {} as {}", p.key(), pr);
    return new Proposal(p, review.blocked() ? Outcome.OPENED_AS_DRAFT : Outcome.OPENED, Optional.of(planned),
        branch, title, body, Optional.of(review), Optional.of(pr), "");
  }

  private ReviewReport review(PlannedMigration planned) {
    try (ProposalTree head = ProposalTree.of(checkout, planned)) {
      return reviewer.review(checkout, head.root());
    }
  }

  private static Proposal skipped(Problem p, Outcome outcome, String branch, String title, String reason) {
    return new Proposal(p, outcome, Optional.empty(), branch, title, "", Optional.empty(), Optional.empty(), reason);
  }
}
