package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.Severity;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to review: the directory at head, what to compare it with, and overrides from the command line.
 *
 * @param repo the reviewed directory (a git repository or a directory inside one; with {@link Base.Directory} any
 *     directory)
 * @param base the base side
 * @param headRef the head commit for {@link Base.GitRef} ({@code HEAD} by default)
 * @param config a config file to use instead of {@code .schemawarden.yml} at the head tree's root
 * @param failOn overrides the config's {@code fail-on}
 * @param trace {@code --trace} (true: tracing must work, its failure is an error) or {@code --no-trace} (false);
 *     empty: the config decides and a tracing failure only degrades the review to predicted effects
 * @param snapshot production's schema snapshot file ({@code --snapshot}); wins over the config's {@code snapshot:}
 * @param people author, approvals, labels, teams... for the policy stage
 */
public record ReviewRequest(
    Path repo,
    Base base,
    String headRef,
    Optional<Path> config,
    Optional<Severity> failOn,
    Optional<Boolean> trace,
    Optional<Path> snapshot,
    PrPeople people) {

  /** Without a trace choice or snapshot file: the config decides; nobody known ({@link PrPeople#unknown()}). */
  public ReviewRequest(
      Path repo, Base base, String headRef, Optional<Path> config, Optional<Severity> failOn) {
    this(
        repo,
        base,
        headRef,
        config,
        failOn,
        Optional.empty(),
        Optional.empty(),
        PrPeople.unknown());
  }

  /** Nobody known ({@link PrPeople#unknown()}): the policy sees no author and no approvals. */
  public ReviewRequest(
      Path repo,
      Base base,
      String headRef,
      Optional<Path> config,
      Optional<Severity> failOn,
      Optional<Boolean> trace,
      Optional<Path> snapshot) {
    this(repo, base, headRef, config, failOn, trace, snapshot, PrPeople.unknown());
  }

  /** The base side of the comparison. */
  public sealed interface Base {
    /**
     * A branch, tag or commit in the same repository; compared from the merge base, like a pull request.
     *
     * @param settingsFromBase read the configuration, policy, context and CODEOWNERS from the merge base (an
     *     untrusted head, as under {@code pull_request_target}), not from the head
     */
    record GitRef(String ref, boolean settingsFromBase) implements Base {
      public GitRef {
        Objects.requireNonNull(ref, "ref");
      }

      /** Settings from the head tree (a local or trusted review). */
      public GitRef(String ref) {
        this(ref, false);
      }
    }

    /** A checkout of the base on disk. */
    record Directory(Path dir) implements Base {
      public Directory {
        Objects.requireNonNull(dir, "dir");
      }
    }

    /**
     * The service's two trees from its repository cache ({@code repo} is the head tree): the base tree at the merge
     * base, the files the change touches and what was reviewed. The configuration, policy, context and CODEOWNERS
     * are read from this base tree.
     */
    record Trees(
        Path dir,
        java.util.List<dev.schemawarden.app.git.ChangedFile> changedFiles,
        dev.schemawarden.app.report.ReviewReport.ReviewTarget target)
        implements Base {
      public Trees {
        Objects.requireNonNull(dir, "dir");
        changedFiles = java.util.List.copyOf(changedFiles);
        Objects.requireNonNull(target, "target");
      }
    }
  }

  public ReviewRequest {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(headRef, "headRef");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(failOn, "failOn");
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(people, "people");
  }
}
