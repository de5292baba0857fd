package dev.schemawarden.app.jobs;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
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
  private final MarkdownReportRenderer markdown;
  private final Function<String, Optional<RuleMeta>> rules;

  public ReviewJobHandler(Map<String, CodeHost> hosts, ReviewService reviews, Overrides overrides) {
    this.hosts = Map.copyOf(hosts);
    this.reviews = reviews;
    this.overrides = overrides;
    Map<String, RuleMeta> byId = reviews.catalog().stream()
        .collect(Collectors.toMap(RuleMeta::id, r -> r, (a, b) -> a));
    this.rules = id -> Optional.ofNullable(byId.get(id));
    this.markdown = new MarkdownReportRenderer(ToolInfo.current(), rules);
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
    ReviewReport report;
    try (Checkout checkout = Checkout.create()) {
      fetch(host, pr, files, checkout);
      report = reviews.review(new ReviewRequest(checkout.head(), new ReviewRequest.Base.Directory(checkout.base()),
          "HEAD", Optional.empty(), Optional.empty()), Progress.NONE);
    } catch (WardenException e) {
      if (e.code() == ErrorCode.CONFIG || e.code() == ErrorCode.INPUT || e.code() == ErrorCode.USAGE) {
        // The repository's fault, not ours: say so on the pull request instead of retrying.
        String text = "### Schema Warden could not review this change\n\n" + e.getMessage() + "\n";
        host.completeCheck(pr, checkId, new CheckResult(CheckResult.Conclusion.FAILURE,
            "Configuration or input error", text, List.of()));
        host.upsertSummaryComment(ref, MarkdownReportRenderer.MARKER, MarkdownReportRenderer.MARKER + "\n" + text);
        return;
      }
      throw e;
    }
    List<PolicyOverride> recorded = overrides.forPullRequest(ref).stream()
        .filter(o -> o.sha().equals(pr.headSha())).toList();
    String summary = markdown.render(report, host.maxCommentLength() - overridesNote(recorded).length())
        + overridesNote(recorded);
    host.completeCheck(pr, checkId, new CheckResult(conclusion(report), title(report), summary, annotations(report)));
    host.upsertSummaryComment(ref, MarkdownReportRenderer.MARKER, summary);
    int posted = host.postInlineComments(pr, inlineComments(report, files));
    LOG.info("{}: reviewed {} at {}: {} finding(s), {} new line comment(s)", ref, job.kind(), pr.headSha(),
        report.findings().size(), posted);
  }

  private static String overridesNote(List<PolicyOverride> recorded) {
    if (recorded.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("\n#### Override requests on this commit\n\n");
    recorded.forEach(o -> b.append("- `").append(o.targetId()).append("` by @").append(o.user()).append(": ")
        .append(o.reason().replace('\n', ' ')).append('\n'));
    return b.toString();
  }

  private static void fetch(CodeHost host, PullRequest pr, List<PrFile> files, Checkout checkout) {
    // The configuration goes to both sides, so it never counts as a changed file itself.
    host.fileAt(pr.ref(), WardenConfig.FILE_NAME, pr.headSha()).ifPresent(text -> {
      checkout.write(true, WardenConfig.FILE_NAME, text);
      checkout.write(false, WardenConfig.FILE_NAME, text);
    });
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

  static CheckResult.Conclusion conclusion(ReviewReport report) {
    Optional<Decision.Outcome> outcome = report.decision().map(Decision::outcome);
    if (outcome.filter(o -> o == Decision.Outcome.DENY).isPresent() || !report.blockingFindings().isEmpty()) {
      return CheckResult.Conclusion.FAILURE;
    }
    if (outcome.filter(o -> o == Decision.Outcome.NEEDS_APPROVAL).isPresent()) {
      return CheckResult.Conclusion.ACTION_REQUIRED;
    }
    if (report.migrations().isEmpty()) {
      return CheckResult.Conclusion.NEUTRAL;
    }
    return CheckResult.Conclusion.SUCCESS;
  }

  private static String title(ReviewReport report) {
    if (report.migrations().isEmpty()) {
      return "No migration changes";
    }
    long errors = report.count(Severity.ERROR);
    long warnings = report.count(Severity.WARNING);
    return report.migrations().size() + " migration(s): " + errors + " error(s), " + warnings + " warning(s)"
        + (report.blocked() ? " — blocked" : "");
  }

  private List<CheckResult.Annotation> annotations(ReviewReport report) {
    List<CheckResult.Annotation> out = new ArrayList<>();
    for (Finding f : report.findings()) {
      String level = switch (f.severity()) {
        case ERROR -> "failure";
        case WARNING -> "warning";
        case INFO, OFF -> "notice";
      };
      StringBuilder m = new StringBuilder(f.message());
      f.fixes().stream().findFirst().ifPresent(fix -> m.append("\n\nSafer: ").append(fix.description())
          .append('\n').append(fix.sql()));
      out.add(new CheckResult.Annotation(f.span().path(), f.span().line(), f.span().endLine(), level,
          f.rule() + rules.apply(f.rule()).map(r -> " " + r.slug()).orElse(""), m.toString()));
    }
    return out;
  }

  /** One comment per finding that has a drop-in rewrite, on the statement's lines, if the diff shows them. */
  private List<InlineComment> inlineComments(ReviewReport report, List<PrFile> files) {
    List<InlineComment> out = new ArrayList<>();
    for (Finding f : report.findings()) {
      Optional<Fix> fix = f.fixes().stream().filter(Fix::replacesStatement).findFirst();
      if (fix.isEmpty()) {
        continue;
      }
      int first = f.span().line();
      int last = f.span().endLine();
      boolean visible = files.stream().anyMatch(p -> p.path().equals(f.span().path()) && p.canComment(first, last));
      if (!visible) {
        continue;
      }
      String body = "**" + f.rule() + rules.apply(f.rule()).map(r -> " " + r.slug()).orElse("") + "**: "
          + f.message() + "\n\n" + fix.get().description() + "\n\n```suggestion\n" + fix.get().sql().strip()
          + "\n```\n";
      out.add(new InlineComment(f.span().path(), first, last, body, f.fingerprint()));
    }
    out.sort(Comparator.comparing(InlineComment::path).thenComparingInt(InlineComment::startLine));
    return out;
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
