package dev.schemawarden.app.host;

/**
 * What the bot proposes itself ({@code warden watch}, an agent's {@code propose_migration}): a branch from the
 * default branch, the migration committed on it, and the pull (merge) request it opens and later keeps current or
 * closes. GitHub and GitLab implement it; {@link CodeHost#botPullRequests()} hands it out.
 */
public interface BotPullRequests {

  /** The repository's default branch and its head commit: where a proposal branches from and merges into. */
  BranchHead defaultBranch(RepositoryRef repo);

  /** Creates {@code branch} at {@code sha}; false (and nothing changed) when the branch exists already. */
  boolean createBranch(RepositoryRef repo, String branch, String sha);

  /** Commits {@code content} as {@code path} on {@code branch} (creating or replacing the file); returns the commit. */
  String commitFile(RepositoryRef repo, String branch, String path, String content, String message);

  /** Opens a pull (merge) request from {@code branch} into {@code base}, as a draft when {@code draft}. */
  PullRequestRef openPullRequest(
      RepositoryRef repo, String branch, String base, String title, String body, boolean draft);

  /** Whether the pull (merge) request {@code number} the bot opened is open, closed or merged. */
  ProposalStatus proposalStatus(RepositoryRef repo, int number);

  /** Replaces the body (GitLab: description) of the bot's pull (merge) request {@code number}. */
  void updatePullRequestBody(RepositoryRef repo, int number, String body);

  /** Posts {@code body} as a new comment on pull (merge) request {@code number}. */
  void commentOnPullRequest(RepositoryRef repo, int number, String body);

  /** Closes pull (merge) request {@code number} without merging it. */
  void closePullRequest(RepositoryRef repo, int number);
}
