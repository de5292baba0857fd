package dev.schemawarden.app.watch;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.git.CachedCheckout;
import dev.schemawarden.app.git.CheckoutRequest;
import dev.schemawarden.app.git.RepositoryCache;
import dev.schemawarden.app.host.BranchHead;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewRequest;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.state.ScheduledWork;
import dev.schemawarden.app.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The watch tasks {@code warden serve} schedules, from {@code WARDEN_WATCH_REPOSITORIES} (docs/watch.md). */
public final class WatchTasks {
  /** {@code github:acme/shop,gitlab:group/project}; a GitHub App installation as {@code github:acme/shop@123}. */
  public static final String REPOSITORIES_ENV = "WARDEN_WATCH_REPOSITORIES";

  private WatchTasks() {}

  /** How every watch reviews a proposal: the service's own review of the checkout against the proposal's copy. */
  public static Watcher.Reviewer reviewer(ReviewService reviews) {
    return (base, head) ->
        reviews.review(
            new ReviewRequest(
                head,
                new ReviewRequest.Base.Directory(base),
                "HEAD",
                Optional.empty(),
                Optional.empty()),
            Progress.NONE);
  }

  /**
   * One task per repository {@code env} names; none when the variable is unset.
   *
   * @throws WardenException {@link ErrorCode#CONFIG} at start-up: a malformed entry, or a host not configured
   */
  public static List<ScheduledWork.Task> fromEnv(
      Map<String, String> env,
      Map<String, CodeHost> hosts,
      StateStore store,
      ReviewService reviews,
      RepositoryCache cache,
      Clock clock) {
    List<RepositoryRef> repositories = repositories(env, hosts.keySet());
    if (repositories.isEmpty()) {
      return List.of();
    }
    WatchAudit audit = AuditLog.open(store)::append;
    return repositories.stream()
        .<ScheduledWork.Task>map(
            repo ->
                new WatchTask(
                    hosts.get(repo.host()),
                    repo,
                    (h, r) -> defaultBranch(cache, h, r),
                    reviews.configLoader(),
                    reviewer(reviews),
                    store.pooledDataSource(),
                    audit,
                    env,
                    clock))
        .toList();
  }

  /** The repositories {@code env} names, each on a configured host; none when the variable is unset. */
  public static List<RepositoryRef> repositories(
      Map<String, String> env, java.util.Set<String> hosts) {
    String value = env.getOrDefault(REPOSITORIES_ENV, "").trim();
    List<RepositoryRef> out = new ArrayList<>();
    for (String item : value.isEmpty() ? new String[0] : value.split(",")) {
      out.add(RepositoryRef.parse(REPOSITORIES_ENV, item, hosts));
    }
    return List.copyOf(out);
  }

  /** The default branch's tree from the service's repository cache (the head side of a checkout of one commit). */
  static WatchTask.Checkout defaultBranch(
      RepositoryCache cache, CodeHost host, RepositoryRef repo) {
    BranchHead head = host.botPullRequests().defaultBranch(repo);
    CachedCheckout c =
        cache.checkout(
            new CheckoutRequest(
                host.gitRemote(repo.pullRequest(0)),
                head.sha(),
                head.sha(),
                OptionalInt.empty(),
                Optional.of(head.name())));
    return new WatchTask.Checkout() {
      @Override
      public Path root() {
        return c.head();
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }
}
