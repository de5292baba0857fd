package dev.schemawarden.app.host;

import java.util.Objects;
import java.util.Optional;

/**
 * Names a pull (merge) request on a host.
 *
 * @param host {@code github} or {@code gitlab}
 * @param repository {@code owner/name} (GitLab: the project path)
 * @param number the pull request number (GitLab: the merge request iid)
 * @param installation the GitHub App installation whose token acts on the repository; empty with a plain token
 */
public record PullRequestRef(
    String host, String repository, int number, Optional<Long> installation) {
  public PullRequestRef {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(installation, "installation");
  }

  /** The queue key: jobs of one pull request never run at the same time. */
  public String key() {
    return host + ":" + repository + "#" + number;
  }

  @Override
  public String toString() {
    return repository + "#" + number;
  }
}
