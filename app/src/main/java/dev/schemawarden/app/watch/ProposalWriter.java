package dev.schemawarden.app.watch;

import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.app.host.BranchHead;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.report.ProposalMarkdown;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes one proposal: the migration in the repository's tool, our review of it, the body; then the branch, its
 * commits and the pull request on the host, or, for a proposal already open, the new body and any changed file.
 */
final class ProposalWriter {
  /** A proposal written but not yet sent. */
  record Draft(PlannedMigration planned, ReviewReport review, String body) {
    /** Each file's path and the SHA-256 of its text: what a later update compares. */
    Map<String, String> fileHashes() {
      Map<String, String> out = new TreeMap<>();
      planned.files().forEach(f -> out.put(f.path(), Sha256.hex(f.content())));
      return out;
    }
  }

  /** A pull request opened, and the commit its branch points at. */
  record Opened(PullRequestRef pullRequest, String headSha) {}

  private final Optional<CodeHost> host;
  private final RepositoryRef repo;
  private final Path checkout;
  private final MigrationSettings migrations;
  private final SqlParser parser;
  private final Watcher.Reviewer reviewer;
  private final ProposalMarkdown markdown;
  private final Clock clock;
  private Optional<BranchHead> base = Optional.empty();

  ProposalWriter(
      Watcher.Repository repository,
      Watcher.Reviewer reviewer,
      ProposalMarkdown markdown,
      Clock clock) {
    this.host = repository.host();
    this.repo = repository.ref();
    this.checkout = repository.checkout();
    this.migrations = repository.migrations();
    this.parser = repository.parser();
    this.reviewer = reviewer;
    this.markdown = markdown;
    this.clock = clock;
  }

  /** The migration for {@code p}'s fix (never one of the {@code taken} versions), reviewed, with its body. */
  Optional<Draft> draft(Problem p, Diagnosis d, Set<String> taken, String note) {
    return draft(p, d, taken, List.of(), note);
  }

  /** As above, keeping the versions {@code reuse} (an open proposal's) where the history has not taken them. */
  Optional<Draft> draft(
      Problem p, Diagnosis d, Set<String> taken, List<String> reuse, String note) {
    Optional<PlannedMigration> planned =
        MigrationPlanner.plan(checkout, migrations, parser, p, clock.instant(), taken, reuse);
    if (planned.isEmpty()) {
      return Optional.empty();
    }
    ReviewReport review;
    try (ProposalTree head = ProposalTree.of(checkout, planned.get())) {
      review = reviewer.review(checkout, head.root());
    }
    Map<String, String> files = new LinkedHashMap<>();
    planned.get().files().forEach(f -> files.put(f.path(), f.content()));
    String body = note + markdown.body(p, d, p.key(), files, review);
    return Optional.of(new Draft(planned.get(), review, body));
  }

  /** Opens {@code draft} on {@code branch}; empty when the branch exists already (nothing was written). */
  Optional<Opened> open(Problem p, Draft draft, String branch, String title) {
    CodeHost h = host.orElseThrow();
    if (base.isEmpty()) {
      base = Optional.of(h.botPullRequests().defaultBranch(repo));
    }
    if (!h.botPullRequests().createBranch(repo, branch, base.get().sha())) {
      return Optional.empty();
    }
    String head = base.get().sha();
    for (PlannedMigration.File f : draft.planned().files()) {
      head =
          h.botPullRequests()
              .commitFile(
                  repo,
                  branch,
                  f.path(),
                  f.content(),
                  "[warden watch] " + p.check() + ": " + f.path());
    }
    PullRequestRef pr =
        h.botPullRequests()
            .openPullRequest(
                repo, branch, base.get().name(), title, draft.body(), draft.review().blocked());
    return Optional.of(new Opened(pr, head));
  }

  /**
   * Rewrites an open proposal: a new commit of each file whose text changed, then the body. Returns the new head
   * commit, or {@code ""} when no file changed. When the files would now take other paths (the default branch
   * moved on), the branch is left as it is: moving them is a person's call, and the body says what changed.
   */
  String update(WatchState.Entry e, Draft draft, Problem p) {
    CodeHost h = host.orElseThrow();
    Map<String, String> now = draft.fileHashes();
    String head = "";
    if (now.keySet().equals(e.files().keySet())) {
      for (PlannedMigration.File f : draft.planned().files()) {
        if (!now.get(f.path()).equals(e.files().get(f.path()))) {
          head =
              h.botPullRequests()
                  .commitFile(
                      repo,
                      e.branch(),
                      f.path(),
                      f.content(),
                      "[warden watch] "
                          + p.check()
                          + ": update "
                          + f.path()
                          + " (the evidence changed)");
        }
      }
    }
    h.botPullRequests().updatePullRequestBody(repo, e.number(), draft.body());
    return head;
  }

  static List<String> paths(Draft d) {
    return d.planned().files().stream().map(PlannedMigration.File::path).toList();
  }
}
