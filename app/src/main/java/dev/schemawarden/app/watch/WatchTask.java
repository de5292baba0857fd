package dev.schemawarden.app.watch;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.Target;
import dev.schemawarden.app.cli.DiagnoseCommand;
import dev.schemawarden.app.config.ConfigLoader;
import dev.schemawarden.app.config.DiagnoseConfig;
import dev.schemawarden.app.config.EnvironmentsConfig;
import dev.schemawarden.app.config.ProductionConnections;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.config.WatchConfig;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.report.ProposalMarkdown;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.app.state.ScheduledWork;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code warden watch} inside {@code warden serve}: one {@link ScheduledWork} task per watched repository. Every
 * instance schedules it and one at a time runs it (the scheduled work's advisory lock), on the repository's
 * {@code watch.interval}: it checks out the default branch, and for each environment of {@code watch.environments}
 * reads production from the variable its {@code url-env} names (in the service's environment, never the file),
 * runs a tick with the proposals in the state store ({@link WatchStateTable}) and the audit log's hash chain.
 */
public final class WatchTask implements ScheduledWork.Task {
  private static final Logger LOG = LoggerFactory.getLogger(WatchTask.class);

  /** A checkout of a repository's default branch, removed on close. */
  public interface Checkout extends AutoCloseable {
    Path root();

    @Override
    void close();
  }

  /** Checks out {@code repo}'s default branch as {@code host} has it now. */
  @FunctionalInterface
  public interface Checkouts {
    Checkout open(CodeHost host, RepositoryRef repo);
  }

  private final CodeHost host;
  private final RepositoryRef repo;
  private final Checkouts checkouts;
  private final ConfigLoader configs;
  private final Watcher.Reviewer reviewer;
  private final DataSource state;
  private final WatchAudit audit;
  private final Map<String, String> env;
  private final Clock clock;
  private volatile Duration every = WatchConfig.defaults().interval();

  /**
   * @param state the state store, where the proposals are kept
   * @param env the service's environment: the {@code url-env}, {@code user-env}, {@code password-env} variables
   */
  public WatchTask(
      CodeHost host,
      RepositoryRef repo,
      Checkouts checkouts,
      ConfigLoader configs,
      Watcher.Reviewer reviewer,
      DataSource state,
      WatchAudit audit,
      Map<String, String> env,
      Clock clock) {
    this.host = Objects.requireNonNull(host, "host");
    this.repo = Objects.requireNonNull(repo, "repo");
    this.checkouts = Objects.requireNonNull(checkouts, "checkouts");
    this.configs = Objects.requireNonNull(configs, "configs");
    this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
    this.state = Objects.requireNonNull(state, "state");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.env = Map.copyOf(env);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return "watch " + repo.host() + ":" + repo.repository();
  }

  /** The repository's {@code watch.interval} as last read (1 h until the first run read it). */
  @Override
  public Duration every() {
    return every;
  }

  @Override
  public String run(Connection lockHolder, Instant now) {
    List<String> done = new ArrayList<>();
    try (Checkout checkout = checkouts.open(host, repo)) {
      Path root = checkout.root();
      Path file = root.resolve(WardenConfig.FILE_NAME);
      WardenConfig config = configs.loadFromRepo(root);
      WatchConfig watch = WatchConfig.load(file);
      every = watch.interval();
      DiagnoseSettings diagnose = DiagnoseConfig.load(file);
      List<EnvironmentsConfig.Environment> environments = EnvironmentsConfig.load(file);
      if (watch.environments().isEmpty()) {
        return repo + ": watch.environments is empty: nothing to watch";
      }
      for (String name : watch.environments()) {
        try {
          EnvironmentsConfig.Environment e =
              EnvironmentsConfig.named(environments, name)
                  .orElseThrow(
                      () ->
                          new WardenException(
                              ErrorCode.CONFIG,
                              WardenConfig.FILE_NAME
                                  + ": watch.environments"
                                  + " names "
                                  + name
                                  + ", which environments: does not list: add it there with its url-env"));
          String raw = env.getOrDefault(e.urlEnv(), "");
          if (!raw.isBlank() && !raw.startsWith("jdbc:postgresql:")) {
            // the repository picks the variable: never echo a value that is not a URL (a token, a
            // key)
            throw new WardenException(
                ErrorCode.CONFIG,
                WardenConfig.FILE_NAME
                    + ":"
                    + e.line()
                    + ": environment "
                    + name
                    + ": variable "
                    + e.urlEnv()
                    + " does not hold a PostgreSQL JDBC URL (its value is not"
                    + " shown): name the variable that holds jdbc:postgresql://HOST:PORT/DATABASE");
          }
          Target t = Target.fromEnvironment(e, env);
          Diagnosis d =
              DiagnoseCommand.withRules(
                  ProductionConnections.with(
                      t.url(),
                      t.user(),
                      t.password(),
                      "schemawarden-watch",
                      true,
                      ProductionConnections.Timeouts.defaults(),
                      "cannot diagnose " + name,
                      c -> Diagnoses.run(c, diagnose)),
                  config.rules());
          Watcher w =
              new Watcher(
                  new Watcher.Repository(
                      Optional.of(host),
                      repo,
                      root,
                      config.migrations(),
                      Engines.forName(config.engine()).parser()),
                  reviewer,
                  WatchStateTable.load(state, repo, name),
                  new Watcher.Settings(
                      watch.maxOpen(), watch.draftWhenBlocked(), watch.reopenFactor(), name),
                  new ProposalMarkdown(ToolInfo.current()),
                  clock,
                  audit);
          List<Watcher.Proposal> tick = w.tick(d);
          done.add(name + ": " + summary(tick));
        } catch (WardenException e) {
          // one environment's failure (its variable unset, production down) leaves the others to
          // run
          LOG.warn("watch {} {}: {}", repo, name, e.getMessage());
          done.add(name + ": failed: " + e.getMessage());
        }
      }
    }
    return repo + ": " + String.join("; ", done);
  }

  private static String summary(List<Watcher.Proposal> tick) {
    Map<Watcher.Outcome, Long> counts = new java.util.EnumMap<>(Watcher.Outcome.class);
    tick.forEach(p -> counts.merge(p.outcome(), 1L, Long::sum));
    return counts.isEmpty() ? "no problems" : counts.toString().toLowerCase(java.util.Locale.ROOT);
  }
}
