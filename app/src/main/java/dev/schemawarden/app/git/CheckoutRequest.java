package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The two commits one review compares, and where to fetch them from.
 *
 * @param baseSha, headSha full commit ids from the webhook (40 or 64 hex digits; anything else is refused, so a
 *     payload can never pass an option or a ref expression to git)
 * @param pullRequest the pull (merge) request number: its head ref is fetched when fetching {@code headSha} by id
 *     fails
 * @param baseBranch the target branch: fetched when fetching {@code baseSha} by id fails
 */
public record CheckoutRequest(
    GitRemote remote,
    String baseSha,
    String headSha,
    OptionalInt pullRequest,
    Optional<String> baseBranch) {
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]{0,250}");

  public CheckoutRequest {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(baseSha, "baseSha");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(pullRequest, "pullRequest");
    Objects.requireNonNull(baseBranch, "baseBranch");
    requireSha(remote, baseSha, "base");
    requireSha(remote, headSha, "head");
    baseBranch
        .filter(b -> !BRANCH.matcher(b).matches() || b.contains("..") || b.endsWith(".lock"))
        .ifPresent(
            b -> {
              throw new WardenException(
                  ErrorCode.INPUT,
                  "base branch '"
                      + b
                      + "' of "
                      + remote.repository()
                      + " is not a plain branch name: check the webhook payload");
            });
  }

  /** Both commits by id only. */
  public static CheckoutRequest of(GitRemote remote, String baseSha, String headSha) {
    return new CheckoutRequest(remote, baseSha, headSha, OptionalInt.empty(), Optional.empty());
  }

  private static void requireSha(GitRemote remote, String sha, String side) {
    if (!SHA.matcher(sha).matches()) {
      throw new WardenException(
          ErrorCode.INPUT,
          "the "
              + side
              + " commit id of "
              + remote.repository()
              + " is not a full lower-case commit id: check the webhook payload");
    }
  }
}
