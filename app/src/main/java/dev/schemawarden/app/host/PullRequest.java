package dev.schemawarden.app.host;

import java.util.Objects;

/** A pull request as it is now: the commits a review compares and who opened it. */
public record PullRequest(
    PullRequestRef ref, String author, String baseRef, String baseSha, String headRef, String headSha) {
  public PullRequest {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(baseRef, "baseRef");
    Objects.requireNonNull(baseSha, "baseSha");
    Objects.requireNonNull(headRef, "headRef");
    Objects.requireNonNull(headSha, "headSha");
  }
}
