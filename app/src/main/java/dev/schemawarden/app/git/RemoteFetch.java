package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings the two commits of a request into a partial clone: nothing when both are there, else a fetch of exactly
 * those ids (the host must allow fetching reachable commits by id; GitHub and GitLab do), else of the pull request's
 * head ref and the base branch. Fetched commits are kept under {@code refs/warden/} so the next fetch negotiates
 * from them and sends only new objects, and so garbage collection never drops them.
 */
final class RemoteFetch {
  private final GitCli git;
  private final CheckoutRequest request;

  RemoteFetch(GitCli git, CheckoutRequest request) {
    this.git = git;
    this.request = request;
  }

  void fetch() {
    List<String> wanted = new ArrayList<>();
    for (String sha : List.of(request.baseSha(), request.headSha())) {
      if (!present(sha) && !wanted.contains(sha)) {
        wanted.add(sha);
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    List<String> refspecs = wanted.stream().map(sha -> "+" + sha + ":refs/warden/" + sha).toList();
    GitCli.Result byId = run(refspecs);
    if (!byId.ok()) {
      List<String> fallback = new ArrayList<>();
      request
          .pullRequest()
          .ifPresent(
              n ->
                  fallback.add(
                      "+" + request.remote().host().pullRequestRef(n) + ":refs/warden/pr/" + n));
      request
          .baseBranch()
          .ifPresent(b -> fallback.add("+refs/heads/" + b + ":refs/warden/branch/" + b));
      GitCli.Result byRef = fallback.isEmpty() ? byId : run(fallback);
      if (!byRef.ok()) {
        throw new WardenException(
            ErrorCode.INFRASTRUCTURE,
            "cannot fetch "
                + String.join(" and ", wanted)
                + " of "
                + request.remote().repository()
                + " from "
                + request.remote().url()
                + " (exit "
                + byRef.exitCode()
                + "): "
                + byRef.stderr()
                + ": check the host is reachable and the credentials may"
                + " read the repository");
      }
    }
    for (String sha : wanted) {
      if (!present(sha)) {
        throw new WardenException(
            ErrorCode.INFRASTRUCTURE,
            "commit "
                + sha
                + " is not in "
                + request.remote().repository()
                + " at "
                + request.remote().url()
                + ": it may have been force-pushed away; push again to trigger a new review");
      }
      git.run(List.of("update-ref", "refs/warden/" + sha, sha), Map.of());
    }
    prune();
  }

  private GitCli.Result run(List<String> refspecs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "fetch",
                "--quiet",
                "--no-tags",
                "--no-write-fetch-head",
                "--filter=blob:none",
                "origin"));
    args.addAll(refspecs);
    return git.run(args, Map.of());
  }

  /** Whether the commit is in the clone, without the lazy fetch a partial clone does for a missing object. */
  private boolean present(String sha) {
    return git.run(List.of("rev-list", "-n1", "--no-walk", "--missing=print", sha), Map.of()).ok();
  }

  /** Keeps the newest {@link RepositoryCache#KEPT_REFS} refs under {@code refs/warden/}. */
  private void prune() {
    GitCli.Result refs =
        git.run(
            List.of("for-each-ref", "--sort=-committerdate", "--format=%(refname)", "refs/warden/"),
            Map.of());
    List<String> names = refs.out().lines().filter(s -> !s.isBlank()).toList();
    if (!refs.ok() || names.size() <= RepositoryCache.KEPT_REFS) {
      return;
    }
    StringBuilder stdin = new StringBuilder();
    names
        .subList(RepositoryCache.KEPT_REFS, names.size())
        .forEach(n -> stdin.append("delete ").append(n).append('\n'));
    git.run(
        List.of("update-ref", "--stdin"),
        Map.of(),
        stdin.toString().getBytes(StandardCharsets.UTF_8));
  }
}
