package dev.schemawarden.app.state;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's PostgreSQL, shared by {@code warden serve} (jobs, deliveries) and the audit log ({@code warden apply},
 * {@code warden audit}, each with its own Flyway history table): opens the embedded server (persistent data directory) or connects to an external one,
 * migrates the bot's schema with Flyway ({@code classpath:db/state}) and lends connections from a small pool.
 * A connection that failed is closed rather than returned, so a restarted server heals the pool.
 */
public final class StateStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

  private final String url;
  private final String display;
  private final Optional<EmbeddedPostgres> embedded;
  private final BlockingQueue<Connection> idle;

  private StateStore(String url, String display, Optional<EmbeddedPostgres> embedded, int poolSize) {
    this.url = url;
    this.display = display;
    this.embedded = embedded;
    this.idle = new ArrayBlockingQueue<>(poolSize);
  }

  /** Environment variables that name the store: a JDBC URL, else the embedded server's data directory. */
  public static final String URL_ENV = "WARDEN_STATE_URL";
  public static final String DIR_ENV = "WARDEN_STATE_DIR";

  /**
   * The store an explicit URL ({@code --state-url}), then {@code WARDEN_STATE_URL}, then the embedded server in
   * {@code WARDEN_STATE_DIR} (default {@code ~/.local/share/schema-warden/state}) names: what the CLI opens.
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
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".local", "share", "schema-warden", "state"));
    return new StateSettings(u, dir, poolSize);
  }

  /** Starts (or connects to) the store and brings its schema up to date. */
  public static StateStore open(StateSettings settings) {
    StateStore store;
    if (settings.url().isPresent()) {
      String url = settings.url().get();
      store = new StateStore(url, StateSettings.redact(url), Optional.empty(), settings.poolSize());
    } else {
      EmbeddedPostgres pg = startEmbedded(settings);
      String url = pg.getJdbcUrl("postgres", "postgres");
      store = new StateStore(url, "embedded PostgreSQL in " + settings.dir(), Optional.of(pg), settings.poolSize());
    }
    try {
      store.migrate();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static EmbeddedPostgres startEmbedded(StateSettings settings) {
    try {
      Files.createDirectories(settings.dir());
      // Not cleaned: the directory is the queue's durability. initdb runs only when it holds no cluster yet.
      return EmbeddedPostgres.builder()
          .setDataDirectory(settings.dir())
          .setCleanDataDirectory(false)
          .setServerConfig("max_connections", "100")
          .start();
    } catch (IOException | RuntimeException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot start the embedded state store in "
          + settings.dir() + ": " + e.getMessage() + ": check that WARDEN_STATE_DIR is writable and not used by"
          + " another running warden, or set WARDEN_STATE_URL to an external PostgreSQL", e);
    }
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
    ds.setApplicationName("schema-warden-state");
    return ds;
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
      return DriverManager.getConnection(url);
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
    embedded.ifPresent(pg -> {
      try {
        pg.close();
      } catch (IOException e) {
        LOG.warn("stopping the embedded state store failed: {}", e.getMessage());
      }
    });
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
