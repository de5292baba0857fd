package dev.schemawarden.drift.api;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.internal.mysql.MysqlSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scratch MySQL or MariaDB server the review traces on (issue 14): each {@link #create} makes a throwaway database
 * and a sandbox user with privileges on that database only, replays the history and traces the change as that
 * user, under the statement budget, size cap and review budget of {@link ReplicaSettings}. The server is an
 * operator's throwaway one ({@link #server}) or one the caller started and hands over ({@link #owning}: the tests'
 * embedded MariaDB), stopped with the provider.
 */
public final class MysqlReplicaProvider implements AutoCloseable {

  private final String engine;
  private final String adminUrl;
  private final ReplicaSettings settings;
  private final Optional<AutoCloseable> server;

  private MysqlReplicaProvider(String engine, String adminUrl, ReplicaSettings settings,
      Optional<AutoCloseable> server) {
    if (!OnlineDdl.mysqlFamily(engine)) {
      throw new IllegalArgumentException("not a MySQL engine: " + engine);
    }
    this.engine = engine;
    this.adminUrl = Objects.requireNonNull(adminUrl, "adminUrl");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.server = server;
  }

  /**
   * A server the operator runs for this: {@code adminUrl} is {@code jdbc:mariadb://host:port/?user=..&password=..}
   * of a user that may create databases and users and grant on them. Never production: the change runs there.
   */
  public static MysqlReplicaProvider server(String engine, String adminUrl, ReplicaSettings settings) {
    if (!adminUrl.startsWith("jdbc:mariadb://") && !adminUrl.startsWith("jdbc:mysql://")) {
      throw new WardenException(ErrorCode.CONFIG, "the MySQL/MariaDB replica URL must start with jdbc:mariadb://"
          + " or jdbc:mysql://, e.g. jdbc:mariadb://scratch:3306/?user=warden&password=..: fix replica.url-env");
    }
    return new MysqlReplicaProvider(engine, adminUrl.replaceFirst("^jdbc:mysql:", "jdbc:mariadb:"), settings,
        Optional.empty());
  }

  /** Like {@link #server}, and {@link #close()} stops {@code server} (an embedded one the caller started). */
  public static MysqlReplicaProvider owning(String engine, String adminUrl, ReplicaSettings settings,
      AutoCloseable server) {
    MysqlReplicaProvider p = server(engine, adminUrl, settings);
    return new MysqlReplicaProvider(engine, p.adminUrl, settings, Optional.of(server));
  }

  public String engine() {
    return engine;
  }

  public ReplicaSettings settings() {
    return settings;
  }

  /** A fresh sandbox whose statements get {@code statementBudget} each. */
  public MysqlReplica create(Duration statementBudget) {
    return new MysqlReplica(MysqlSandbox.create(engine, adminUrl, settings.withStatementTimeout(statementBudget)));
  }

  /** One review's database and user on the server; {@link #close()} drops both. */
  public static final class MysqlReplica implements AutoCloseable {
    private final MysqlSandbox sandbox;

    private MysqlReplica(MysqlSandbox sandbox) {
      this.sandbox = sandbox;
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
      return sandbox.run(history, false).stream().filter(r -> r.status() != OnlineDdl.Status.OK).toList();
    }

    /**
     * The sandbox database's schema as {@link Snapshots#take} reads a MySQL/MariaDB production (no statistics):
     * after {@link #replay}, the expected schema.
     */
    public SchemaSnapshot snapshot() {
      return sandbox.snapshot();
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
    if (server.isPresent()) {
      try {
        server.get().close();
      } catch (Exception e) {
        throw new WardenException(ErrorCode.INFRASTRUCTURE, "could not stop the MariaDB replica server: "
            + e.getMessage(), e);
      }
    }
  }
}
