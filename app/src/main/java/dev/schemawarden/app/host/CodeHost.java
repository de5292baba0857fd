package dev.schemawarden.app.host;

import dev.schemawarden.app.git.GitRemote;
import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.TeamDirectory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A code host (GitHub now; GitLab slots in as {@code app.host.gitlab}). Everything the service and the review job
 * need, in our records: host JSON is mapped at the boundary and never leaves the implementation's package.
 *
 * <p>Publishing is idempotent, because jobs run at least once: {@link #startCheck} reuses our check on the head
 * commit, {@link #upsertSummaryComment} edits the comment carrying the marker, {@link #postInlineComments} skips
 * comments whose marker is already on the pull request.
 *
 * <p>Calls throw {@link dev.schemawarden.app.jobs.RetryLater} for passing failures (5xx, rate limits).
 */
public interface CodeHost {

  /** {@code github}, {@code gitlab}: the path segment of {@code /webhooks/<id>} and the state store's host column. */
  String id();

  /** The host's limit on a comment body, in characters. */
  int maxCommentLength();

  /**
   * Verifies the delivery's signature (or token) over the raw body, in constant time. Called before the body is
   * parsed; headers are keyed in lower case.
   */
  boolean verify(Map<String, String> headers, byte[] body);

  /**
   * Parses a verified delivery: its id (for deduplication), event and action, and what it asks of the bot.
   *
   * @throws MalformedDeliveryException when the body is not the JSON the event promises
   */
  WebhookDelivery parseWebhook(Map<String, String> headers, byte[] body);

  /** A pull request as it is now (head and base commits). */
  PullRequest pullRequest(PullRequestRef ref);

  /**
   * Where the service's repository cache fetches the pull request's commits from, with the credentials that may
   * read it (never written into the URL).
   */
  GitRemote gitRemote(PullRequestRef pr);

  /** Every file the pull request touches (all pages). */
  List<PrFile> changedFiles(PullRequest pr);

  /** A file's text at a commit, or empty when it does not exist there. */
  Optional<String> fileAt(PullRequestRef pr, String path, String sha);

  /**
   * Creates our check on the head commit, in progress, or reuses the one an earlier attempt of the same run
   * ({@code runId}, e.g. the job id) created.
   */
  String startCheck(PullRequest pr, String runId);

  /** Completes the check {@link #startCheck} returned. */
  void completeCheck(PullRequest pr, String checkId, CheckResult result);

  /** Edits our earlier comment (found by {@code marker} in its body) or posts one; returns its id. */
  String upsertSummaryComment(PullRequestRef pr, String marker, String body);

  /** Posts the comments whose marker is not yet on the pull request; returns how many were posted. */
  int postInlineComments(PullRequest pr, List<InlineComment> comments);

  /** True when {@code user} may write to the repository (and so may run commands). */
  boolean canWrite(PullRequestRef pr, String user);

  /**
   * Who has approved the pull request, for the policy. Empty by default (a host that cannot tell); a host that
   * cannot say on which commit an approval was given reports it against the head.
   */
  default List<Approval> approvals(PullRequest pr) {
    return List.of();
  }

  /**
   * The merge commit when the pull request is merged; empty while it is open or closed unmerged, and on a host that
   * cannot tell (an agent's {@code request_apply} then refuses: it applies merged changes only).
   */
  default Optional<String> mergeCommit(PullRequestRef pr) {
    return Optional.empty();
  }

  /** Who opened the pull request (its author's login). */
  default String author(PullRequest pr) {
    return pr.author();
  }

  /**
   * Logins of the authors and committers of the pull request's commits (all pages). Commits whose author has no
   * account on the host are left out: they cannot approve anyway. Empty by default (a host that cannot tell).
   */
  default Set<String> committers(PullRequest pr) {
    return Set.of();
  }

  /** The labels on the pull request. */
  default Set<String> labels(PullRequest pr) {
    return Set.of();
  }

  /**
   * Team membership as the host reports it, asked lazily while the policy decides (never cached across reviews).
   * Teams are named {@code org/team} (GitHub: organisation and team slug; GitLab: the group's full path).
   */
  default TeamDirectory teams(PullRequestRef pr) {
    return TeamDirectory.empty();
  }

  // ---- what the bot proposes itself (warden watch, an agent's propose_migration)
  // ---------------------------------
  // The default refuses, so a host without it still reviews; GitHub and GitLab hand out theirs.

  /** Branches, commits and the bot's own pull requests, for what it proposes; refused by a host without them. */
  default BotPullRequests botPullRequests() {
    throw new dev.schemawarden.analyzers.api.WardenException(
        dev.schemawarden.analyzers.api.ErrorCode.CONFIG,
        id() + " cannot open pull requests: warden watch and agents propose on github or gitlab");
  }

  /** The bot's own login on the host: its approvals never count. */
  default String botLogin(PullRequestRef pr) {
    return "schema-warden[bot]";
  }

  /**
   * The pull request's page for people (the console links to it); empty when the host cannot tell. Built from the
   * service's own settings, never from the event, so a delivery cannot point the link elsewhere.
   */
  default java.util.Optional<String> webUrl(PullRequestRef pr) {
    return java.util.Optional.empty();
  }
}
