package dev.schemawarden.app.state;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's PostgreSQL, shared by {@code warden serve} (jobs, deliveries) and the audit log ({@code warden apply},
 * {@code warden audit}, each with its own Flyway history table): opens the embedded server (persistent data
 * directory, see {@link EmbeddedStateStore}: the bot connects as a role that may only read and append) or connects
 * to an external one, migrates the bot's schema with Flyway ({@code classpath:db/state}) and lends connections
 * from a small pool.
 * A connection that failed is closed rather than returned, so a restarted server heals the pool.
 */
public final class StateStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

  private final String url;
  /** The embedded store's bot login; empty for an external URL, which carries its own credentials. */
  private final Properties login;
  private final String display;
  private final Optional<LocalPostgres> embedded;
  private final BlockingQueue<Connection> idle;

  private StateStore(String url, Properties login, String display, Optional<LocalPostgres> embedded,
      int poolSize) {
    this.url = url;
    this.login = login;
    this.display = display;
    this.embedded = embedded;
    this.idle = new ArrayBlockingQueue<>(poolSize);
  }

  /** Environment variables that name the store: a JDBC URL, else the embedded server's data directory. */
  public static final String URL_ENV = "WARDEN_STATE_URL";
  public static final String DIR_ENV = "WARDEN_STATE_DIR";

  /**
   * The store an explicit URL ({@code --state-url}), then {@code WARDEN_STATE_URL}, then the embedded server in
   * {@code WARDEN_STATE_DIR} (default {@link #defaultDirectory()}) names: what the CLI opens.
   */
  public static StateStore open(Optional<String> url, Map<String, String> env) {
    return open(settings(url, env, 4));
  }

  /** The settings {@link #open(Optional, Map)} uses; {@code warden serve} derives the same ones. */
  public static StateSettings settings(Optional<String> url, Map<String, String> env, int poolSize) {
    Optional<String> u = url.filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(env.get(URL_ENV)).filter(s -> !s.isBlank()));
    u.filter(s -> !s.startsWith("jdbc:postgresql:")).ifPresent(s -> {
      throw new WardenException(ErrorCode.CONFIG, "state store URL " + StateSettings.redact(s)
          + " is not a PostgreSQL JDBC URL: use jdbc:postgresql://HOST:PORT/DB (WARDEN_STATE_URL or --state-url)");
    });
    Path dir = Optional.ofNullable(env.get(DIR_ENV)).filter(s -> !s.isBlank()).map(Path::of)
        .orElseGet(StateStore::defaultDirectory);
    return new StateSettings(u, dir, poolSize);
  }

  /**
   * The embedded store's default data directory: {@code /var/lib/schema-warden/state} when we run as root (the
   * server then runs as an unprivileged user, who cannot pass through {@code /root}), else
   * {@code ~/.local/share/schema-warden/state}.
   */
  public static Path defaultDirectory() {
    return LocalPostgres.jvmIsRoot() ? Path.of("/var/lib/schema-warden/state")
        : Path.of(System.getProperty("user.home"), ".local", "share", "schema-warden", "state");
  }

  /** Starts (or connects to) the store and brings its schema up to date. */
  public static StateStore open(StateSettings settings) {
    if (settings.url().isEmpty()) {
      // migrated by the migration role at start; the bot's role could not
      EmbeddedStateStore e = EmbeddedStateStore.start(settings.dir());
      LOG.info("state store ready: embedded PostgreSQL in {} (role {})", settings.dir(), EmbeddedStateStore.BOT);
      return new StateStore(e.server().jdbcUrl(EmbeddedStateStore.DATABASE), e.bot(),
          "embedded PostgreSQL in " + settings.dir(), Optional.of(e.server()), settings.poolSize());
    }
    String url = settings.url().get();
    StateStore store = new StateStore(url, new Properties(), StateSettings.redact(url), Optional.empty(),
        settings.poolSize());
    try {
      store.migrate();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void migrate() {
    try {
      Flyway.configure()
          .dataSource(url, null, null)
          .locations("classpath:db/state")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot migrate the state store (" + display + "): "
          + e.getMessage() + ": check WARDEN_STATE_URL and that its user may create tables", e);
    }
    LOG.info("state store ready: {}", display);
  }

  /**
   * Unpooled connections to the store, for components that manage their own transactions and Flyway history (the
   * audit log). Each {@code getConnection()} opens a new connection; close it.
   */
  public DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    if (!login.isEmpty()) {
      ds.setUser(login.getProperty("user"));
      ds.setPassword(login.getProperty("password"));
    }
    ds.setApplicationName("schema-warden-state");
    return ds;
  }

  /** The embedded server, when this store started one (tests and diagnostics). */
  Optional<LocalPostgres> embedded() {
    return embedded;
  }

  /** Where the state lives, for messages: the URL without credentials, or the embedded data directory. */
  public String describe() {
    return display;
  }

  /** Work done with one borrowed connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(Work<T> work) {
    return withConnection(c -> {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  /** Runs {@code work} with a pooled connection in auto-commit mode. */
  public <T> T withConnection(Work<T> work) {
    Connection c = borrow();
    boolean healthy = false;
    try {
      T result = work.run(c);
      healthy = true;
      return result;
    } catch (SQLException e) {
      healthy = !isConnectionFailure(e);
      throw new StateException(e);
    } catch (RuntimeException e) {
      healthy = true;
      throw e;
    } finally {
      giveBack(c, healthy);
    }
  }

  /** True when a trivial query answers: what {@code /readyz} reports. */
  public boolean reachable() {
    try {
      return withConnection(c -> {
        try (Statement s = c.createStatement()) {
          s.setQueryTimeout(2);
          return s.execute("SELECT 1");
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("state store ({}) not reachable: {}", display, e.getMessage());
      return false;
    }
  }

  private Connection borrow() {
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    try {
      return DriverManager.getConnection(url, login);
    } catch (SQLException e) {
      throw new StateException(e);
    }
  }

  private void giveBack(Connection c, boolean healthy) {
    if (healthy && idle.offer(c)) {
      return;
    }
    closeQuietly(c);
  }

  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57");
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a state store connection failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    Connection c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c);
    }
    embedded.ifPresent(LocalPostgres::close);
  }

  /** A state store operation failed; the message carries the SQL state, never the connection URL. */
  public static final class StateException extends WardenException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    StateException(SQLException e) {
      super(ErrorCode.INFRASTRUCTURE, "state store: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
      this.sqlState = e.getSQLState() == null ? "" : e.getSQLState();
    }

    public String sqlState() {
      return sqlState;
    }
  }
}
