package dev.schemawarden.app.publish;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.PrFile;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.github.GithubAuth;
import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.host.github.GithubSettings;
import dev.schemawarden.app.jobs.PullRequestReview;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.review.PrPeople;
import dev.schemawarden.policy.api.Decision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code warden review --publish github} inside a GitHub Actions {@code pull_request} workflow: reads the pull request
 * from {@code GITHUB_EVENT_PATH}, authenticates with {@code GITHUB_TOKEN} and publishes through the same
 * {@link GithubCodeHost} and {@link ReviewPublisher} as {@code warden serve}; then writes the step outputs
 * ({@code decision}, {@code errors}, {@code warnings}) to {@code GITHUB_OUTPUT}.
 */
public final class ActionPublisher {
  private final CodeHost host;
  private final PullRequestRef ref;
  private final String runId;
  private final Optional<Path> outputFile;
  private PullRequest pullRequest;

  ActionPublisher(CodeHost host, PullRequestRef ref, String runId, Optional<Path> outputFile) {
    this.host = host;
    this.ref = ref;
    this.runId = runId;
    this.outputFile = outputFile;
  }

  /** Reads the Actions environment; fails at once, naming the variable, when it is not a pull request run. */
  public static ActionPublisher fromEnv(Map<String, String> env, String checkName) {
    String token =
        required(
            env, "GITHUB_TOKEN", "pass it to the step: env: GITHUB_TOKEN: ${{ github.token }}");
    String repository =
        required(env, "GITHUB_REPOSITORY", "it is set by GitHub Actions (owner/name)");
    GithubEvent event =
        GithubEvent.read(
            Path.of(required(env, "GITHUB_EVENT_PATH", "it is set by GitHub Actions")));
    String apiUrl =
        Optional.ofNullable(env.get("GITHUB_API_URL"))
            .filter(s -> !s.isBlank())
            .orElse(GithubSettings.PUBLIC_API);
    // The Action never receives webhooks, so there is no secret to verify them with.
    GithubSettings settings =
        new GithubSettings(apiUrl, "", new GithubAuth.Token(token), checkName);
    String runId =
        "action-"
            + env.getOrDefault("GITHUB_RUN_ID", "0")
            + "-"
            + env.getOrDefault("GITHUB_RUN_ATTEMPT", "1");
    Optional<Path> output =
        Optional.ofNullable(env.get("GITHUB_OUTPUT")).filter(s -> !s.isBlank()).map(Path::of);
    return new ActionPublisher(
        new GithubCodeHost(settings),
        new PullRequestRef("github", repository, event.number(), Optional.empty()),
        runId,
        output);
  }

  private static String required(Map<String, String> env, String name, String hint) {
    return CiVariables.required(
        env,
        name,
        hint,
        "--publish github runs in a GitHub Actions pull_request workflow; see docs/github-action.md");
  }

  /**
   * Who is involved, asked of the API as the service asks it (author, committers, approvals with the commit each
   * was given on, labels, teams), so an approval on the head can clear {@code needs_approval} from CI; only the
   * target environment comes from the command line ({@code --env}).
   */
  public PrPeople people(PrPeople fromFlags) {
    PrPeople api = PullRequestReview.people(host, pullRequest(), List.of());
    return new PrPeople(
        api.prNumber(),
        api.author(),
        api.committers(),
        api.approvals(),
        api.labels(),
        fromFlags.environment(),
        api.headSha(),
        api.teams(),
        api.codeowners(),
        api.overrides(),
        api.botIdentity());
  }

  private PullRequest pullRequest() {
    if (pullRequest == null) {
      pullRequest = host.pullRequest(ref);
    }
    return pullRequest;
  }

  /** Publishes the check, the sticky comment and the suggestions for {@code report}; writes the step outputs. */
  public ReviewPublisher.Published publish(ReviewReport report, Collection<RuleMeta> catalog) {
    writeOutputs(report);
    PullRequest pr = pullRequest();
    String checkId = host.startCheck(pr, runId);
    List<PrFile> files = host.changedFiles(pr);
    return new ReviewPublisher(catalog).publish(host, pr, checkId, report, files, List.of());
  }

  /** {@code decision}: {@code deny}, {@code needs_approval}, {@code blocked}, {@code allow} or {@code pass}. */
  static String decision(ReviewReport report) {
    Optional<Decision.Outcome> outcome = report.decision().map(Decision::outcome);
    if (outcome.filter(o -> o == Decision.Outcome.DENY).isPresent()) {
      return "deny";
    }
    if (!report
        .blockingFindings()
        .isEmpty()) { // a finding at or above fail-on; not a decision awaiting approval
      return "blocked";
    }
    return outcome.map(o -> o.name().toLowerCase(Locale.ROOT)).orElse("pass");
  }

  private void writeOutputs(ReviewReport report) {
    if (outputFile.isEmpty()) {
      return;
    }
    String lines =
        "decision="
            + decision(report)
            + "\nerrors="
            + report.count(Severity.ERROR)
            + "\nwarnings="
            + report.count(Severity.WARNING)
            + "\n";
    try {
      Files.writeString(
          outputFile.get(),
          lines,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GITHUB_OUTPUT "
              + outputFile.get()
              + ": cannot append"
              + " the step outputs ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  PullRequestRef ref() {
    return ref;
  }
}
