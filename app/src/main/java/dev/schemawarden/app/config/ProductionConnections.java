package dev.schemawarden.app.config;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The one way Schema Warden connects to a database it does not own: production and the other target environments
 * ({@code warden snapshot --url}, a review's {@code snapshot.env}, {@code warden apply}, {@code doctor},
 * {@code rollback}). Every connection has a bounded connect (TCP connect and login), read, statement and lock
 * wait, so a server that accepts the connection and never answers fails in seconds with one line naming the host
 * and the setting to raise, never with a hang.
 *
 * <p>The statement and lock timeouts are set with {@code SET} right after login rather than through the
 * {@code options} startup parameter, which PgBouncer refuses. A timeout parameter written in the JDBC URL wins over
 * these settings (pgjdbc lets URL parameters override properties).
 */
public final class ProductionConnections {
  public static final String CONNECT_ENV = "WARDEN_PG_CONNECT_TIMEOUT";
  public static final String SOCKET_ENV = "WARDEN_PG_SOCKET_TIMEOUT";
  public static final String STATEMENT_ENV = "WARDEN_PG_STATEMENT_TIMEOUT";
  public static final String LOCK_ENV = "WARDEN_PG_LOCK_TIMEOUT";

  /** How much longer than a statement's budget the read timeout is, so the server's own cancel arrives first. */
  static final Duration SOCKET_MARGIN = Duration.ofSeconds(30);

  private static final Pattern HOST =
      Pattern.compile("(?i)jdbc:(?:postgresql|mysql|mariadb)://(?:[^/@?]*@)?([^/?]*)");

  private ProductionConnections() {}

  /**
   * The limits of one connection. {@link Duration#ZERO} means none (never for {@code connect}).
   *
   * @param connect TCP connect plus login (pgjdbc {@code connectTimeout} and {@code loginTimeout})
   * @param socket the longest wait for any answer from the server (pgjdbc {@code socketTimeout}): longer than
   *     {@code statement}, so a slow statement ends with the server's cancel, not a broken connection
   * @param statement {@code statement_timeout}
   * @param lock {@code lock_timeout}
   */
  public record Timeouts(Duration connect, Duration socket, Duration statement, Duration lock) {
    public Timeouts {
      Objects.requireNonNull(connect, "connect");
      Objects.requireNonNull(socket, "socket");
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(lock, "lock");
      if (connect.isNegative()
          || connect.isZero()
          || socket.isNegative()
          || statement.isNegative()
          || lock.isNegative()) {
        throw new WardenException(
            ErrorCode.CONFIG,
            "database timeouts: the connect timeout must be positive and"
                + " the others positive or 0 (none); got connect "
                + connect
                + ", socket "
                + socket);
      }
      if (!socket.isZero() && (statement.isZero() || socket.compareTo(statement) <= 0)) {
        throw new WardenException(
            ErrorCode.CONFIG,
            "the socket timeout ("
                + text(socket)
                + ") must be longer than"
                + " the statement timeout ("
                + (statement.isZero() ? "none" : text(statement))
                + "), or 0: raise "
                + SOCKET_ENV
                + " / --socket-timeout, or set a statement timeout");
      }
    }

    /** Snapshots and checks: connect 10 s, statement 60 s, lock 10 s, socket 90 s (the statement's plus 30 s). */
    public static Timeouts defaults() {
      return new Timeouts(
          Duration.ofSeconds(10),
          Duration.ofSeconds(90),
          Duration.ofSeconds(60),
          Duration.ofSeconds(10));
    }

    /**
     * Applying migrations: apply sets {@code statement}/{@code lock} per statement itself ({@code ApplySettings}).
     * The read timeout follows the statement budget (plus 30 s); with no statement budget (a
     * {@code CREATE INDEX CONCURRENTLY} may take hours) there is none, and only TCP keepalive notices a dead peer.
     */
    public static Timeouts forApply(Duration connect, Duration statement, Duration lock) {
      return new Timeouts(
          connect,
          statement.isZero() ? Duration.ZERO : statement.plus(SOCKET_MARGIN),
          statement,
          lock);
    }

    /**
     * These, with each {@code WARDEN_PG_*_TIMEOUT} variable {@code env} has overriding its value; a socket
     * timeout left at its default follows a raised statement timeout.
     */
    public Timeouts withEnvironment(Function<String, String> env) {
      Duration st = read(env, STATEMENT_ENV).orElse(statement);
      Optional<Duration> so = read(env, SOCKET_ENV);
      return new Timeouts(
          read(env, CONNECT_ENV).orElse(connect),
          so.orElseGet(() -> followed(st)),
          st,
          read(env, LOCK_ENV).orElse(lock));
    }

    /** These, with the values given (flags) replacing theirs. */
    public Timeouts with(
        Optional<Duration> newConnect,
        Optional<Duration> newSocket,
        Optional<Duration> newStatement,
        Optional<Duration> newLock) {
      Duration st = newStatement.orElse(statement);
      return new Timeouts(
          newConnect.orElse(connect),
          newSocket.orElseGet(() -> followed(st)),
          st,
          newLock.orElse(lock));
    }

    /** A socket timeout nobody set: none without a statement timeout, else at least the statement's plus 30 s. */
    private Duration followed(Duration newStatement) {
      if (newStatement.isZero()) {
        return Duration.ZERO;
      }
      Duration least = newStatement.plus(SOCKET_MARGIN);
      return socket.compareTo(least) >= 0 ? socket : least;
    }
  }

  /** Parses a timeout: {@code 0} (none), {@code 500ms}, {@code 10s}, {@code 2min}, {@code 1h}. */
  public static Duration parse(String text, String setting) {
    if (text.trim().equals("0")) {
      return Duration.ZERO;
    }
    return ConfigLoader.duration(text)
        .orElseThrow(
            () ->
                new WardenException(
                    ErrorCode.USAGE,
                    setting
                        + " '"
                        + text
                        + "' is not a duration: write e.g. 500ms, 10s or 2min (0 for none)"));
  }

  private static Optional<Duration> read(Function<String, String> env, String name) {
    return Optional.ofNullable(env.apply(name)).filter(v -> !v.isBlank()).map(v -> parse(v, name));
  }

  /** Work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /**
   * Opens a connection, runs {@code work} on it and closes it. Any failure (connecting, or a timeout while
   * working) is one line: {@code doing} (e.g. "cannot take a snapshot of"), the host and what to do.
   */
  public static <T> T with(
      String url,
      Optional<String> user,
      Optional<String> password,
      String applicationName,
      boolean readOnly,
      Timeouts timeouts,
      String doing,
      Work<T> work) {
    try (Connection c = connect(url, user, password, applicationName, readOnly, timeouts)) {
      return work.apply(c);
    } catch (SQLException e) {
      throw failure(url, timeouts, e, doing);
    } catch (WardenException e) {
      throw timeoutOf(e, timeouts).isPresent() ? failure(url, timeouts, e, doing) : e;
    }
  }

  /**
   * Opens a connection to {@code url} as {@code user} with {@code timeouts}; {@code readOnly} for snapshots.
   * Failing to connect is one {@link ErrorCode#INFRASTRUCTURE} line: {@code doing} (e.g. "cannot connect to"),
   * then the host, never the URL's query.
   */
  public static Connection open(
      String url,
      Optional<String> user,
      Optional<String> password,
      String applicationName,
      boolean readOnly,
      Timeouts timeouts,
      String doing) {
    try {
      return connect(url, user, password, applicationName, readOnly, timeouts);
    } catch (SQLException e) {
      throw failure(url, timeouts, e, doing);
    }
  }

  private static Connection connect(
      String url,
      Optional<String> user,
      Optional<String> password,
      String applicationName,
      boolean readOnly,
      Timeouts timeouts)
      throws SQLException {
    if (mysqlFamily(url)) {
      return connectMysql(url, user, password, readOnly, timeouts);
    }
    Properties p = new Properties();
    user.ifPresent(u -> p.setProperty("user", u));
    password.ifPresent(pw -> p.setProperty("password", pw));
    p.setProperty("ApplicationName", applicationName);
    p.setProperty("connectTimeout", seconds(timeouts.connect()));
    p.setProperty("loginTimeout", seconds(timeouts.connect()));
    p.setProperty("socketTimeout", seconds(timeouts.socket()));
    p.setProperty("tcpKeepAlive", "true");
    if (readOnly) {
      p.setProperty("readOnly", "true");
    }
    Connection c = DriverManager.getConnection(url, p);
    try (Statement st = c.createStatement()) {
      st.execute(
          "SET statement_timeout = "
              + timeouts.statement().toMillis()
              + "; SET lock_timeout = "
              + timeouts.lock().toMillis());
      return c;
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /** True for {@code jdbc:mysql://} and {@code jdbc:mariadb://} URLs (the MariaDB driver speaks to both). */
  public static boolean mysqlFamily(String url) {
    String u = url.trim().toLowerCase(Locale.ROOT);
    return u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:");
  }

  /**
   * MySQL/MariaDB through the MariaDB driver (timeouts in milliseconds; {@code LOAD DATA LOCAL} refused, so a
   * server cannot ask for the reviewing machine's files); the statement budget is MariaDB's
   * {@code max_statement_time} or MySQL's {@code max_execution_time}, the lock wait {@code lock_wait_timeout}.
   */
  private static Connection connectMysql(
      String url,
      Optional<String> user,
      Optional<String> password,
      boolean readOnly,
      Timeouts timeouts)
      throws SQLException {
    Properties p = new Properties();
    user.ifPresent(u -> p.setProperty("user", u));
    password.ifPresent(pw -> p.setProperty("password", pw));
    p.setProperty("connectTimeout", Long.toString(timeouts.connect().toMillis()));
    p.setProperty("socketTimeout", Long.toString(timeouts.socket().toMillis()));
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("allowLocalInfile", "false");
    p.setProperty("allowMultiQueries", "false");
    Connection c =
        DriverManager.getConnection(
            url.trim().replaceFirst("(?i)^jdbc:mysql:", "jdbc:mariadb:"), p);
    try (Statement st = c.createStatement()) {
      c.setReadOnly(readOnly);
      boolean mariadb =
          c.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
      st.execute(
          mariadb
              ? "SET SESSION max_statement_time = " + timeouts.statement().toMillis() / 1000.0
              : "SET SESSION max_execution_time = " + timeouts.statement().toMillis());
      st.execute(
          "SET SESSION lock_wait_timeout = "
              + Math.max(1, (timeouts.lock().toMillis() + 999) / 1000));
      return c;
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /** A {@link DataSource} of {@link #open} connections, for libraries that open their own (Flyway). */
  public static DataSource dataSource(
      String url,
      Optional<String> user,
      Optional<String> password,
      String applicationName,
      Timeouts timeouts,
      String doing) {
    return new Source(() -> open(url, user, password, applicationName, false, timeouts, doing));
  }

  /**
   * The one line for {@code e}, raised while talking to {@code url}: a timeout names the setting to raise; other
   * failures keep the driver's message (without secrets). {@code doing} says what failed, e.g. "cannot connect to".
   */
  public static WardenException failure(String url, Timeouts timeouts, Throwable e, String doing) {
    String host = host(url);
    Optional<String> timeout = timeoutOf(e, timeouts);
    if (timeout.isPresent()) {
      return new WardenException(
          ErrorCode.INFRASTRUCTURE, doing + " " + host + ": " + timeout.get(), e);
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return new WardenException(
        ErrorCode.INFRASTRUCTURE,
        doing
            + " "
            + host
            + ": "
            + dev.schemawarden.app.audit.Secrets.redact(message.lines().findFirst().orElse(""))
            + "; check the URL, the user and the password",
        e);
  }

  /** Which of {@code timeouts} ran out, and how to raise it, when {@code e} (or a cause) is a timeout. */
  static Optional<String> timeoutOf(Throwable e, Timeouts t) {
    for (Throwable x = e; x != null; x = x.getCause()) {
      String state =
          x instanceof SQLException s ? Optional.ofNullable(s.getSQLState()).orElse("") : "";
      String msg = Optional.ofNullable(x.getMessage()).orElse("").toLowerCase(Locale.ROOT);
      // PostgreSQL's statement_timeout; MariaDB's max_statement_time and MySQL's
      // max_execution_time.
      if ((state.equals("57014") && msg.contains("statement timeout"))
          || msg.contains("max_statement_time")
          || msg.contains("maximum statement execution time")) {
        return Optional.of(
            "a statement ran past the statement timeout of "
                + text(t.statement())
                + "; raise "
                + STATEMENT_ENV
                + " or --statement-timeout");
      }
      if (state.equals("55P03") || msg.contains("lock wait timeout exceeded")) {
        return Optional.of(
            "waited past the lock timeout of "
                + text(t.lock())
                + " for a lock; retry when the"
                + " database is quieter, or raise "
                + LOCK_ENV
                + " or --lock-timeout");
      }
      if (msg.contains("connection attempt timed out") || msg.contains("connect timed out")) {
        return Optional.of(
            "no connection within the connect timeout of "
                + text(t.connect())
                + "; check the host and the network, or raise "
                + CONNECT_ENV
                + " or --connect-timeout");
      }
      if (x instanceof SocketTimeoutException) {
        return Optional.of(
            "the server did not answer within the socket timeout of "
                + text(t.socket())
                + "; check the server, or raise "
                + SOCKET_ENV
                + " or --socket-timeout");
      }
    }
    return Optional.empty();
  }

  /** {@code host:port} of a JDBC URL: what messages name (never the user, password or query). */
  public static String host(String url) {
    Matcher m = HOST.matcher(url.trim());
    return m.lookingAt() && !m.group(1).isEmpty()
        ? m.group(1)
        : "the database (the URL is not jdbc:postgresql://, jdbc:mysql:// or jdbc:mariadb://)";
  }

  static String text(Duration d) {
    if (d.isZero()) {
      return "none";
    }
    return HumanDuration.format(d);
  }

  /** pgjdbc takes whole seconds: a sub-second timeout rounds up (0 stays 0, none). */
  private static String seconds(Duration d) {
    return Long.toString((d.toMillis() + 999) / 1000);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing; the first error is the one to report
      }
    }
  }

  @FunctionalInterface
  private interface Opener {
    Connection open();
  }

  private record Source(Opener opener) implements DataSource {
    @Override
    public Connection getConnection() {
      return opener.open();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException(
          "the target's credentials come from its environment");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      // no driver log: errors surface as exceptions
    }

    @Override
    public void setLoginTimeout(int seconds) {
      // the Timeouts decide
    }

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
