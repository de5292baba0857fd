package dev.schemawarden.app.host;

import java.util.Objects;

/**
 * A pull request as it is now: the commits a review compares, who opened it and its title (the author's text: shown
 * escaped, never trusted).
 */
public record PullRequest(
    PullRequestRef ref,
    String author,
    String baseRef,
    String baseSha,
    String headRef,
    String headSha,
    String title) {
  /** Without a title (a host or test that does not know it). */
  public PullRequest(
      PullRequestRef ref,
      String author,
      String baseRef,
      String baseSha,
      String headRef,
      String headSha) {
    this(ref, author, baseRef, baseSha, headRef, headSha, "");
  }

  public PullRequest {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(baseRef, "baseRef");
    Objects.requireNonNull(baseSha, "baseSha");
    Objects.requireNonNull(headRef, "headRef");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(title, "title");
  }
}
