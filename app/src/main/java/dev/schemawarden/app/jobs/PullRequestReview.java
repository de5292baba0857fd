package dev.schemawarden.app.jobs;

import dev.schemawarden.app.git.CachedCheckout;
import dev.schemawarden.app.git.CheckoutRequest;
import dev.schemawarden.app.git.RepositoryCache;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.ReviewReport.ReviewTarget;
import dev.schemawarden.app.review.PrPeople;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewRequest;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.policy.api.PolicyOverride;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's way into the one review pipeline: the pull request's two commits from the repository cache (the
 * base tree at their merge base), who is involved from the host, and {@link ReviewService#review} on them, the
 * same call {@code warden review --base} makes on a checkout. Nothing here publishes.
 */
public final class PullRequestReview {
  private static final Logger LOG = LoggerFactory.getLogger(PullRequestReview.class);

  private final ReviewService reviews;
  private final RepositoryCache repositories;

  public PullRequestReview(ReviewService reviews, RepositoryCache repositories) {
    this.reviews = reviews;
    this.repositories = repositories;
  }

  /** Reviews {@code pr} at its head; {@code recorded} are the {@code /warden override}s of that head. */
  public ReviewReport review(CodeHost host, PullRequest pr, List<PolicyOverride> recorded) {
    CheckoutRequest request =
        new CheckoutRequest(
            host.gitRemote(pr.ref()),
            pr.baseSha(),
            pr.headSha(),
            OptionalInt.of(pr.ref().number()),
            Optional.of(pr.baseRef()));
    try (CachedCheckout trees = repositories.checkout(request)) {
      trees
          .omitted()
          .forEach(
              o -> LOG.info("{}: {} {} not written: {}", pr.ref(), o.side(), o.path(), o.reason()));
      ReviewTarget target =
          new ReviewTarget(
              pr.ref().repository(),
              pr.baseRef(),
              trees.baseSha(),
              pr.headRef(),
              pr.headSha(),
              OptionalInt.of(pr.ref().number()),
              pr.title());
      return reviews.review(
          new ReviewRequest(
              trees.head(),
              new ReviewRequest.Base.Trees(trees.base(), trees.changedFiles(), target),
              pr.headSha(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              people(host, pr, recorded)),
          Progress.NONE);
    }
  }

  /**
   * Who is involved, asked of the host on every run (approvals and team membership are never cached across
   * reviews): the policy decides which of them count. Recorded {@code /warden override}s of this head go in too.
   * The GitHub Action asks the same ({@code warden review --publish github}).
   */
  public static PrPeople people(CodeHost host, PullRequest pr, List<PolicyOverride> recorded) {
    return new PrPeople(
        pr.ref().number(),
        Optional.of(host.author(pr)).filter(a -> !a.isBlank()),
        host.committers(pr),
        host.approvals(pr),
        host.labels(pr),
        Optional.empty(),
        Optional.of(pr.headSha()),
        host.teams(pr.ref()),
        List.of(),
        recorded,
        host.botLogin(pr.ref()));
  }
}
