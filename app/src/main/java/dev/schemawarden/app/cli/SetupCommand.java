package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.setup.GithubAppSetup;
import dev.schemawarden.app.setup.GitlabHookSetup;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "setup",
    description =
        "Register the bot with a code host and store what warden serve needs (see docs/setup.md).",
    subcommands = {SetupCommand.Github.class, SetupCommand.Gitlab.class})
public final class SetupCommand implements Runnable {
  @ParentCommand HasContext parent;

  @Override
  public void run() {
    throw new WardenException(
        ErrorCode.USAGE, "name a host: warden setup github or warden setup gitlab");
  }

  @Command(
      name = "github",
      description = {
        "Create the GitHub App in three clicks (the App manifest flow): serves a page on 127.0.0.1, which sends the"
            + " App's permissions, events and webhook URL to GitHub; when GitHub sends the browser back, stores the App"
            + " id, webhook secret and private key (mode 600) in --output-dir as github-app.env and github-app.pem.",
        "Then: set -a; . github-app.env; set +a; warden serve (or docker run --env-file github-app.env ...)."
      })
  static final class Github implements Callable<Integer> {
    @ParentCommand SetupCommand setup;

    @Option(
        names = "--webhook-url",
        required = true,
        paramLabel = "URL",
        description =
            "Where GitHub sends deliveries: the service's /webhooks/github, e.g."
                + " https://warden.example.com/webhooks/github.")
    URI webhookUrl;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        defaultValue = "Schema Warden",
        description =
            "The App's name (unique on GitHub; you can edit it on GitHub's page). Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(
        names = "--org",
        paramLabel = "ORG",
        description = "Create the App for this organisation (default: your" + " account).")
    String org;

    @Option(
        names = "--github-url",
        paramLabel = "URL",
        defaultValue = GithubAppSetup.PUBLIC_GITHUB,
        description =
            "GitHub's web address (GitHub Enterprise Server: its root). Default: ${DEFAULT-VALUE}.")
    URI githubUrl;

    @Option(
        names = "--api-url",
        paramLabel = "URL",
        description =
            "GitHub's API (default: https://api.github.com," + " or URL/api/v3 with --github-url).")
    URI apiUrl;

    @Option(
        names = "--output-dir",
        paramLabel = "DIR",
        defaultValue = ".",
        description =
            "Where github-app.env and github-app.pem are written (mode 600). Default: here.")
    Path outputDir;

    @Option(
        names = "--port",
        paramLabel = "PORT",
        defaultValue = "0",
        description = "The local page's port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(
        names = "--timeout-minutes",
        paramLabel = "N",
        defaultValue = "30",
        description = "How long to wait for GitHub's callback. Default: ${DEFAULT-VALUE}.")
    int timeoutMinutes;

    @Override
    public Integer call() throws InterruptedException {
      PrintStream out = setup.parent.context().out();
      URI api =
          Optional.ofNullable(apiUrl)
              .orElseGet(
                  () ->
                      githubUrl
                              .toString()
                              .replaceAll("/+$", "")
                              .equals(GithubAppSetup.PUBLIC_GITHUB)
                          ? URI.create(GithubAppSetup.PUBLIC_API)
                          : URI.create(githubUrl.toString().replaceAll("/+$", "") + "/api/v3"));
      try (GithubAppSetup flow =
          GithubAppSetup.start(
              new GithubAppSetup.Options(
                  name, webhookUrl, githubUrl, api, Optional.ofNullable(org), outputDir, port))) {
        out.println(
            "Open "
                + flow.pageUrl()
                + " in a browser on this machine to create the GitHub App (waiting up"
                + " to "
                + timeoutMinutes
                + " min).");
        GithubAppSetup.Result r = flow.await(Duration.ofMinutes(timeoutMinutes));
        out.println("Created the GitHub App " + r.slug() + " (id " + r.appId() + ").");
        out.println(
            "Wrote "
                + r.envFile()
                + " and "
                + r.keyFile()
                + " (mode 600; they hold the webhook secret and"
                + " the private key).");
        out.println("Install the App on your repositories: " + r.htmlUrl() + "/installations/new");
        out.println("Start the service: set -a; . " + r.envFile() + "; set +a; warden serve");
        return 0;
      }
    }
  }

  @Command(
      name = "gitlab",
      description = {
        "Create the project webhook warden serve needs on GitLab (merge request, note and push events) with a"
            + " generated secret token, using $WARDEN_GITLAB_TOKEN (api scope); writes WARDEN_GITLAB_URL and"
            + " WARDEN_GITLAB_WEBHOOK_TOKEN to --output-dir/gitlab-hook.env (mode 600).",
        "With --print, prints the curl command instead (tokens as shell variables, never their values)."
      })
  static final class Gitlab implements Callable<Integer> {
    @ParentCommand SetupCommand setup;

    @Option(
        names = "--project",
        required = true,
        paramLabel = "PATH",
        description = "The project (group/name or" + " numeric id).")
    String project;

    @Option(
        names = "--webhook-url",
        required = true,
        paramLabel = "URL",
        description = "Where GitLab sends deliveries: the service's /webhooks/gitlab.")
    URI webhookUrl;

    @Option(
        names = "--gitlab-url",
        paramLabel = "URL",
        description =
            "The GitLab instance (default:" + " $WARDEN_GITLAB_URL, else https://gitlab.com).")
    URI gitlabUrl;

    @Option(
        names = "--output-dir",
        paramLabel = "DIR",
        defaultValue = ".",
        description = "Where gitlab-hook.env is written (mode 600). Default: here.")
    Path outputDir;

    @Option(
        names = "--print",
        description = "Print the curl command that creates the hook; change nothing.")
    boolean print;

    @Override
    public Integer call() {
      PrintStream out = setup.parent.context().out();
      URI gitlab =
          Optional.ofNullable(gitlabUrl)
              .orElseGet(
                  () ->
                      URI.create(
                          Optional.ofNullable(System.getenv("WARDEN_GITLAB_URL"))
                              .filter(s -> !s.isBlank())
                              .orElse("https://gitlab.com")));
      if (print) {
        out.println(GitlabHookSetup.curl(gitlab, project, webhookUrl));
        return 0;
      }
      String token =
          Optional.ofNullable(System.getenv("WARDEN_GITLAB_TOKEN"))
              .filter(s -> !s.isBlank())
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.USAGE,
                          "WARDEN_GITLAB_TOKEN is not set: a token with the"
                              + " api scope and the Maintainer role on "
                              + project
                              + " (or use --print)"));
      GitlabHookSetup.Created c =
          GitlabHookSetup.create(gitlab, project, webhookUrl, token, outputDir);
      out.println(
          "Created hook "
              + c.hookId()
              + " on "
              + project
              + "; wrote "
              + c.envFile()
              + " (mode 600; it holds the webhook secret token).");
      return 0;
    }
  }
}
