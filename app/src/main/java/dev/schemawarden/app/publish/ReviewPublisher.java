package dev.schemawarden.app.publish;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.app.host.CheckResult;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.InlineComment;
import dev.schemawarden.app.host.PrFile;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.report.FindingMessages;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.PolicyOverride;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Publishes a finished review on a pull request: the check (completed), the sticky summary comment and line
 * comments with one-click suggestions. The one publishing path: the webhook service's review job and
 * {@code warden review --publish github} (the GitHub Action) both call it, so a pull request looks the same
 * whichever ran the review.
 */
public final class ReviewPublisher {
  private final MarkdownReportRenderer markdown;
  private final Function<String, Optional<RuleMeta>> rules;

  public ReviewPublisher(Collection<RuleMeta> catalog) {
    Map<String, RuleMeta> byId =
        catalog.stream().collect(Collectors.toMap(RuleMeta::id, r -> r, (a, b) -> a));
    this.rules = id -> Optional.ofNullable(byId.get(id));
    this.markdown = new MarkdownReportRenderer(ToolInfo.current(), rules);
  }

  /** What was published. */
  public record Published(
      CheckResult.Conclusion conclusion, String summaryCommentId, int newLineComments) {}

  /**
   * Completes the check {@code checkId} (from {@link CodeHost#startCheck}), upserts the summary comment and posts
   * the line comments not yet on the pull request.
   *
   * @param recorded override requests recorded on the head commit, listed under the summary
   */
  public Published publish(
      CodeHost host,
      PullRequest pr,
      String checkId,
      ReviewReport report,
      List<PrFile> files,
      List<PolicyOverride> recorded) {
    String note = overridesNote(recorded);
    String summary = markdown.render(report, host.maxCommentLength() - note.length()) + note;
    CheckResult.Conclusion conclusion = conclusion(report);
    host.completeCheck(
        pr, checkId, new CheckResult(conclusion, title(report), summary, annotations(report)));
    String commentId = host.upsertSummaryComment(pr.ref(), MarkdownReportRenderer.MARKER, summary);
    int posted = host.postInlineComments(pr, inlineComments(report, files));
    return new Published(conclusion, commentId, posted);
  }

  /**
   * Only the sticky summary comment (the GitLab CI job: its findings reach the merge request through the Code
   * Quality report); returns the comment's id.
   */
  public String publishSummary(
      CodeHost host, dev.schemawarden.app.host.PullRequestRef pr, ReviewReport report) {
    return host.upsertSummaryComment(
        pr, MarkdownReportRenderer.MARKER, markdown.render(report, host.maxCommentLength()));
  }

  /** The review could not run for the repository's own reasons (configuration, input): say so on the PR. */
  public void publishFailure(CodeHost host, PullRequest pr, String checkId, String message) {
    String text = "### Schema Warden could not review this change\n\n" + message + "\n";
    host.completeCheck(
        pr,
        checkId,
        new CheckResult(
            CheckResult.Conclusion.FAILURE, "Configuration or input error", text, List.of()));
    host.upsertSummaryComment(
        pr.ref(), MarkdownReportRenderer.MARKER, MarkdownReportRenderer.MARKER + "\n" + text);
  }

  private static String overridesNote(List<PolicyOverride> recorded) {
    if (recorded.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("\n#### Override requests on this commit\n\n");
    recorded.forEach(
        o ->
            b.append("- `")
                .append(o.targetId())
                .append("` by @")
                .append(o.user())
                .append(": ")
                .append(o.reason().replace('\n', ' '))
                .append('\n'));
    return b.toString();
  }

  public static CheckResult.Conclusion conclusion(ReviewReport report) {
    Optional<Decision.Outcome> outcome = report.decision().map(Decision::outcome);
    if (outcome.filter(o -> o == Decision.Outcome.DENY).isPresent()
        || !report.blockingFindings().isEmpty()) {
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

  static String title(ReviewReport report) {
    if (report.migrations().isEmpty()) {
      return "No migration changes";
    }
    long errors = report.count(Severity.ERROR);
    long warnings = report.count(Severity.WARNING);
    return report.migrations().size()
        + " migration(s): "
        + errors
        + " error(s), "
        + warnings
        + " warning(s)"
        + (report.blocked() ? " — blocked" : "");
  }

  private List<CheckResult.Annotation> annotations(ReviewReport report) {
    List<CheckResult.Annotation> out = new ArrayList<>();
    for (Finding f : report.findings()) {
      String level =
          switch (f.severity()) {
            case ERROR -> "failure";
            case WARNING -> "warning";
            case INFO, OFF -> "notice";
          };
      StringBuilder m = new StringBuilder(FindingMessages.shown(f));
      f.fixes().stream()
          .findFirst()
          .ifPresent(
              fix ->
                  m.append("\n\nSafer: ").append(fix.description()).append('\n').append(fix.sql()));
      out.add(
          new CheckResult.Annotation(
              f.span().path(),
              f.span().line(),
              f.span().endLine(),
              level,
              f.rule() + rules.apply(f.rule()).map(r -> " " + r.slug()).orElse(""),
              m.toString()));
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
      boolean visible =
          files.stream()
              .anyMatch(p -> p.path().equals(f.span().path()) && p.canComment(first, last));
      if (!visible) {
        continue;
      }
      String body =
          "**"
              + f.rule()
              + rules.apply(f.rule()).map(r -> " " + r.slug()).orElse("")
              + "**: "
              + FindingMessages.shown(f)
              + "\n\n"
              + fix.get().description()
              + "\n\n```suggestion\n"
              + fix.get().sql().strip()
              + "\n```\n";
      out.add(new InlineComment(f.span().path(), first, last, body, f.fingerprint()));
    }
    out.sort(Comparator.comparing(InlineComment::path).thenComparingInt(InlineComment::startLine));
    return out;
  }
}
