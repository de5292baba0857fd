package dev.schemawarden.replica.api;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.internal.mysql.MysqlContainerServer;
import dev.schemawarden.replica.internal.mysql.MysqlSandbox;
import dev.schemawarden.replica.internal.mysql.MysqlSparePool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scratch MySQL or MariaDB server the review traces on (issue 14): each {@link #create} makes a throwaway database
 * and a sandbox user with privileges on that database only, replays the history and traces the change as that
 * user, under the statement budget, size cap and review budget of {@link ReplicaSettings}. The server is an
 * operator's throwaway one ({@link #server}), a container of production's image ({@link #testcontainers}) or one the
 * caller started and hands over ({@link #owning}: the tests' embedded MariaDB), the last two stopped with the
 * provider.
 *
 * <p>MySQL has no template databases: {@link #replayed} takes a spare sandbox already replayed for the same history
 * when one is ready ({@link Pool}), and builds the next one in the background.
 */
public final class MysqlReplicaProvider implements AutoCloseable {

  private final String engine;
  private final String adminUrl;
  private final ReplicaSettings settings;
  private final Optional<AutoCloseable> server;
  private final MysqlSparePool spares;

  /** A function over a JDBC resource that may throw {@link SQLException}. */
  @FunctionalInterface
  public interface SqlFunction<A, T> {
    T apply(A a) throws SQLException;
  }

  /**
   * The spare sandboxes kept per server: at most {@code sparesPerKey} for each of the {@code keys} histories used
   * last, each dropped after {@code idle} unused.
   */
  public record Pool(int sparesPerKey, int keys, Duration idle) {
    public Pool {
      Objects.requireNonNull(idle, "idle");
      if (sparesPerKey < 0
          || sparesPerKey > 4
          || keys < 1
          || keys > 16
          || idle.isNegative()
          || idle.isZero()) {
        throw new IllegalArgumentException(
            "a pool keeps 0-4 spares for 1-16 histories, idle > 0: "
                + sparesPerKey
                + ", "
                + keys
                + ", "
                + idle);
      }
    }

    /** One spare for each of the last 4 histories, dropped after 10 minutes unused. */
    public static Pool defaults() {
      return new Pool(1, 4, Duration.ofMinutes(10));
    }

    /** No spares: every {@link #replayed} replays. */
    public static Pool off() {
      return new Pool(0, 1, Duration.ofMinutes(1));
    }
  }

  private MysqlReplicaProvider(
      String engine,
      String adminUrl,
      ReplicaSettings settings,
      Optional<AutoCloseable> server,
      Pool pool) {
    if (!OnlineDdl.mysqlFamily(engine)) {
      throw new IllegalArgumentException("not a MySQL engine: " + engine);
    }
    this.engine = engine;
    this.adminUrl = Objects.requireNonNull(adminUrl, "adminUrl");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.server = server;
    this.spares =
        new MysqlSparePool(engine, adminUrl, pool.sparesPerKey(), pool.keys(), pool.idle());
  }

  /**
   * A server the operator runs for this: {@code adminUrl} is {@code jdbc:mariadb://host:port/?user=..&password=..}
   * of a user that may create databases and users and grant on them. Never production: the change runs there.
   */
  public static MysqlReplicaProvider server(
      String engine, String adminUrl, ReplicaSettings settings) {
    return server(engine, adminUrl, settings, Pool.defaults());
  }

  /** Like {@link #server(String, String, ReplicaSettings)}, with {@code pool}'s spares. */
  public static MysqlReplicaProvider server(
      String engine, String adminUrl, ReplicaSettings settings, Pool pool) {
    return new MysqlReplicaProvider(engine, driverUrl(adminUrl), settings, Optional.empty(), pool);
  }

  /** The URL the MariaDB driver takes (it speaks to MySQL too). */
  private static String driverUrl(String adminUrl) {
    if (!adminUrl.startsWith("jdbc:mariadb://") && !adminUrl.startsWith("jdbc:mysql://")) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "the MySQL/MariaDB replica URL must start with jdbc:mariadb://"
              + " or jdbc:mysql://, e.g. jdbc:mariadb://scratch:3306/?user=warden&password=..: fix replica.url-env");
    }
    return adminUrl.replaceFirst("^jdbc:mysql:", "jdbc:mariadb:");
  }

  /** Like {@link #server}, and {@link #close()} stops {@code server} (an embedded one the caller started). */
  public static MysqlReplicaProvider owning(
      String engine, String adminUrl, ReplicaSettings settings, AutoCloseable server) {
    return new MysqlReplicaProvider(
        engine, driverUrl(adminUrl), settings, Optional.of(server), Pool.defaults());
  }

  /**
   * The {@code testcontainers} provider: a throwaway server started now from the official image of {@code engine}
   * at {@code version} ({@code mysql:8.0}, {@code mariadb:11.4}; digits and dots only, else a configuration error),
   * with a random root password that never leaves the process, stopped by {@link #close()}. Refuses with the fix
   * where no Docker engine answers.
   */
  public static MysqlReplicaProvider testcontainers(
      String engine, String version, ReplicaSettings settings, Pool pool) {
    MysqlContainerServer container = MysqlContainerServer.start(engine, version);
    try {
      return new MysqlReplicaProvider(
          engine, container.adminUrl(), settings, Optional.of(container), pool);
    } catch (RuntimeException e) {
      container.close();
      throw e;
    }
  }

  /** The one line {@link #testcontainers} refuses with where no Docker engine answers (it names the fix). */
  public static String noDocker() {
    return MysqlContainerServer.noDocker();
  }

  public String engine() {
    return engine;
  }

  public ReplicaSettings settings() {
    return settings;
  }

  /** A fresh, empty sandbox whose statements get {@code statementBudget} each. */
  public MysqlReplica create(Duration statementBudget) {
    return new MysqlReplica(
        MysqlSandbox.create(engine, adminUrl, settings.withStatementTimeout(statementBudget)),
        List.of(),
        false);
  }

  /**
   * A sandbox with {@code history} replayed, its statements under {@code statementBudget} each: a spare built for
   * exactly these statements and settings when one is ready (the review budget starts now), else replayed now
   * (the budget started with it). {@link MysqlReplica#replayFailures()} are the statements of the history that did
   * not end OK, as a fresh replay reports them. Then a spare for the next review of this history is built in the
   * background, as the sandbox user of its own database, under the same budgets.
   */
  public MysqlReplica replayed(List<Migration> history, Duration statementBudget) {
    MysqlSparePool.Taken t = spares.take(history, settings.withStatementTimeout(statementBudget));
    return new MysqlReplica(t.sandbox(), t.failures(), t.pooled());
  }

  /** Blocks until no spare is being built, at most {@code max}: for tests and benchmarks. */
  public boolean awaitSpares(Duration max) throws InterruptedException {
    return spares.awaitBuilds(max);
  }

  /** How many spares are ready now. */
  public int spares() {
    return spares.ready();
  }

  /** One review's database and user on the server; {@link #close()} drops both. */
  public static final class MysqlReplica implements AutoCloseable {
    private final MysqlSandbox sandbox;
    private final List<OnlineDdl.Run> replayFailures;
    private final boolean pooled;

    private MysqlReplica(MysqlSandbox sandbox, List<OnlineDdl.Run> replayFailures, boolean pooled) {
      this.sandbox = sandbox;
      this.replayFailures = List.copyOf(replayFailures);
      this.pooled = pooled;
    }

    /** From {@link #replayed}: the history's statements that did not end OK; empty from {@link #create}. */
    public List<OnlineDdl.Run> replayFailures() {
      return replayFailures;
    }

    /** Whether this was a spare built before the review asked for it. */
    public boolean pooled() {
      return pooled;
    }

    public String database() {
      return sandbox.database();
    }

    /** {@code SELECT VERSION()}, e.g. {@code 11.4.5-MariaDB}. */
    public String serverVersion() {
      return sandbox.version();
    }

    /** Replays {@code history} (every statement runs; the ones that did not end OK are in the result). */
    public List<OnlineDdl.Run> replay(List<Migration> history) {
      return sandbox.run(history, false).stream()
          .filter(r -> r.status() != OnlineDdl.Status.OK)
          .toList();
    }

    /**
     * {@code reader} applied to the sandbox user's own connection to the sandbox database (never the admin's): how
     * drift reads the expected schema after {@link #replay}. The connection must not be kept past the call; an
     * {@link SQLException} becomes an infrastructure error.
     */
    public <T> T read(SqlFunction<Connection, T> reader) {
      return sandbox.read(reader);
    }

    /** Runs {@code changed} with each ALTER traced; the first statement that does not end OK stops the rest. */
    public List<OnlineDdl.Run> trace(List<Migration> changed) {
      return sandbox.run(changed, true);
    }

    @Override
    public void close() {
      sandbox.close();
    }
  }

  @Override
  public void close() {
    spares.close();
    if (server.isPresent()) {
      try {
        server.get().close();
      } catch (Exception e) {
        throw new WardenException(
            ErrorCode.INFRASTRUCTURE,
            "could not stop the MariaDB replica server: " + e.getMessage(),
            e);
      }
    }
  }
}
