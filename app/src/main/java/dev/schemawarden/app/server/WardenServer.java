package dev.schemawarden.app.server;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.apply.ApplyService;
import dev.schemawarden.app.apply.ApplySettings;
import dev.schemawarden.app.apply.PreApplyCheck;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.console.Pages;
import dev.schemawarden.app.console.ProposalLog;
import dev.schemawarden.app.console.ReviewLog;
import dev.schemawarden.app.git.RepositoryCache;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.host.gitlab.GitlabCodeHost;
import dev.schemawarden.app.jobs.ApplyJobHandler;
import dev.schemawarden.app.jobs.CircuitBreakers;
import dev.schemawarden.app.jobs.JobAdmin;
import dev.schemawarden.app.jobs.JobHandler;
import dev.schemawarden.app.jobs.JobQueue;
import dev.schemawarden.app.jobs.JobRouter;
import dev.schemawarden.app.jobs.Overrides;
import dev.schemawarden.app.jobs.ReviewJobHandler;
import dev.schemawarden.app.jobs.WorkerPool;
import dev.schemawarden.app.mcp.McpHttp;
import dev.schemawarden.app.review.ReplicaHolder;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.state.ScheduledWork;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.app.watch.WatchTasks;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code warden serve}, wired by hand: state store, job queue, workers, code hosts and the Javalin server.
 * Several instances share one PostgreSQL state store (docs/deployment.md): each takes deliveries and claims jobs;
 * stopping one lets its running jobs finish within the grace period and releases the rest to the others.
 */
public final class WardenServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WardenServer.class);

  /** Builds the job handler once the state store is open. */
  @FunctionalInterface
  public interface HandlerFactory {
    JobHandler create(StateStore store, Map<String, CodeHost> hosts);
  }

  /** How often each instance tries to run the scheduled work (it runs each task only when due). */
  static final Duration SCHEDULE_TICK = Duration.ofMinutes(1);

  /**
   * Bearer token for {@code /api/} and the console's sign-in (docs/console.md); unset: those endpoints and pages
   * refuse everyone.
   */
  public static final String API_TOKEN_ENV = "WARDEN_API_TOKEN";

  private final StateStore store;
  private final WorkerPool workers;
  private final Javalin app;
  private final JobQueue queue;
  private final WebhookHandlers http;
  private final ScheduledWork scheduled;
  private final Optional<McpHttp> mcp;

  private WardenServer(
      StateStore store,
      WorkerPool workers,
      Javalin app,
      JobQueue queue,
      WebhookHandlers http,
      ScheduledWork scheduled,
      Optional<McpHttp> mcp) {
    this.store = store;
    this.workers = workers;
    this.app = app;
    this.queue = queue;
    this.http = http;
    this.scheduled = scheduled;
    this.mcp = mcp;
  }

  /** Builds the {@code /mcp} endpoint once the state store is open; empty: no {@code /mcp}. */
  @FunctionalInterface
  public interface McpFactory {
    Optional<McpHttp> create(StateStore store, Map<String, CodeHost> hosts);

    McpFactory NONE = (store, hosts) -> Optional.empty();

    /** {@code config}'s {@code /mcp} settings, if any, with reviews by {@code reviews}. */
    static McpFactory of(ServiceConfig config, ReviewService reviews, Map<String, String> env) {
      return (store, hosts) ->
          config
              .mcp()
              .map(s -> McpHttp.create(s, reviews, Main.renderers(reviews), store, env, hosts));
    }
  }

  /** The production service: GitHub (and GitLab, when configured) from the configuration, reviews by {@code reviews}. */
  public static WardenServer start(ServiceConfig config, ReviewService reviews) {
    return start(config, reviews, Clock.systemUTC());
  }

  /**
   * As {@link #start(ServiceConfig, ReviewService)}; the console's health shows {@code replicas}' state (the holder
   * {@code reviews} traces with).
   */
  public static WardenServer start(
      ServiceConfig config, ReviewService reviews, ReplicaHolder replicas) {
    return start(
        config,
        reviews,
        Clock.systemUTC(),
        Optional.ofNullable(System.getenv(API_TOKEN_ENV)),
        replicaStatus(replicas));
  }

  /** As {@link #start(ServiceConfig, ReviewService)} with the queue's clock given (tests simulate time). */
  public static WardenServer start(ServiceConfig config, ReviewService reviews, Clock clock) {
    return start(config, reviews, clock, Optional.ofNullable(System.getenv(API_TOKEN_ENV)));
  }

  /** As {@link #start(ServiceConfig, ReviewService, Clock)} with the API token given (tests). */
  static WardenServer start(
      ServiceConfig config, ReviewService reviews, Clock clock, Optional<String> apiToken) {
    return start(config, reviews, clock, apiToken, () -> Pages.Replica.NOT_STARTED);
  }

  /** {@code replicas}' state for the console, read without starting it. */
  static Supplier<Pages.Replica> replicaStatus(ReplicaHolder replicas) {
    return () ->
        replicas
            .status()
            .map(s -> new Pages.Replica(true, s.provider(), s.version().toString()))
            .orElse(Pages.Replica.NOT_STARTED);
  }

  private static WardenServer start(
      ServiceConfig config,
      ReviewService reviews,
      Clock clock,
      Optional<String> apiToken,
      Supplier<Pages.Replica> replica) {
    List<CodeHost> configured = new ArrayList<>();
    config.github().ifPresent(g -> configured.add(new GithubCodeHost(g)));
    config.gitlab().ifPresent(g -> configured.add(new GitlabCodeHost(g)));
    return start(
        config,
        List.copyOf(configured),
        withApply(
            (store, hosts) ->
                new ReviewJobHandler(
                    hosts,
                    reviews,
                    new Overrides(store),
                    new RepositoryCache(config.repositories()),
                    new ReviewLog(store)),
            reviews,
            System.getenv()),
        apiToken,
        clock,
        McpFactory.of(config, reviews, System.getenv()),
        replica,
        (store, hosts) ->
            WatchTasks.fromEnv(
                System.getenv(),
                hosts,
                store,
                reviews,
                new RepositoryCache(config.repositories()),
                clock));
  }

  /**
   * {@code handlers} for reviews and commands, plus apply-on-merge jobs: environments' connections are read from
   * {@code env} (their {@code url-env} variables), the audit log is the state store's.
   */
  public static HandlerFactory withApply(
      HandlerFactory handlers, ReviewService reviews, Map<String, String> env) {
    return (store, hosts) -> {
      ApplyService apply =
          new ApplyService(
              AuditLog.open(store),
              reviews.configLoader(),
              Engines::forName,
              PreApplyCheck.objects(),
              Clock.systemUTC());
      return new JobRouter(
          Map.of(
              "apply",
              new ApplyJobHandler(
                  hosts, apply, reviews.configLoader(), env, ApplySettings.defaults())),
          handlers.create(store, hosts));
    };
  }

  public static WardenServer start(
      ServiceConfig config, List<CodeHost> hostList, HandlerFactory handlers) {
    return start(config, hostList, handlers, Optional.ofNullable(System.getenv(API_TOKEN_ENV)));
  }

  /** As {@link #start(ServiceConfig, List, HandlerFactory)} with the {@code /api/audit} token given. */
  public static WardenServer start(
      ServiceConfig config,
      List<CodeHost> hostList,
      HandlerFactory handlers,
      Optional<String> apiToken) {
    return start(config, hostList, handlers, apiToken, Clock.systemUTC());
  }

  /**
   * As {@link #start(ServiceConfig, List, HandlerFactory, Optional)} with the clock the queue and the host circuit
   * breakers schedule by.
   */
  public static WardenServer start(
      ServiceConfig config,
      List<CodeHost> hostList,
      HandlerFactory handlers,
      Optional<String> apiToken,
      Clock clock) {
    return start(config, hostList, handlers, apiToken, clock, McpFactory.NONE);
  }

  /** As {@link #start(ServiceConfig, List, HandlerFactory, Optional, Clock)} with {@code /mcp} from {@code mcp}. */
  public static WardenServer start(
      ServiceConfig config,
      List<CodeHost> hostList,
      HandlerFactory handlers,
      Optional<String> apiToken,
      Clock clock,
      McpFactory mcpFactory) {
    return start(
        config, hostList, handlers, apiToken, clock, mcpFactory, () -> Pages.Replica.NOT_STARTED);
  }

  /**
   * As {@link #start(ServiceConfig, List, HandlerFactory, Optional, Clock, McpFactory)} with the replica state the
   * console's health shows ({@link #replicaStatus}).
   */
  static WardenServer start(
      ServiceConfig config,
      List<CodeHost> hostList,
      HandlerFactory handlers,
      Optional<String> apiToken,
      Clock clock,
      McpFactory mcpFactory,
      Supplier<Pages.Replica> replica) {
    return start(
        config,
        hostList,
        handlers,
        apiToken,
        clock,
        mcpFactory,
        replica,
        (store, hosts) -> List.of());
  }

  /** Further periodic work once the state store is open: {@code warden watch}'s tasks (docs/watch.md). */
  @FunctionalInterface
  interface TaskFactory {
    List<ScheduledWork.Task> create(StateStore store, Map<String, CodeHost> hosts);
  }

  private static WardenServer start(
      ServiceConfig config,
      List<CodeHost> hostList,
      HandlerFactory handlers,
      Optional<String> apiToken,
      Clock clock,
      McpFactory mcpFactory,
      Supplier<Pages.Replica> replica,
      TaskFactory more) {
    Map<String, CodeHost> hosts =
        hostList.stream().collect(Collectors.toMap(CodeHost::id, Function.identity()));
    StateStore store = StateStore.open(config.state());
    try {
      Metrics metrics = new Metrics();
      JobQueue queue = new JobQueue(store, config.queue(), clock);
      String instance = ManagementFactory.getRuntimeMXBean().getName();
      Runnable[] wake = {() -> {}};
      CircuitBreakers breakers =
          new CircuitBreakers(
              config.queue(),
              clock,
              apis(config, hosts.keySet()),
              host -> {
                int released = queue.releaseDeferred(host);
                LOG.info(
                    "{} job(s) of {} released after its circuit breaker closed", released, host);
                wake[0].run();
              });
      metrics.breakers(breakers);
      WorkerPool workers =
          new WorkerPool(
              queue,
              breakers,
              handlers.create(store, hosts),
              config.workers(),
              instance,
              metrics::job);
      wake[0] = workers::wake;
      WebhookService webhooks = new WebhookService(hosts, queue, workers::wake, metrics);
      WebhookHandlers handlersHttp =
          new WebhookHandlers(webhooks, store, metrics, config.maxBodyBytes());
      ApiToken token = new ApiToken(apiToken);
      AuditLog.open(store); // prepares the schema; then reads go through pooled connections
      AuditLog auditLog = AuditLog.prepared(store.pooledDataSource());
      AuditApiHandler auditApi = new AuditApiHandler(auditLog, token);
      ConsoleHandlers console =
          new ConsoleHandlers(
              new ConsoleAccess(token, clock),
              new ReviewLog(store),
              auditLog,
              queue,
              new ProposalLog(store),
              replica,
              clock);
      JobsApiHandler jobsApi = new JobsApiHandler(new JobAdmin(store, clock), token, workers::wake);
      Optional<McpHttp> mcp = mcpFactory.create(store, hosts);
      Javalin app =
          Javalin.create(
              javalin -> {
                javalin.startup.showJavalinBanner = false;
                javalin.startup.showOldJavalinVersionWarning = false;
                javalin.http.maxRequestSize = config.maxBodyBytes();
                javalin.jetty.port = config.port();
                Routes.register(javalin, handlersHttp, auditApi, jobsApi, console);
                Routes.countResponses(javalin, metrics);
                ExceptionMapping.register(javalin);
                mcp.ifPresent(m -> Routes.mountMcp(javalin, m));
              });
      app.start();
      workers.start();
      // Every instance ticks; one at a time (advisory lock) runs what is due (ScheduledWork).
      Duration every = config.retention().every();
      List<ScheduledWork.Task> tasks =
          new ArrayList<>(List.of(ScheduledWork.retention(config.retention())));
      tasks.addAll(more.create(store, hosts));
      ScheduledWork scheduled =
          new ScheduledWork(store, tasks, clock)
              .start(every.compareTo(SCHEDULE_TICK) < 0 ? every : SCHEDULE_TICK);
      LOG.info(
          "warden serve listening on port {} with {} worker(s); {}",
          app.port(),
          config.workers(),
          config);
      return new WardenServer(store, workers, app, queue, handlersHttp, scheduled, mcp);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Each host's API base URL, for the breaker's logs and metrics; hosts without settings (tests) say so. */
  private static Map<String, String> apis(ServiceConfig config, java.util.Set<String> hostIds) {
    Map<String, String> apis = new java.util.TreeMap<>();
    hostIds.forEach(h -> apis.put(h, "unconfigured"));
    config.github().ifPresent(g -> apis.put("github", g.apiUrl()));
    config.gitlab().ifPresent(g -> apis.put("gitlab", g.url()));
    apis.keySet().retainAll(hostIds);
    return apis;
  }

  public int port() {
    return app.port();
  }

  public JobQueue queue() {
    return queue;
  }

  /**
   * Stops gracefully ({@code SIGTERM}): {@code /readyz} turns 503 at once and no job is claimed any more; running
   * jobs get up to {@code grace} to finish, then are released to the queue for another instance; deliveries keep
   * being stored (other instances run them) until HTTP stops last, then the store closes.
   */
  public void stop(Duration grace) {
    LOG.info("warden serve stopping: unready, no new jobs, up to {} for the running ones", grace);
    http.drain();
    scheduled.close();
    workers.stop(grace);
    app.stop();
    mcp.ifPresent(McpHttp::close);
    store.close();
    LOG.info("warden serve stopped");
  }

  @Override
  public void close() {
    stop(ServiceConfig.DEFAULT_SHUTDOWN_GRACE);
  }
}
