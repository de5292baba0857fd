package dev.schemawarden.app.watch;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.ProposalStatus;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.report.ProposalMarkdown;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.watch.WatchState.Entry;
import dev.schemawarden.app.watch.WatchState.Status;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code warden watch} tick: one proposal per problem, kept current. A new problem with a migration to propose
 * is written in the repository's tool, put through Schema Warden's own review and opened as a pull request with
 * the evidence ({@link ProposalWriter}); an open proposal whose evidence changed is rewritten; one whose problem is
 * gone in production is closed with a comment; one a person closed is proposed again only when the evidence got
 * worse by {@link Settings#reopenFactor}. Every open, update, close and suppression is an audit entry
 * ({@link WatchAudit}). Reads production only through the {@link Diagnosis} it is given.
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
   * @param maxOpen at most this many open proposals for the repository; further problems wait
   * @param draftWhenBlocked a proposal our review blocks is opened as a draft with the reason (true) or not at all
   * @param reopenFactor a problem whose proposal a person closed is proposed again when its main number reaches this
   *     multiple of the number when it was closed
   * @param environment the environment production is, for the audit entries ({@code ""}: the database's name)
   */
  public record Settings(
      int maxOpen, boolean draftWhenBlocked, double reopenFactor, String environment) {
    public Settings {
      Objects.requireNonNull(environment, "environment");
    }

    public Settings(int maxOpen, boolean draftWhenBlocked) {
      this(maxOpen, draftWhenBlocked, 2.0, "");
    }

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
    /** The open proposal was rewritten: the evidence changed. */
    UPDATED,
    /** The open proposal was closed with a comment: the problem is gone in production. */
    CLOSED,
    /** Not proposed now and remembered (the cap, a blocked review, a person closed it): the reason says which. */
    SUPPRESSED,
    SKIPPED
  }

  /**
   * One problem's proposal.
   *
   * @param reason for {@link Outcome#SKIPPED}, {@link Outcome#SUPPRESSED} and {@link Outcome#ALREADY_PROPOSED}: why
   * @param review our review of the proposal, when it got that far
   */
  public record Proposal(
      Problem problem,
      Outcome outcome,
      Optional<PlannedMigration> migration,
      String branch,
      String title,
      String body,
      Optional<ReviewReport> review,
      Optional<PullRequestRef> pullRequest,
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
  private final WatchState state;
  private final Settings settings;
  private final ProposalMarkdown markdown;
  private final Clock clock;
  private final WatchAudit audit;
  private final ProposalWriter writer;

  /**
   * The repository proposals are written to: where it is hosted ({@code host} empty: a dry run that never writes
   * anywhere), its checkout, and how its migrations are laid out and parsed.
   */
  public record Repository(
      Optional<CodeHost> host,
      RepositoryRef ref,
      Path checkout,
      MigrationSettings migrations,
      SqlParser parser) {
    public Repository {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(checkout, "checkout");
      Objects.requireNonNull(migrations, "migrations");
      Objects.requireNonNull(parser, "parser");
    }
  }

  /** Nothing is audited. */
  public Watcher(
      Repository repository,
      Reviewer reviewer,
      WatchState state,
      Settings settings,
      ProposalMarkdown markdown,
      Clock clock) {
    this(repository, reviewer, state, settings, markdown, clock, WatchAudit.NONE);
  }

  /** As above; every open, update, close and suppression is appended to {@code audit}. */
  public Watcher(
      Repository repository,
      Reviewer reviewer,
      WatchState state,
      Settings settings,
      ProposalMarkdown markdown,
      Clock clock,
      WatchAudit audit) {
    this.host = repository.host();
    this.repo = repository.ref();
    this.state = Objects.requireNonNull(state, "state");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.markdown = Objects.requireNonNull(markdown, "markdown");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.writer = new ProposalWriter(repository, reviewer, markdown, clock);
  }

  /** {@code warden/dg101/public-orders-note-idx-1a2b3c4d}: plain characters, and a hash so two names never share one. */
  public static String branch(Problem p) {
    String object = slug(p.object());
    String check = p.check().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    return "warden/"
        + check
        + "/"
        + (object.isEmpty() ? "" : object + "-")
        + dev.schemawarden.analyzers.api.Sha256.hex(p.key()).substring(0, 8);
  }

  /** The branch of the {@code round}th proposal of a problem: the first has no suffix, a later one {@code -2}... */
  static String branch(Problem p, int round) {
    return round <= 1 ? branch(p) : branch(p) + "-" + round;
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
    String s =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return s.length() > 60 ? s.substring(0, 60).replaceAll("-+$", "") : s;
  }

  /** Runs one tick over {@code diagnosis}; returns what it did with each problem (and each proposal it closed). */
  public List<Proposal> tick(Diagnosis diagnosis) {
    List<Proposal> out = new ArrayList<>();
    Set<String> taken = new HashSet<>(state.versions());
    Set<String> reported = new HashSet<>();
    String environment =
        settings.environment().isEmpty() ? diagnosis.database() : settings.environment();
    WatchAudit.Writer trail = new WatchAudit.Writer(audit, repo, environment);
    for (Problem p : diagnosis.problems()) {
      reported.add(p.key());
      String title = markdown.title(p);
      if (p.fix().filter(f -> f.kind() == ProposedFix.Kind.MIGRATION).isEmpty()) {
        out.add(
            skipped(
                p,
                Outcome.SKIPPED,
                branch(p),
                title,
                "no migration to propose"
                    + (p.fix().isPresent()
                        ? ": an operation to run by hand (see the diagnose report)"
                        : "")));
        continue;
      }
      try {
        out.add(one(p, diagnosis, title, taken, trail));
      } catch (WardenException e) {
        if (e.code() != ErrorCode.CONFIG && e.code() != ErrorCode.INPUT) {
          throw e;
        }
        LOG.info("watch: {} not proposed: {}", p.key(), e.getMessage());
        out.add(skipped(p, Outcome.SKIPPED, branch(p), title, e.getMessage()));
      }
    }
    if (host.isPresent()) {
      for (Entry e : state.entries()) {
        if (e.status() == Status.OPEN
            && !reported.contains(e.key())
            && judged(diagnosis, e.key())) {
          close(e, diagnosis, trail).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private Proposal one(
      Problem p, Diagnosis d, String title, Set<String> taken, WatchAudit.Writer trail) {
    Optional<Entry> earlier = state.get(p.key());
    if (earlier.isEmpty()) {
      return propose(p, d, title, taken, 1, "", trail);
    }
    Entry e = earlier.get();
    return switch (e.status()) {
      case OPEN ->
          host.isEmpty()
              ? skipped(
                  p, Outcome.ALREADY_PROPOSED, e.branch(), title, "proposed in #" + e.number())
              : keepCurrent(p, e, d, title, taken, trail);
      case MERGED ->
          skipped(
              p,
              Outcome.ALREADY_PROPOSED,
              e.branch(),
              title,
              "#" + e.number() + " was merged: waiting for it to reach production");
      case CLOSED_BY_HUMAN -> {
        Problem.Measure now = Evidence.main(p);
        if (e.measure() > 0
            ? now.value() >= settings.reopenFactor() * e.measure()
            : now.value() > 0) {
          String note =
              markdown.reproposedNote(
                  e.number(),
                  now.name(),
                  new Problem.Measure(now.name(), e.measure(), now.unit()).display(),
                  now.display(),
                  settings.reopenFactor());
          yield propose(p, d, title, taken, e.round() + 1, note, trail);
        }
        yield skipped(
            p,
            Outcome.ALREADY_PROPOSED,
            e.branch(),
            title,
            "a person closed #"
                + e.number()
                + " when "
                + now.name()
                + " was "
                + new Problem.Measure(now.name(), e.measure(), now.unit()).display()
                + "; proposed again at "
                + settings.reopenFactor()
                + " times that (watch.reopen-factor)");
      }
      case RESOLVED -> propose(p, d, title, taken, e.round() + 1, "", trail);
      case SUPPRESSED -> propose(p, d, title, taken, e.round(), "", trail);
    };
  }

  /** A first proposal, or one made again (a later round: a new branch, as the earlier one stays on the host). */
  private Proposal propose(
      Problem p,
      Diagnosis d,
      String title,
      Set<String> taken,
      int round,
      String note,
      WatchAudit.Writer trail) {
    String branch = branch(p, round);
    Optional<Entry> earlier = state.get(p.key());
    if (host.isPresent() && state.open() >= settings.maxOpen()) {
      return suppress(
          p,
          earlier,
          branch,
          round,
          title,
          "watch.max-open (" + settings.maxOpen() + ") proposals are open already",
          trail);
    }
    if (earlier
        .filter(
            e ->
                e.status() == Status.SUPPRESSED
                    && e.reason().startsWith(BLOCKED)
                    && e.fingerprint().equals(Evidence.fingerprint(p)))
        .isPresent()) {
      // reviewed already with this evidence: a review costs a trace, and its verdict would be the
      // same
      return skipped(p, Outcome.SUPPRESSED, branch, title, earlier.get().reason());
    }
    Optional<ProposalWriter.Draft> draft = writer.draft(p, d, taken, note);
    if (draft.isEmpty()) {
      return skipped(p, Outcome.SKIPPED, branch, title, "no migration to propose");
    }
    ProposalWriter.Draft w = draft.get();
    taken.addAll(w.planned().versions());
    if (w.review().blocked() && !settings.draftWhenBlocked()) {
      Proposal s =
          suppress(p, earlier, branch, round, title, BLOCKED + " and watch.blocked is skip", trail);
      return new Proposal(
          p,
          Outcome.SUPPRESSED,
          Optional.of(w.planned()),
          branch,
          title,
          w.body(),
          Optional.of(w.review()),
          Optional.empty(),
          s.reason());
    }
    if (host.isEmpty()) {
      return new Proposal(
          p,
          Outcome.DRY_RUN,
          Optional.of(w.planned()),
          branch,
          title,
          w.body(),
          Optional.of(w.review()),
          Optional.empty(),
          "");
    }
    Optional<ProposalWriter.Opened> opened = writer.open(p, w, branch, title);
    if (opened.isEmpty()) {
      // Made by another instance, or by a tick whose state was lost: never propose twice.
      return skipped(
          p,
          Outcome.ALREADY_PROPOSED,
          branch,
          title,
          "branch " + branch + " exists on " + host.get().id());
    }
    PullRequestRef pr = opened.get().pullRequest();
    Entry entry =
        new Entry(
            p.key(),
            branch,
            pr.number(),
            w.planned().versions(),
            clock.instant(),
            Status.OPEN,
            Evidence.sha256(p),
            Evidence.fingerprint(p),
            Evidence.main(p).value(),
            round,
            "",
            w.fileHashes());
    state.record(entry);
    trail.append(
        AuditEvent.PROPOSAL_OPENED,
        p.key(),
        entry,
        opened.get().headSha(),
        "opened #"
            + pr.number()
            + (w.review().blocked() ? " as a draft: our review blocks it" : "")
            + (round > 1 ? " (round " + round + ")" : ""));
    LOG.info("watch: proposed {} as {}", p.key(), pr);
    return new Proposal(
        p,
        w.review().blocked() ? Outcome.OPENED_AS_DRAFT : Outcome.OPENED,
        Optional.of(w.planned()),
        branch,
        title,
        w.body(),
        Optional.of(w.review()),
        Optional.of(pr),
        "");
  }

  private static final String BLOCKED = "our review blocks it";

  /** Remembers a problem not proposed now; audited once per reason, not on every tick it stays so. */
  private Proposal suppress(
      Problem p,
      Optional<Entry> earlier,
      String branch,
      int round,
      String title,
      String reason,
      WatchAudit.Writer trail) {
    boolean same =
        earlier
            .filter(e -> e.status() == Status.SUPPRESSED && e.reason().equals(reason))
            .isPresent();
    if (!same && host.isPresent()) {
      Entry entry =
          new Entry(
              p.key(),
              branch,
              0,
              List.of(),
              clock.instant(),
              Status.SUPPRESSED,
              Evidence.sha256(p),
              Evidence.fingerprint(p),
              Evidence.main(p).value(),
              round,
              reason,
              java.util.Map.of());
      state.record(entry);
      trail.append(AuditEvent.PROPOSAL_SUPPRESSED, p.key(), entry, "", reason);
    }
    return skipped(p, Outcome.SUPPRESSED, branch, title, reason);
  }

  /** An open proposal: still open on the host? Then rewrite it when the evidence changed. */
  private Proposal keepCurrent(
      Problem p, Entry e, Diagnosis d, String title, Set<String> taken, WatchAudit.Writer trail) {
    CodeHost h = host.orElseThrow();
    ProposalStatus now = h.botPullRequests().proposalStatus(repo, e.number());
    if (now == ProposalStatus.MERGED) {
      state.record(e.with(Status.MERGED, e.measure(), "", clock.instant()));
      return skipped(
          p, Outcome.ALREADY_PROPOSED, e.branch(), title, "#" + e.number() + " was merged");
    }
    if (now == ProposalStatus.CLOSED) {
      Problem.Measure main = Evidence.main(p);
      String reason =
          "a person closed #" + e.number() + " when " + main.name() + " was " + main.display();
      Entry closed = e.with(Status.CLOSED_BY_HUMAN, main.value(), reason, clock.instant());
      state.record(closed);
      trail.append(AuditEvent.PROPOSAL_SUPPRESSED, p.key(), closed, "", reason);
      return skipped(p, Outcome.SUPPRESSED, e.branch(), title, reason);
    }
    if (e.fingerprint().equals(Evidence.fingerprint(p))) {
      return skipped(p, Outcome.ALREADY_PROPOSED, e.branch(), title, "proposed in #" + e.number());
    }
    Set<String> others = new HashSet<>(taken);
    others.removeAll(e.versions()); // its own versions are its to keep
    ProposalWriter.Draft w = writer.draft(p, d, others, e.versions(), "").orElseThrow();
    String head = writer.update(e, w, p);
    Entry updated =
        new Entry(
            e.key(),
            e.branch(),
            e.number(),
            e.versions(),
            clock.instant(),
            Status.OPEN,
            Evidence.sha256(p),
            Evidence.fingerprint(p),
            Evidence.main(p).value(),
            e.round(),
            "",
            head.isEmpty() ? e.files() : w.fileHashes());
    state.record(updated);
    trail.append(
        AuditEvent.PROPOSAL_UPDATED,
        p.key(),
        updated,
        head,
        "updated #"
            + e.number()
            + ": the evidence changed"
            + (head.isEmpty() ? "" : "; new commit " + head));
    return new Proposal(
        p,
        Outcome.UPDATED,
        Optional.of(w.planned()),
        e.branch(),
        title,
        w.body(),
        Optional.of(w.review()),
        Optional.of(repo.pullRequest(e.number())),
        "the evidence changed");
  }

  /** The problem is gone: close the proposal with a comment saying why (unless a person got there first). */
  private Optional<Proposal> close(Entry e, Diagnosis d, WatchAudit.Writer trail) {
    CodeHost h = host.orElseThrow();
    ProposalStatus now = h.botPullRequests().proposalStatus(repo, e.number());
    Entry resolved = e.with(Status.RESOLVED, e.measure(), "", clock.instant());
    if (now != ProposalStatus.OPEN) {
      state.record(resolved); // merged and deployed, or closed by a person: nothing to close
      return Optional.empty();
    }
    h.botPullRequests().commentOnPullRequest(repo, e.number(), markdown.closedComment(e.key(), d));
    h.botPullRequests().closePullRequest(repo, e.number());
    state.record(resolved);
    trail.append(
        AuditEvent.PROPOSAL_CLOSED,
        e.key(),
        resolved,
        "",
        "closed #"
            + e.number()
            + ": the problem is gone in production (diagnose at "
            + d.readAt()
            + ")");
    LOG.info("watch: closed #{}: {} is gone", e.number(), e.key());
    Problem gone =
        new Problem(
            e.key().substring(0, e.key().indexOf(' ')),
            dev.schemawarden.analyzers.api.Severity.INFO,
            e.key().substring(e.key().indexOf(' ') + 1),
            "gone in production",
            List.of(),
            Optional.empty());
    return Optional.of(
        new Proposal(
            gone,
            Outcome.CLOSED,
            Optional.empty(),
            e.branch(),
            e.key(),
            "",
            Optional.empty(),
            Optional.of(repo.pullRequest(e.number())),
            "the problem is gone in production"));
  }

  /**
   * False when the pass could not judge the check (a note names it: a window too short, a sequence it cannot
   * read): then a missing problem is not a solved one, and its proposal stays.
   */
  private static boolean judged(Diagnosis d, String key) {
    String check = key.substring(0, key.indexOf(' ') + 1);
    return d.notes().stream().noneMatch(n -> n.startsWith(check));
  }

  private static Proposal skipped(
      Problem p, Outcome outcome, String branch, String title, String reason) {
    return new Proposal(
        p,
        outcome,
        Optional.empty(),
        branch,
        title,
        "",
        Optional.empty(),
        Optional.empty(),
        reason);
  }
}
