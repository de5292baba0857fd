package dev.schemawarden.app.console;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored review as the list shows it. Title and repository come from the host event: hostile text, shown only
 * through escaping templates.
 *
 * @param decision {@code allow}, {@code needs_approval}, {@code deny} or {@code none}
 * @param prUrl the pull request's page, built from the service's host settings; {@code ""} when unknown
 */
public record ReviewSummary(
    long id,
    String host,
    String repository,
    int prNumber,
    String prTitle,
    String prUrl,
    String headSha,
    String baseSha,
    String decision,
    int errors,
    int warnings,
    Instant startedAt,
    long durationMs) {
  public ReviewSummary {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(prTitle, "prTitle");
    Objects.requireNonNull(prUrl, "prUrl");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(baseSha, "baseSha");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** The first 12 characters of the head commit, as the list shows it. */
  public String shortSha() {
    return headSha.length() > 12 ? headSha.substring(0, 12) : headSha;
  }

  /** {@code prUrl} when it is an http(s) link, else {@code ""}: nothing else becomes an {@code href}. */
  public String safeUrl() {
    return prUrl.startsWith("https://") || prUrl.startsWith("http://") ? prUrl : "";
  }
}
