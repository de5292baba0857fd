package dev.schemawarden.app.publish;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.gitlab.GitlabCodeHost;
import dev.schemawarden.app.host.gitlab.GitlabSettings;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code warden review --publish gitlab} in a GitLab CI merge request pipeline: the review as one merge request
 * note, found again by its hidden marker (all pages of notes) and edited in place, through the same
 * {@link GitlabCodeHost} as {@code warden serve}. The findings reach the merge request through the Code Quality
 * report the job writes ({@code --format codequality}).
 */
public final class GitlabCiPublisher {
  private static final Pattern API_SUFFIX = Pattern.compile("/api/v4/*$");

  private final CodeHost host;
  private final PullRequestRef ref;

  GitlabCiPublisher(CodeHost host, PullRequestRef ref) {
    this.host = host;
    this.ref = ref;
  }

  /** Reads the CI job's variables; fails at once, naming the variable, outside a merge request pipeline. */
  public static GitlabCiPublisher fromEnv(Map<String, String> env) {
    String token =
        required(
            env,
            "WARDEN_GITLAB_TOKEN",
            "a masked CI/CD variable holding a project access token"
                + " with the api scope (CI_JOB_TOKEN cannot post notes)");
    String api = required(env, "CI_API_V4_URL", "it is set by GitLab CI");
    String project = required(env, "CI_PROJECT_PATH", "it is set by GitLab CI");
    String iid =
        required(
            env,
            "CI_MERGE_REQUEST_IID",
            "run the job in a merge request pipeline"
                + " (rules: - if: $CI_PIPELINE_SOURCE == \"merge_request_event\")");
    if (!iid.matches("[1-9][0-9]{0,9}")) {
      throw new WardenException(
          ErrorCode.USAGE, "CI_MERGE_REQUEST_IID '" + iid + "' is not a merge request number");
    }
    String root = API_SUFFIX.matcher(api).replaceFirst("");
    GitlabSettings settings =
        new GitlabSettings(root, token, "", GitlabSettings.DEFAULT_STATUS_NAME);
    return new GitlabCiPublisher(
        new GitlabCodeHost(settings),
        new PullRequestRef("gitlab", project, Integer.parseInt(iid), Optional.empty()));
  }

  private static String required(Map<String, String> env, String name, String hint) {
    return CiVariables.required(
        env,
        name,
        hint,
        "--publish gitlab runs in a GitLab CI merge request pipeline; see docs/gitlab-ci.md");
  }

  /** Upserts the summary note; returns its id. */
  public String publish(
      dev.schemawarden.app.report.ReviewReport report, Collection<RuleMeta> catalog) {
    return new ReviewPublisher(catalog).publishSummary(host, ref, report);
  }
}
