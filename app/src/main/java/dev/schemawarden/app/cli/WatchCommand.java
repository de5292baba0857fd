package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.config.DiagnoseConfig;
import dev.schemawarden.app.config.ProductionConnections;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.config.WatchConfig;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.host.github.GithubAuth;
import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.host.github.GithubSettings;
import dev.schemawarden.app.host.gitlab.GitlabCodeHost;
import dev.schemawarden.app.host.gitlab.GitlabSettings;
import dev.schemawarden.app.report.ProposalMarkdown;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.app.watch.WatchAudit;
import dev.schemawarden.app.watch.WatchState;
import dev.schemawarden.app.watch.WatchTasks;
import dev.schemawarden.app.watch.Watcher;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "watch",
    description = {
      "Run diagnose on production on every tick and propose each new problem's fix as a pull (merge) request: the"
          + " migration in the repository's own tool and naming, put through Schema Warden's own review, with the"
          + " evidence in its body. A problem is proposed once (--state-file). Read-only on the database"
          + " (docs/watch.md).",
      "Host credentials: github: WARDEN_GITHUB_TOKEN (or GITHUB_TOKEN), WARDEN_GITHUB_API_URL (or GITHUB_API_URL);"
          + " gitlab: WARDEN_GITLAB_URL and WARDEN_GITLAB_TOKEN.",
      "Exit codes: 0 the tick ran, 2 usage, configuration, connection or host error."
    },
    sortOptions = false)
public final class WatchCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--url",
      paramLabel = "JDBC_URL",
      required = true,
      description =
          "Production, e.g. jdbc:postgresql://db.internal:5432/shop, read with the snapshot role.")
  String url;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "A checkout of the repository's default branch: its layout names the migrations, its"
              + " .schemawarden.yml holds the thresholds (default: .).")
  Path repo;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "github",
      description = "Where to open the pull requests: github (default) or gitlab.")
  String host;

  @Option(
      names = "--repository",
      paramLabel = "OWNER/NAME",
      description =
          "The repository on the host (GitLab: the project path); default $GITHUB_REPOSITORY, or"
              + " $CI_PROJECT_PATH for gitlab.")
  String repository;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      description = "Time between ticks, e.g. 1h (default: watch.interval, else 1h).")
  String interval;

  @Option(names = "--once", description = "Run one tick and exit (from CI on a schedule).")
  boolean once;

  @Option(
      names = "--dry-run",
      description = "Print the proposals (files, title, body, review) and open nothing.")
  boolean dryRun;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description =
          "As for diagnose: how long the counters must have counted before an index is judged unused.")
  String window;

  @Option(
      names = "--state-file",
      paramLabel = "FILE",
      description =
          "What was proposed already (default: watch-<repository hash>.json in $WARDEN_STATE_DIR, else"
              + " the state store's directory).")
  Path stateFile;

  @Option(
      names = "--env",
      paramLabel = "NAME",
      description =
          "The environment production is, in the audit entries (default: the database's name).")
  String environment;

  @Mixin ProductionOptions production;

  /** The audit log's store: every proposal opened, updated, closed or suppressed is an entry there. */
  @Mixin StateStoreOption stateStore;

  @Override
  public Integer call() {
    CliContext ctx = parent.context();
    Path configFile = repo.resolve(WardenConfig.FILE_NAME);
    WardenConfig config = ctx.service().configLoader().loadFromRepo(repo);
    WatchConfig watch = WatchConfig.load(configFile);
    DiagnoseSettings diagnose = DiagnoseConfig.load(configFile);
    if (window != null) {
      diagnose = diagnose.withWindow(ProductionConnections.parse(window, "--window"));
    }
    Duration every =
        interval == null ? watch.interval() : ProductionConnections.parse(interval, "--interval");
    Map<String, String> env = System.getenv();
    String name = repositoryName(env);
    RepositoryRef ref = new RepositoryRef(host, name, Optional.empty());
    Optional<CodeHost> codeHost = dryRun ? Optional.empty() : Optional.of(codeHost(host, env));
    Path state =
        stateFile != null
            ? stateFile
            : Optional.ofNullable(env.get(StateStore.DIR_ENV))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElseGet(StateStore::defaultDirectory)
                .resolve("watch-" + Sha256.hex(host + ":" + name).substring(0, 12) + ".json");
    Watcher.Reviewer reviewer = WatchTasks.reviewer(ctx.service());
    DiagnoseSettings chosen = diagnose;
    Watcher.Settings settings =
        new Watcher.Settings(
            watch.maxOpen(),
            watch.draftWhenBlocked(),
            watch.reopenFactor(),
            environment == null ? "" : environment);
    if (codeHost.isEmpty()) {
      return loop(
          ctx, codeHost, ref, config, reviewer, state, settings, chosen, every, WatchAudit.NONE);
    }
    return stateStore.open(
        store -> {
          AuditLog log = AuditLog.open(store);
          return loop(
              ctx, codeHost, ref, config, reviewer, state, settings, chosen, every, log::append);
        });
  }

  private int loop(
      CliContext ctx,
      Optional<CodeHost> codeHost,
      RepositoryRef ref,
      WardenConfig config,
      Watcher.Reviewer reviewer,
      Path state,
      Watcher.Settings settings,
      DiagnoseSettings chosen,
      Duration every,
      WatchAudit audit) {
    while (true) {
      Watcher watcher =
          new Watcher(
              new Watcher.Repository(
                  codeHost,
                  ref,
                  repo,
                  config.migrations(),
                  Engines.forName(config.engine()).parser()),
              reviewer,
              WatchState.load(state),
              settings,
              new ProposalMarkdown(ToolInfo.current()),
              Clock.systemUTC(),
              audit);
      Diagnosis d =
          DiagnoseCommand.withRules(
              production.readOnly(
                  url, "schemawarden-watch", "cannot diagnose", c -> Diagnoses.run(c, chosen)),
              config.rules());
      print(ctx, watcher.tick(d));
      if (once || dryRun) {
        return 0;
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  private void print(CliContext ctx, List<Watcher.Proposal> proposals) {
    for (Watcher.Proposal p : proposals) {
      String what = p.problem().check() + " " + p.problem().object();
      switch (p.outcome()) {
        case OPENED, OPENED_AS_DRAFT ->
            ctx.out()
                .println(
                    (p.outcome() == Watcher.Outcome.OPENED ? "opened " : "opened as draft ")
                        + p.pullRequest().orElseThrow()
                        + " "
                        + what
                        + " on "
                        + p.branch());
        case UPDATED ->
            ctx.out()
                .println(
                    "updated "
                        + p.pullRequest().orElseThrow()
                        + " "
                        + what
                        + ": the evidence changed");
        case CLOSED ->
            ctx.out()
                .println(
                    "closed "
                        + p.pullRequest().orElseThrow()
                        + " "
                        + what
                        + ": the problem is gone in production");
        case DRY_RUN -> {
          ctx.out().println("would open: " + p.title());
          ctx.out()
              .println(
                  "  branch "
                      + p.branch()
                      + ", review "
                      + (p.review().orElseThrow().blocked()
                          ? "blocks (it would be a draft)"
                          : "passes"));
          p.migration()
              .orElseThrow()
              .files()
              .forEach(f -> ctx.out().println("  " + f.path() + "\n" + f.content().indent(4)));
          ctx.out().println(p.body().indent(2));
        }
        default -> ctx.out().println("not proposed: " + what + ": " + p.reason());
      }
    }
    ctx.err()
        .println(
            "warden: watch tick: "
                + count(proposals, Watcher.Outcome.OPENED, Watcher.Outcome.OPENED_AS_DRAFT)
                + " pull request(s) opened, "
                + count(proposals, Watcher.Outcome.UPDATED)
                + " updated, "
                + count(proposals, Watcher.Outcome.CLOSED)
                + " closed, "
                + proposals.size()
                + " problem(s)");
  }

  private static long count(List<Watcher.Proposal> proposals, Watcher.Outcome... outcomes) {
    List<Watcher.Outcome> wanted = List.of(outcomes);
    return proposals.stream().filter(p -> wanted.contains(p.outcome())).count();
  }

  private String repositoryName(Map<String, String> env) {
    Optional<String> named =
        Optional.ofNullable(repository)
            .or(
                () ->
                    Optional.ofNullable(
                        env.get(host.equals("gitlab") ? "CI_PROJECT_PATH" : "GITHUB_REPOSITORY")))
            .filter(s -> !s.isBlank());
    if (named.isEmpty() && dryRun) {
      return "(dry run)";
    }
    return named.orElseThrow(
        () ->
            new WardenException(
                ErrorCode.USAGE,
                "--repository is missing: name the"
                    + " repository the pull requests go to (owner/name; GitLab: the project path)"));
  }

  /** The host a bot writes to (watch's pull requests, an agent's proposals) with the credentials in {@code env}. */
  static CodeHost codeHost(String host, Map<String, String> env) {
    return switch (host) {
      case "github" -> {
        String token =
            first(env, "WARDEN_GITHUB_TOKEN", "GITHUB_TOKEN")
                .orElseThrow(
                    () ->
                        new WardenException(
                            ErrorCode.USAGE,
                            "WARDEN_GITHUB_TOKEN is not set: opening pull requests needs a token that may push branches and open"
                                + " pull requests (contents: write, pull requests: write)"));
        String api =
            first(env, "WARDEN_GITHUB_API_URL", "GITHUB_API_URL").orElse(GithubSettings.PUBLIC_API);
        yield new GithubCodeHost(
            new GithubSettings(
                api, "", new GithubAuth.Token(token), GithubSettings.DEFAULT_CHECK_NAME));
      }
      case "gitlab" -> {
        String gitlab =
            first(env, "WARDEN_GITLAB_URL")
                .orElseThrow(
                    () ->
                        new WardenException(
                            ErrorCode.USAGE,
                            "WARDEN_GITLAB_URL is not set: the instance root, e.g. https://gitlab.com"));
        String token =
            first(env, "WARDEN_GITLAB_TOKEN")
                .orElseThrow(
                    () ->
                        new WardenException(
                            ErrorCode.USAGE,
                            "WARDEN_GITLAB_TOKEN is not set: a token with the api scope on the project"));
        yield new GitlabCodeHost(
            new GitlabSettings(gitlab, token, "", GitlabSettings.DEFAULT_STATUS_NAME));
      }
      default ->
          throw new WardenException(ErrorCode.USAGE, "--host " + host + ": use github or gitlab");
    };
  }

  private static Optional<String> first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) {
        return Optional.of(v.trim());
      }
    }
    return Optional.empty();
  }
}
