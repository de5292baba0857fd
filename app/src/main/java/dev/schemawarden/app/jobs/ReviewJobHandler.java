package dev.schemawarden.app.jobs;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.publish.ReviewPublisher;
import dev.schemawarden.app.host.CheckResult;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.HostEvent;
import dev.schemawarden.app.host.InlineComment;
import dev.schemawarden.app.host.PrFile;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.app.review.PrPeople;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewRequest;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.rules.api.Decision;
import dev.schemawarden.rules.api.PolicyOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pull request's review and publishes it: the check (in progress, then completed), the sticky summary
 * comment and line comments with one-click suggestions. The files the review needs (the changed migrations and
 * the configuration, at head and base) are fetched from the host into a temporary base/head pair of directories
 * and reviewed with {@link ReviewRequest.Base.Directory}, exactly as {@code warden review --base-dir} does.
 */
public final class ReviewJobHandler implements JobHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewJobHandler.class);
  /** Files a migration tool may read: SQL, Liquibase changelogs, Flyway script configs. */
  private static final Set<String> FETCHED = Set.of("sql", "xml", "yaml", "yml", "json", "conf");

  private final Map<String, CodeHost> hosts;
  private final ReviewService reviews;
  private final Overrides overrides;
  private final ReviewPublisher publisher;

  public ReviewJobHandler(Map<String, CodeHost> hosts, ReviewService reviews, Overrides overrides) {
    this.hosts = Map.copyOf(hosts);
    this.reviews = reviews;
    this.overrides = overrides;
    this.publisher = new ReviewPublisher(reviews.catalog());
  }

  @Override
  public void handle(Job job) {
    CodeHost host = hosts.get(job.host());
    if (host == null) {
      throw new WardenException(ErrorCode.CONFIG, "job " + job.id() + " is for host " + job.host()
          + ", which this service has no settings for");
    }
    HostEvent event = JobPayloads.read(job);
    if (event instanceof HostEvent.Review r) {
      review(host, r.pr(), job);
    } else if (event instanceof HostEvent.Recheck c) {
      if (authorised(host, c.pr(), c.user(), "recheck")) {
        review(host, c.pr(), job);
      }
    } else if (event instanceof HostEvent.Override o) {
      if (authorised(host, o.pr(), o.user(), "override")) {
        PullRequest pr = host.pullRequest(o.pr());
        overrides.record(o.pr(), new PolicyOverride(o.user(), o.target(), o.reason(), pr.headSha()), job.deliveryId());
        review(host, o.pr(), job);
      }
    }
  }

  private static boolean authorised(CodeHost host, PullRequestRef pr, String user, String command) {
    if (host.canWrite(pr, user)) {
      return true;
    }
    LOG.info("{}: /warden {} from {} ignored: needs write access to {}", pr, command, user, pr.repository());
    return false;
  }

  private void review(CodeHost host, PullRequestRef ref, Job job) {
    PullRequest pr = host.pullRequest(ref);
    String checkId = host.startCheck(pr, "job-" + job.id());
    List<PrFile> files = host.changedFiles(pr);
    List<PolicyOverride> recorded = overrides.forPullRequest(ref).stream()
        .filter(o -> o.sha().equals(pr.headSha())).toList();
    ReviewReport report;
    try (Checkout checkout = Checkout.create()) {
      fetch(host, pr, files, checkout);
      fetchBaseCodeOwners(host, pr, checkout);
      Optional<Path> config = fetchBaseConfig(host, pr, checkout);
      report = reviews.review(new ReviewRequest(checkout.head(), new ReviewRequest.Base.Directory(checkout.base()),
          "HEAD", config, Optional.empty(), Optional.empty(), Optional.empty(), people(host, pr, recorded)),
          Progress.NONE);
    } catch (WardenException e) {
      if (e.code() == ErrorCode.CONFIG || e.code() == ErrorCode.INPUT || e.code() == ErrorCode.USAGE) {
        // The repository's fault, not ours: say so on the pull request instead of retrying.
        publisher.publishFailure(host, pr, checkId, e.getMessage());
        return;
      }
      throw e;
    }
    int posted = publisher.publish(host, pr, checkId, report, files, recorded).newLineComments();
    LOG.info("{}: reviewed {} at {}: {} finding(s), {} new line comment(s)", ref, job.kind(), pr.headSha(),
        report.findings().size(), posted);
  }

  /**
   * Who is involved, asked of the host on every run (approvals and team membership are never cached across
   * reviews): the policy decides which of them count. Recorded {@code /warden override}s of this head go in too.
   */
  private static PrPeople people(CodeHost host, PullRequest pr, List<PolicyOverride> recorded) {
    return new PrPeople(pr.ref().number(), Optional.of(host.author(pr)).filter(a -> !a.isBlank()),
        host.committers(pr), host.approvals(pr), host.labels(pr), Optional.empty(), Optional.of(pr.headSha()),
        host.teams(pr.ref()), List.of(), recorded, host.botLogin(pr.ref()));
  }

  /**
   * The configuration comes from the BASE branch, with the policy, context ({@code teams:}) and snapshot files it
   * names, so a pull request can never weaken the policy that judges it; changes to them take effect once merged.
   * Without a base configuration the review uses the defaults (and the shipped default policy).
   */
  private Optional<Path> fetchBaseConfig(CodeHost host, PullRequest pr, Checkout checkout) {
    Optional<String> text = host.fileAt(pr.ref(), WardenConfig.FILE_NAME, pr.baseSha());
    if (text.isEmpty()) {
      host.fileAt(pr.ref(), WardenConfig.FILE_NAME, pr.headSha()).ifPresent(h -> LOG.info(
          "{}: {} exists only in the pull request: it applies once merged; reviewing with the defaults", pr.ref(),
          WardenConfig.FILE_NAME));
      return Optional.empty();
    }
    checkout.write(false, WardenConfig.FILE_NAME, text.get());
    WardenConfig base = reviews.configLoader().parse(text.get(), WardenConfig.FILE_NAME);
    List<String> named = new ArrayList<>();
    base.policy().ifPresent(named::add);
    base.context().ifPresent(named::add);
    base.snapshot().flatMap(WardenConfig.SnapshotConfig::path).ifPresent(named::add);
    for (String path : named) {
      String clean = path.startsWith("./") ? path.substring(2) : path;
      if (!clean.equals(WardenConfig.FILE_NAME)) {
        host.fileAt(pr.ref(), clean, pr.baseSha()).ifPresent(t -> checkout.write(false, clean, t));
      }
    }
    return Optional.of(checkout.base().resolve(WardenConfig.FILE_NAME));
  }

  /**
   * CODEOWNERS decides who a {@code codeowners} requirement asks, so like the policy it comes from the BASE branch:
   * a pull request cannot make its author the owner. It is placed where the policy stage looks (the head tree).
   */
  private static void fetchBaseCodeOwners(CodeHost host, PullRequest pr, Checkout checkout) {
    for (String location : dev.schemawarden.rules.api.CodeOwners.LOCATIONS) {
      Optional<String> text = host.fileAt(pr.ref(), location, pr.baseSha());
      if (text.isPresent()) {
        checkout.write(true, location, text.get());
        return;
      }
    }
  }

  private static void fetch(CodeHost host, PullRequest pr, List<PrFile> files, Checkout checkout) {
    for (PrFile f : files) {
      if (f.status() == PrFile.Status.REMOVED || !FETCHED.contains(extension(f.path()))
          || f.path().equals(WardenConfig.FILE_NAME)) {
        continue;
      }
      host.fileAt(pr.ref(), f.path(), pr.headSha()).ifPresent(text -> checkout.write(true, f.path(), text));
      if (f.status() != PrFile.Status.ADDED) {
        host.fileAt(pr.ref(), f.previousPath().orElse(f.path()), pr.baseSha())
            .ifPresent(text -> checkout.write(false, f.path(), text));
      }
    }
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** A temporary head/base pair of directories, deleted on close. */
  private record Checkout(Path root) implements AutoCloseable {
    static Checkout create() {
      try {
        Path root = Files.createTempDirectory("warden-pr-");
        Files.createDirectories(root.resolve("head"));
        Files.createDirectories(root.resolve("base"));
        return new Checkout(root);
      } catch (IOException e) {
        throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot create a temporary checkout: " + e.getMessage()
            + ": check that java.io.tmpdir is writable", e);
      }
    }

    Path head() {
      return root.resolve("head");
    }

    Path base() {
      return root.resolve("base");
    }

    void write(boolean headSide, String path, String text) {
      Path target = (headSide ? head() : base()).resolve(path).normalize();
      if (!target.startsWith(headSide ? head() : base())) {
        throw new WardenException(ErrorCode.INPUT, path + ": path leaves the repository: refusing to write it");
      }
      try {
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
      } catch (IOException e) {
        throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot write " + target + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try (Stream<Path> s = Files.walk(root)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.warn("could not delete {}: {}", root, e.getMessage());
      }
    }
  }
}
