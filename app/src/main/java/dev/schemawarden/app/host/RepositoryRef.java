package dev.schemawarden.app.host;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a repository (GitLab: a project) on a host, for what the bot writes there itself: branches, commits and
 * the pull requests {@code warden watch} proposes.
 *
 * @param host {@code github} or {@code gitlab}
 * @param repository {@code owner/name} (GitLab: the project path)
 * @param installation the GitHub App installation whose token acts on the repository; empty with a plain token
 */
public record RepositoryRef(String host, String repository, Optional<Long> installation) {
  private static final Pattern SPEC =
      Pattern.compile(
          "(github|gitlab):([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+)" + "(?:@([0-9]{1,19}))?");

  public RepositoryRef {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(installation, "installation");
  }

  /**
   * {@code github:acme/shop}, {@code gitlab:group/project}, or {@code github:acme/shop@123} with a GitHub App
   * installation, as the service's variables name repositories.
   *
   * @param variable the variable {@code spec} comes from, named in the error
   * @param configured the hosts the service has credentials for
   * @throws WardenException {@link ErrorCode#CONFIG}: a malformed spec, or a host that is not configured
   */
  public static RepositoryRef parse(String variable, String spec, Set<String> configured) {
    Matcher m = SPEC.matcher(spec.trim());
    if (!m.matches() || spec.contains("..")) {
      throw new WardenException(
          ErrorCode.CONFIG,
          variable
              + ": '"
              + spec.trim()
              + "' is not host:owner/name:"
              + " write e.g. github:acme/shop or gitlab:group/project");
    }
    if (!configured.contains(m.group(1))) {
      throw new WardenException(
          ErrorCode.CONFIG,
          variable
              + ": "
              + m.group(1)
              + " is not configured: set its"
              + " variables (docs/deployment.md) or remove "
              + spec.trim());
    }
    return new RepositoryRef(
        m.group(1), m.group(2), Optional.ofNullable(m.group(3)).map(Long::parseLong));
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
