package dev.schemawarden.replica.internal.mysql;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One review's sandbox on a MySQL/MariaDB server: a database {@code warden_r_<random>} and a user with every
 * privilege on it and none elsewhere (no FILE, SUPER, PROCESS, CREATE USER, no other schema, no GRANT OPTION), its
 * connection opened with {@code allowLocalInfile=false} so {@code LOAD DATA LOCAL} cannot read the reviewing
 * machine's files. The statements run as that user; the admin connection watches each one ({@link Budget}) and
 * reads the InnoDB views the user may not. {@link #close()} drops the database and the user.
 */
public final class MysqlSandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlSandbox.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String engine;
  private final Connection admin;
  private final Connection watch;
  private final Connection sandbox;
  private final String database;
  private final String user;
  private final String url;
  private final ReplicaSettings settings;
  private final long sessionId;

  /** When the review budget started: at creation, or when a pooled spare is taken ({@link #restartBudget}). */
  private volatile long budgetStart = System.nanoTime();

  private volatile boolean abandoned;

  private MysqlSandbox(
      String engine,
      Connection admin,
      Connection watch,
      Connection sandbox,
      long sessionId,
      String database,
      String user,
      String url,
      ReplicaSettings settings) {
    this.sessionId = sessionId;
    this.url = url;
    this.engine = engine;
    this.admin = admin;
    this.watch = watch;
    this.sandbox = sandbox;
    this.database = database;
    this.user = user;
    this.settings = settings;
  }

  /** Creates the database and its user through {@code adminUrl} and connects as that user. */
  public static MysqlSandbox create(String engine, String adminUrl, ReplicaSettings settings) {
    String suffix = HexFormat.of().formatHex(RANDOM.generateSeed(6));
    String database = "warden_r_" + suffix;
    String name = "warden_u_" + suffix;
    String password = HexFormat.of().formatHex(RANDOM.generateSeed(16));
    Connection admin = null;
    String user = account(suffix, "%");
    try {
      admin = DriverManager.getConnection(adminUrl);
      MysqlOrphans.sweepNowAndThen(serverKey(adminUrl), admin);
      // Held by this admin session until the sandbox is dropped (or the session ends, however the
      // process ended): what tells a live sandbox from one a killed process left (MysqlOrphans).
      if (!MysqlOrphans.take(admin, database)) {
        throw new SQLException("the named lock of " + database + " is taken");
      }
      user = account(suffix, adminHost(admin));
      exec(admin, "CREATE DATABASE `" + database + "`");
      exec(admin, "CREATE USER " + user + " IDENTIFIED BY '" + password + "'");
      exec(admin, "GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + user);
      String url = sandboxUrl(adminUrl, database, name, password);
      Connection sandbox = DriverManager.getConnection(url);
      long sessionId = Long.parseLong(one(sandbox, "SELECT CONNECTION_ID()"));
      exec(
          sandbox,
          "SET SESSION lock_wait_timeout = " + Math.max(1, settings.lockTimeout().toSeconds()));
      // The budget's own admin session: it polls and kills while the other one reads InnoDB ids for
      // the tracer.
      Connection watch = DriverManager.getConnection(adminUrl);
      return new MysqlSandbox(
          engine, admin, watch, sandbox, sessionId, database, user, url, settings);
    } catch (SQLException e) {
      if (admin != null) {
        quietly(admin, "DROP DATABASE IF EXISTS `" + database + "`");
        quietly(admin, "DROP USER IF EXISTS " + user);
        close(admin);
      }
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "could not create a sandbox on the "
              + engine
              + " replica server: "
              + e.getMessage()
              + " (the replica URL's user needs CREATE, DROP, CREATE USER and"
              + " GRANT OPTION)",
          e);
    }
  }

  /** The admin account's host pattern: a sandbox user connects from where the admin does. */
  static String adminHost(Connection admin) throws SQLException {
    return one(admin, "SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', -1)");
  }

  /** The sandbox user of the database {@code warden_r_<suffix>}, as an account at {@code host}. */
  static String account(String suffix, String host) {
    return "'warden_u_" + suffix + "'@'" + host.replace("'", "''") + "'";
  }

  /**
   * The server an admin URL points at: its host and port (what stands between {@code //} and the first {@code /}
   * or {@code ?}), never its user or password.
   */
  static String serverKey(String adminUrl) {
    int hosts = adminUrl.indexOf("//");
    if (hosts < 0) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "the replica URL "
              + adminUrl.replaceAll("password=[^&]*", "password=***")
              + " is not jdbc:mariadb://host:port/?user=..&password=..: fix replica.url-env");
    }
    int end = adminUrl.indexOf('/', hosts + 2);
    int q = adminUrl.indexOf('?', hosts + 2);
    int stop = end < 0 ? (q < 0 ? adminUrl.length() : q) : (q < 0 ? end : Math.min(end, q));
    return adminUrl.substring(hosts + 2, stop);
  }

  /**
   * The sandbox user's URL on the admin URL's server: only host and port are kept. The MariaDB driver speaks to
   * MySQL too; no local infile, one statement per call.
   */
  static String sandboxUrl(String adminUrl, String database, String user, String password) {
    String server = serverKey(adminUrl);
    int q = adminUrl.indexOf('?', adminUrl.indexOf("//") + 2);
    StringBuilder url =
        new StringBuilder("jdbc:mariadb://")
            .append(server)
            .append('/')
            .append(database)
            .append("?user=")
            .append(user)
            .append("&password=")
            .append(password)
            .append("&allowLocalInfile=false&allowMultiQueries=false");
    // The operator's connection options (TLS above all) hold for the sandbox user too; who logs in
    // and what the session may do are ours.
    if (q >= 0) {
      for (String option : adminUrl.substring(q + 1).split("&")) {
        String key = option.split("=", 2)[0];
        if (!key.isBlank() && !SANDBOX_DECIDES.contains(key.toLowerCase(java.util.Locale.ROOT))) {
          url.append('&').append(option);
        }
      }
    }
    // MySQL 8's caching_sha2_password lets a new user's first login without TLS through only with
    // the server's RSA key; the password is the sandbox's own, random and dropped with it.
    if (!url.toString().toLowerCase(java.util.Locale.ROOT).contains("sslmode=")
        && !url.toString().contains("allowPublicKeyRetrieval=")) {
      url.append("&allowPublicKeyRetrieval=true");
    }
    return url.toString();
  }

  /** Options of the admin URL the sandbox never inherits: its own login, and what its session may run. */
  private static final java.util.Set<String> SANDBOX_DECIDES =
      java.util.Set.of(
          "user",
          "password",
          "allowlocalinfile",
          "allowmultiqueries",
          "allowloadlocalinfile",
          "initsql",
          "sessionvariables",
          "permitredirect",
          "localsocket",
          "pipe");

  /**
   * {@code reader} applied to the sandbox user's own connection (never the admin's), which must not be kept past
   * the call: how the caller reads the replayed schema.
   */
  public <T> T read(MysqlReplicaProvider.SqlFunction<Connection, T> reader) {
    try {
      return reader.apply(sandbox);
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "could not read the sandbox database "
              + database
              + " on the "
              + engine
              + " replica server: "
              + e.getMessage(),
          e);
    }
  }

  /** The sandbox user's URL, password included: for tests that go past the text filter. */
  String url() {
    return url;
  }

  public String database() {
    return database;
  }

  public String version() {
    try {
      return one(admin, "SELECT VERSION()");
    } catch (SQLException e) {
      return "unknown";
    }
  }

  /**
   * Runs every statement of {@code migrations} as the sandbox user, in order. With {@code trace}, each ALTER is
   * traced for its online DDL; a statement that does not end OK stops the run (the rest are NOT_RUN), as it stops
   * the deploy. Without it (replaying the base history) every statement runs and the failures are returned too.
   */
  public List<OnlineDdl.Run> run(List<Migration> migrations, boolean trace) {
    List<OnlineDdl.Run> out = new ArrayList<>();
    boolean stopped = false;
    for (Migration m : migrations) {
      for (SqlStatement s : m.statements()) {
        if (stopped || abandoned) {
          out.add(
              new OnlineDdl.Run(
                  s, OnlineDdl.Status.NOT_RUN, Optional.empty(), Optional.empty(), Duration.ZERO));
          continue;
        }
        OnlineDdl.Run r = one(s, trace);
        out.add(r);
        stopped = trace && r.status() != OnlineDdl.Status.OK;
      }
    }
    return List.copyOf(out);
  }

  private OnlineDdl.Run one(SqlStatement s, boolean trace) {
    Optional<String> refusal = OnlineDdl.refusal(s.sql());
    if (refusal.isPresent()) {
      return new OnlineDdl.Run(
          s, OnlineDdl.Status.REFUSED, Optional.empty(), refusal, Duration.ZERO);
    }
    if (Duration.ofNanos(System.nanoTime() - budgetStart).compareTo(settings.reviewBudget()) > 0) {
      return new OnlineDdl.Run(
          s,
          OnlineDdl.Status.TIMED_OUT,
          Optional.empty(),
          Optional.of(
              "the review budget of " + settings.reviewBudget().toSeconds() + " s was spent"),
          Duration.ZERO);
    }
    long start = System.nanoTime();
    try (Budget budget = Budget.watch(watch, sandbox, sessionId, engine, database, settings)) {
      Optional<OnlineDdl.Traced> traced = Optional.empty();
      Optional<String> error = Optional.empty();
      int code = 0;
      try {
        traced = trace ? OnlineDdl.trace(engine, sandbox, admin, s.sql()) : Optional.empty();
        if (traced.isPresent()) {
          error = traced.get().error();
        } else {
          drain(sandbox, s.sql());
        }
      } catch (SQLException e) {
        error = Optional.of(e.getMessage());
        code = e.getErrorCode();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Optional<String> cut = budget.stop();
      if (cut.isPresent()) {
        return new OnlineDdl.Run(s, OnlineDdl.Status.TIMED_OUT, traced, cut, took);
      }
      OnlineDdl.Status status =
          error.map(message -> OnlineDdl.classify(0, message)).orElse(OnlineDdl.Status.OK);
      if (error.isPresent() && traced.isEmpty()) {
        status = OnlineDdl.classify(code, error.get());
      }
      return new OnlineDdl.Run(s, status, traced, error, took);
    }
  }

  /** Runs one statement, reading (and dropping) every result so a SELECT's rows never pile up in memory. */
  private static void drain(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.setFetchSize(100);
      boolean rows = st.execute(sql);
      while (rows || st.getUpdateCount() != -1) {
        if (rows) {
          try (ResultSet rs = st.getResultSet()) {
            while (rs.next()) {
              // discarded: the trace wants the statement's effects, not its rows
            }
          }
        }
        rows = st.getMoreResults();
      }
    }
  }

  static String one(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  static long bytes(Connection admin, String engine, String database) throws SQLException {
    // InnoDB's statistics lag; the tablespace files do not. Other engines' DATA_LENGTH is exact.
    String spaces = engine.equals("mariadb") ? "INNODB_SYS_TABLESPACES" : "INNODB_TABLESPACES";
    try (PreparedStatement ps =
        admin.prepareStatement(
            "SELECT (SELECT COALESCE(SUM(FILE_SIZE), 0) FROM"
                + " information_schema."
                + spaces
                + " WHERE NAME LIKE CONCAT(?, '/%')) + (SELECT COALESCE(SUM(DATA_LENGTH"
                + " + INDEX_LENGTH), 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND ENGINE <> 'InnoDB')")) {
      ps.setString(1, database);
      ps.setString(2, database);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void quietly(Connection c, String sql) {
    try {
      exec(c, sql);
    } catch (SQLException e) {
      LOG.warn("replica cleanup `{}` failed: {}", sql, e.getMessage());
    }
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a replica connection: {}", e.getMessage());
    }
  }

  /** The review budget starts again now: a spare built earlier is taken by a review (issue 14's pool). */
  void restartBudget() {
    budgetStart = System.nanoTime();
  }

  /**
   * Stops a build from another thread: the statements not yet started are NOT_RUN and the one running is killed
   * (over a connection of its own: the admin one belongs to the running statement's watchdog).
   */
  void abandon(String adminUrl) {
    abandoned = true;
    try (Connection killer = DriverManager.getConnection(adminUrl)) {
      exec(killer, "KILL CONNECTION " + sessionId);
    } catch (SQLException e) {
      LOG.debug("stopping a spare build: {}", e.getMessage());
    }
  }

  /**
   * Whether the sandbox's sessions still answer: false after {@link #abandon}, a killed session or a server
   * restart (the driver does not reconnect by itself). A ping, not a query: the sandbox session's state (its
   * {@code FOUND_ROWS()}, variables, temporary tables) stays what the replay left, as in a fresh one.
   */
  boolean healthy() {
    try {
      return !abandoned && sandbox.isValid(2) && admin.isValid(2) && watch.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Whether the database holds an event (dynamic SQL gets {@code CREATE EVENT} past the text filter): the event
   * scheduler would run it, unwatched by the statement budget and size cap, while the sandbox waits in the pool.
   */
  boolean hasEvents() {
    try (PreparedStatement ps =
        admin.prepareStatement(
            "SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      return true;
    }
  }

  /** Drops the database and the user; the server stays (it is the provider's). */
  @Override
  public void close() {
    close(sandbox);
    close(watch);
    quietly(admin, "DROP DATABASE IF EXISTS `" + database + "`");
    quietly(admin, "DROP USER IF EXISTS " + user);
    close(admin);
  }
}
