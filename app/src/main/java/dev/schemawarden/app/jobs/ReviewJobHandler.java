package dev.schemawarden.app.jobs;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.console.ReviewLog;
import dev.schemawarden.app.git.RepositoryCache;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.HostEvent;
import dev.schemawarden.app.host.PrFile;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.publish.ReviewPublisher;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.policy.api.PolicyOverride;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pull request's review and publishes it: the check (in progress, then completed), the sticky summary
 * comment and line comments with one-click suggestions. The two trees come from the service's repository cache
 * (a partial clone fetched for exactly the event's commits), so the review sees the whole migration history, as
 * {@code warden review --base} does in a checkout, and goes through the same pipeline. Configuration, policy,
 * context and CODEOWNERS come from the base tree: a pull request never weakens the rules that judge it.
 */
public final class ReviewJobHandler implements JobHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewJobHandler.class);

  private final Map<String, CodeHost> hosts;
  private final ReviewService reviews;
  private final Overrides overrides;
  private final PullRequestReview review;
  private final ReviewPublisher publisher;
  private final ReviewLog log;

  public ReviewJobHandler(
      Map<String, CodeHost> hosts,
      ReviewService reviews,
      Overrides overrides,
      RepositoryCache repositories) {
    this(hosts, reviews, overrides, repositories, ReviewLog.none());
  }

  /** As above, storing each published review in {@code log} for the console. */
  public ReviewJobHandler(
      Map<String, CodeHost> hosts,
      ReviewService reviews,
      Overrides overrides,
      RepositoryCache repositories,
      ReviewLog log) {
    this.log = log;
    this.hosts = Map.copyOf(hosts);
    this.reviews = reviews;
    this.overrides = overrides;
    this.review = new PullRequestReview(reviews, repositories);
    this.publisher = new ReviewPublisher(reviews.catalog());
  }

  @Override
  public void handle(Job job) {
    CodeHost host = JobPayloads.hostFor(job, hosts);
    HostEvent event = JobPayloads.read(job);
    if (event instanceof HostEvent.Review r) {
      review(host, r.pr(), job);
    } else if (event instanceof HostEvent.Recheck c) {
      if (authorised(host, c.pr(), c.user(), "recheck")) {
        review(host, c.pr(), job);
      }
    } else if (event instanceof HostEvent.Override o) {
      if (authorised(host, o.pr(), o.user(), "override")) {
        PullRequest pr = host.pullRequest(o.pr());
        overrides.record(
            o.pr(),
            new PolicyOverride(o.user(), o.target(), o.reason(), pr.headSha()),
            job.deliveryId());
        review(host, o.pr(), job);
      }
    }
  }

  private static boolean authorised(CodeHost host, PullRequestRef pr, String user, String command) {
    if (host.canWrite(pr, user)) {
      return true;
    }
    LOG.info(
        "{}: /warden {} from {} ignored: needs write access to {}",
        pr,
        command,
        user,
        pr.repository());
    return false;
  }

  private void review(CodeHost host, PullRequestRef ref, Job job) {
    PullRequest pr = host.pullRequest(ref);
    String checkId = host.startCheck(pr, "job-" + job.id());
    List<PrFile> files = host.changedFiles(pr);
    List<PolicyOverride> recorded =
        overrides.forPullRequest(ref).stream().filter(o -> o.sha().equals(pr.headSha())).toList();
    ReviewReport report;
    java.time.Instant started = java.time.Instant.now();
    try {
      report = review.review(host, pr, recorded);
    } catch (WardenException e) {
      if (e.code() == ErrorCode.CONFIG
          || e.code() == ErrorCode.INPUT
          || e.code() == ErrorCode.USAGE) {
        // The repository's fault, not ours: say so on the pull request instead of retrying.
        publisher.publishFailure(host, pr, checkId, e.getMessage());
        return;
      }
      throw e;
    }
    int posted = publisher.publish(host, pr, checkId, report, files, recorded).newLineComments();
    log.record(
        pr,
        host.webUrl(ref),
        report,
        started,
        java.time.Duration.between(started, java.time.Instant.now()));
    LOG.info(
        "{}: reviewed {} at {}: {} finding(s), {} new line comment(s)",
        ref,
        job.kind(),
        pr.headSha(),
        report.findings().size(),
        posted);
  }
}
