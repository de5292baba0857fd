package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.host.github.GithubSettings;
import dev.schemawarden.app.publish.ActionPublisher;
import dev.schemawarden.app.publish.GitlabCiPublisher;
import dev.schemawarden.app.publish.ReviewPublisher;
import dev.schemawarden.app.report.ReportFormat;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.review.PrPeople;
import dev.schemawarden.app.review.ReviewRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "review",
    description = {
      "Review the migrations a change adds or modifies: every statement with its file and line, the static "
          + "findings with safer rewrites, and the locks each statement takes.",
      "Exit codes: 0 passes, 1 blocked, 2 usage, configuration or infrastructure error."
    },
    sortOptions = false)
public final class ReviewCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "The repository (or a directory inside it) at head; default: the current directory.")
  Path repo;

  @ArgGroup(exclusive = true, multiplicity = "1")
  BaseOption base;

  static final class BaseOption {
    @Option(
        names = "--base",
        paramLabel = "REF",
        required = true,
        description =
            "The branch, tag or commit the change will merge into (compared from the merge base).")
    String ref;

    @Option(
        names = "--base-dir",
        paramLabel = "DIR",
        required = true,
        description = "A checkout of the base on disk, instead of a git ref.")
    Path dir;
  }

  @Option(
      names = "--head",
      paramLabel = "REF",
      defaultValue = "HEAD",
      description = "The head commit (default HEAD); only with --base.")
  String head;

  @Option(
      names = "--settings-from-base",
      description =
          "Read .schemawarden.yml, the policy, the context and CODEOWNERS from the base (the merge base)"
              + " rather than the head: for jobs that review an untrusted pull request (pull_request_target)."
              + " Only with --base.")
  boolean settingsFromBase;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (default: .schemawarden.yml at the root of the head tree).")
  Path config;

  @Option(
      names = "--trace",
      negatable = true,
      description =
          "Trace the migration on a scratch replica (default: as .schemawarden.yml's replica.provider"
              + " says, embedded unless off). --trace makes a tracing failure an error (exit 2); --no-trace skips it.")
  Boolean trace;

  @Option(
      names = "--snapshot",
      paramLabel = "FILE",
      description =
          "Production's schema snapshot (warden snapshot): report drift and the drift the change touches;"
              + " wins over snapshot: in the config.")
  Path snapshot;

  @Mixin ReportOptions report;

  @Option(
      names = "--publish",
      paramLabel = "HOST",
      description =
          "Also publish to the pull request: github (in a GitHub Actions pull request job: a check run,"
              + " the sticky comment and suggestions, with GITHUB_TOKEN; author, approvals and labels come from the API;"
              + " see docs/github-action.md) or gitlab (in a GitLab CI merge request pipeline: the sticky note, with"
              + " WARDEN_GITLAB_TOKEN; see docs/gitlab-ci.md).")
  String publish;

  @Mixin PeopleOptions people;

  @Override
  public Integer call() {
    CliContext ctx = parent.context();
    ReportFormat format = report.format();
    if (base.dir != null && !head.equals("HEAD")) {
      throw new WardenException(
          ErrorCode.USAGE,
          "--head works with --base REF only: with --base-dir, --repo is the head");
    }
    if (base.dir != null && settingsFromBase) {
      throw new WardenException(ErrorCode.USAGE, "--settings-from-base works with --base REF only");
    }
    ReviewRequest.Base b =
        base.dir != null
            ? new ReviewRequest.Base.Directory(base.dir)
            : new ReviewRequest.Base.GitRef(base.ref, settingsFromBase);
    Optional<ActionPublisher> publisher = publisher(ctx);
    Optional<GitlabCiPublisher> gitlab =
        "gitlab".equals(publish)
            ? Optional.of(GitlabCiPublisher.fromEnv(System.getenv()))
            : Optional.empty();
    PrPeople who = people.toPeople();
    if (publisher.isPresent()) {
      people.requireOnlyEnvironment("--publish github");
      who = publisher.get().people(who);
    }
    ReviewRequest request =
        new ReviewRequest(
            repo,
            b,
            head,
            Optional.ofNullable(config),
            report.failOn(),
            Optional.ofNullable(trace),
            Optional.ofNullable(snapshot),
            who);
    ReviewReport result = ctx.service().review(request, ctx.progress());
    int exit = report.write(ctx, result, format);
    gitlab.ifPresent(
        g ->
            ctx.err()
                .println(
                    "warden: published to GitLab: note "
                        + g.publish(result, ctx.service().catalog())));
    publisher.ifPresent(
        p -> {
          ReviewPublisher.Published done = p.publish(result, ctx.service().catalog());
          ctx.err()
              .println(
                  "warden: published to GitHub: check "
                      + done.conclusion().name().toLowerCase(Locale.ROOT)
                      + ", comment "
                      + done.summaryCommentId()
                      + ", "
                      + done.newLineComments()
                      + " new suggestion(s)");
        });
    return exit;
  }

  /** Checked before the review runs, so a job without the Actions environment fails in milliseconds. */
  private Optional<ActionPublisher> publisher(CliContext ctx) {
    if (publish == null) {
      return Optional.empty();
    }
    if (publish.equals("gitlab")) {
      return Optional.empty();
    }
    if (!publish.equals("github")) {
      throw new WardenException(ErrorCode.USAGE, "--publish " + publish + ": use github or gitlab");
    }
    return Optional.of(ActionPublisher.fromEnv(System.getenv(), GithubSettings.DEFAULT_CHECK_NAME));
  }
}
