package dev.schemawarden.app.state;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
 * A connection that failed is closed rather than returned, so a restarted server heals the pool. The embedded server
 * is watched by a {@link StoreSupervisor}, which starts it again when it dies; work that lost its connection to it
 * waits up to {@link #OUTAGE_WAIT} for the restart and is run once more (its transaction never committed, or the
 * caller's idempotence — delivery ids, job leases — covers the rare commit that did).
 */
public final class StateStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

  /**
   * How long work that lost its connection waits for the supervisor to restart the embedded server: a delivery
   * posted right after the kill was answered in 3.4–3.7 s on a busy 2-core host (docs/benchmarks.md, Faults), and a
   * webhook sender gives up after 10 s.
   */
  public static final Duration OUTAGE_WAIT = Duration.ofSeconds(8);

  /** An external store's URL (its own credentials); the embedded one's comes from the supervisor. */
  private final StoreSupervisor.Endpoint external;

  private final String display;
  private final Optional<StoreSupervisor> supervisor;
  private final BlockingQueue<Pooled> idle;

  /** A pooled connection and the server generation it was opened to. */
  private record Pooled(Connection connection, long generation) {}

  private StateStore(
      StoreSupervisor.Endpoint external,
      String display,
      Optional<StoreSupervisor> supervisor,
      int poolSize) {
    this.external = external;
    this.display = display;
    this.supervisor = supervisor;
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
  public static StateSettings settings(
      Optional<String> url, Map<String, String> env, int poolSize) {
    Optional<String> u =
        url.filter(s -> !s.isBlank())
            .or(() -> Optional.ofNullable(env.get(URL_ENV)).filter(s -> !s.isBlank()));
    u.filter(s -> !s.startsWith("jdbc:postgresql:"))
        .ifPresent(
            s -> {
              throw new WardenException(
                  ErrorCode.CONFIG,
                  "state store URL "
                      + StateSettings.redact(s)
                      + " is not a PostgreSQL JDBC URL: use jdbc:postgresql://HOST:PORT/DB (WARDEN_STATE_URL or --state-url)");
            });
    Path dir =
        Optional.ofNullable(env.get(DIR_ENV))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElseGet(StateStore::defaultDirectory);
    return new StateSettings(u, dir, poolSize);
  }

  /**
   * The embedded store's default data directory: {@code /var/lib/schema-warden/state} when we run as root (the
   * server then runs as an unprivileged user, who cannot pass through {@code /root}), else
   * {@code ~/.local/share/schema-warden/state}.
   */
  public static Path defaultDirectory() {
    return LocalPostgres.jvmIsRoot()
        ? Path.of("/var/lib/schema-warden/state")
        : Path.of(System.getProperty("user.home"), ".local", "share", "schema-warden", "state");
  }

  /** Starts (or connects to) the store and brings its schema up to date. */
  public static StateStore open(StateSettings settings) {
    if (settings.url().isEmpty()) {
      // migrated by the migration role at start; the bot's role could not
      EmbeddedStateStore e = EmbeddedStateStore.start(settings.dir());
      LOG.info(
          "state store ready: embedded PostgreSQL in {} (role {})",
          settings.dir(),
          EmbeddedStateStore.BOT);
      return new StateStore(
          null,
          "embedded PostgreSQL in " + settings.dir(),
          Optional.of(new StoreSupervisor(settings.dir(), e)),
          settings.poolSize());
    }
    String url = settings.url().get();
    StateStore store =
        new StateStore(
            new StoreSupervisor.Endpoint(url, new Properties(), 0),
            StateSettings.redact(url),
            Optional.empty(),
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
          .dataSource(external.url(), null, null)
          .locations("classpath:db/state")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot migrate the state store ("
              + display
              + "): "
              + e.getMessage()
              + ": check WARDEN_STATE_URL and that its user may create tables",
          e);
    }
    LOG.info("state store ready: {}", display);
  }

  /**
   * Unpooled connections to the store, for components that manage their own transactions and Flyway history (the
   * audit log). Each {@code getConnection()} opens a new connection; close it.
   */
  public DataSource dataSource() {
    return new CurrentServer();
  }

  /**
   * Pooled connections as a {@link DataSource}: closing one gives it back to the pool (rolled back to auto-commit
   * first). For readers that open a connection per call, such as the console's audit pages: a new connection costs
   * a backend start and a password handshake, ~100 ms on a busy host (docs/benchmarks.md, "Console").
   */
  public DataSource pooledDataSource() {
    return new Pooling();
  }

  private final class Pooling extends PGSimpleDataSource {
    private static final long serialVersionUID = 1L;

    @Override
    public Connection getConnection() throws SQLException {
      Pooled p;
      try {
        p = borrow();
      } catch (StateException e) {
        throw (SQLException) e.getCause();
      }
      boolean[] state = {false, false}; // closed, broken
      return (Connection)
          java.lang.reflect.Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("close")) {
                  if (!state[0]) {
                    state[0] = true;
                    giveBack(p, !state[1] && reset(p.connection()));
                  }
                  return null;
                }
                if (method.getName().equals("isClosed") && state[0]) {
                  return true;
                }
                try {
                  return method.invoke(p.connection(), args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  if (e.getCause() instanceof SQLException x && isConnectionFailure(x)) {
                    state[1] = true;
                  }
                  throw e.getCause();
                }
              });
    }
  }

  /** Ends a transaction a borrower left open; false when the connection cannot be used again. */
  private static boolean reset(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Connections to the server running now: the embedded one may have been restarted on another port. */
  private final class CurrentServer extends PGSimpleDataSource {
    private static final long serialVersionUID = 1L;

    CurrentServer() {
      setApplicationName("schema-warden-state");
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
      StoreSupervisor.Endpoint e = endpoint();
      setURL(e.url());
      if (!e.login().isEmpty()) {
        setUser(e.login().getProperty("user"));
        setPassword(e.login().getProperty("password"));
      }
      return super.getConnection();
    }
  }

  private StoreSupervisor.Endpoint endpoint() {
    return supervisor.map(StoreSupervisor::endpoint).orElse(external);
  }

  /** The embedded server, when this store started one (tests and diagnostics). */
  Optional<LocalPostgres> embedded() {
    return supervisor.map(StoreSupervisor::server);
  }

  /**
   * How long the embedded server has been down while its supervisor restarts it; empty while it runs, and always
   * for an external store (nothing here can restart that).
   */
  public Optional<Duration> downFor() {
    return supervisor.flatMap(StoreSupervisor::downFor);
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
    return withConnection(
        c -> {
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

  /**
   * Runs {@code work} with a pooled connection in auto-commit mode. When the embedded server went away under it,
   * waits up to {@link #OUTAGE_WAIT} for the supervisor to bring it back and runs {@code work} once more.
   */
  public <T> T withConnection(Work<T> work) {
    try {
      return once(work);
    } catch (StateException e) {
      if (!e.connectionLost()
          || supervisor.isEmpty()
          || !supervisor.get().awaitRunning(OUTAGE_WAIT)) {
        throw e;
      }
      LOG.info("state store ({}) is back after a lost connection; running the work again", display);
      return once(work);
    }
  }

  private <T> T once(Work<T> work) {
    Pooled c = borrow();
    boolean healthy = false;
    try {
      T result = work.run(c.connection());
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

  /** True when a trivial query answers now (no waiting for a restart): what {@code /readyz} reports. */
  public boolean reachable() {
    try {
      return once(
          c -> {
            try (Statement s = c.createStatement()) {
              s.setQueryTimeout(2);
              return s.execute("SELECT 1");
            }
          });
    } catch (RuntimeException e) {
      if (downFor().isPresent()) {
        LOG.debug("state store ({}) not reachable while it restarts: {}", display, e.getMessage());
      } else {
        LOG.warn("state store ({}) not reachable: {}", display, e.getMessage());
      }
      return false;
    }
  }

  private Pooled borrow() {
    StoreSupervisor.Endpoint now = endpoint();
    Pooled c;
    while ((c = idle.poll()) != null) {
      if (c.generation() == now.generation()) {
        return c;
      }
      closeQuietly(c.connection()); // opened to a server that has died since
    }
    try {
      return new Pooled(DriverManager.getConnection(now.url(), now.login()), now.generation());
    } catch (SQLException e) {
      throw new StateException(e);
    }
  }

  private void giveBack(Pooled c, boolean healthy) {
    if (healthy && c.generation() == endpoint().generation() && idle.offer(c)) {
      return;
    }
    closeQuietly(c.connection());
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
    Pooled c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c.connection());
    }
    supervisor.ifPresent(StoreSupervisor::close);
  }

  /** A state store operation failed; the message carries the SQL state, never the connection URL. */
  public static final class StateException extends WardenException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    StateException(SQLException e) {
      super(
          ErrorCode.INFRASTRUCTURE,
          "state store: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")",
          e);
      this.sqlState = e.getSQLState() == null ? "" : e.getSQLState();
    }

    public String sqlState() {
      return sqlState;
    }

    /** The connection broke or the server went away (class 08, or an administrator's shutdown). */
    public boolean connectionLost() {
      return sqlState.isEmpty() || sqlState.startsWith("08") || sqlState.startsWith("57P");
    }
  }
}
