package dev.schemawarden.app.host;

import java.util.Objects;
import java.util.Optional;

/**
 * Names a repository (GitLab: a project) on a host, for what the bot writes there itself: branches, commits and
 * the pull requests {@code warden watch} proposes.
 *
 * @param host {@code github} or {@code gitlab}
 * @param repository {@code owner/name} (GitLab: the project path)
 * @param installation the GitHub App installation whose token acts on the repository; empty with a plain token
 */
public record RepositoryRef(String host, String repository, Optional<Long> installation) {
  public RepositoryRef {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(installation, "installation");
  }

  /** The pull request {@code number} of this repository. */
  public PullRequestRef pullRequest(int number) {
    return new PullRequestRef(host, repository, number, installation);
  }

  @Override
  public String toString() {
    return repository;
  }
}
