package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces one clone's budgets from outside its sessions, on a superuser connection of its own, because the sandbox
 * session can change or swallow everything set inside it: a {@code DO} block that catches {@code query_canceled}
 * survives both {@code statement_timeout} and the driver's cancel. Every {@link #POLL} it reads the clone's
 * backends from {@code pg_stat_activity} and its size, and escalates:
 *
 * <ol>
 *   <li>a statement active longer than the statement budget plus {@link #CANCEL_GRACE} gets
 *       {@code pg_cancel_backend};
 *   <li>still the same statement {@link #TERMINATE_GRACE} later: {@code pg_terminate_backend};
 *   <li>past the review budget, or past the size cap (database size plus the sessions' temporary files), the
 *       clone is stopped: its role loses LOGIN and every backend on it is terminated;
 *   <li>a backend that outlives termination by {@link #TERMINATE_GRACE}: the clone is dropped {@code WITH (FORCE)}.
 * </ol>
 *
 * Each step records its reason before it acts, so the session it breaks finds the reason already there.
 */
final class ReplicaWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaWatchdog.class);
  static final Duration POLL = Duration.ofMillis(200);
  static final Duration CANCEL_GRACE = Duration.ofSeconds(1);
  static final Duration TERMINATE_GRACE = Duration.ofSeconds(2);

  /** Opens a superuser connection to the server's admin database. */
  @FunctionalInterface
  interface Admin {
    Connection open() throws SQLException;
  }

  private record Backend(int pid, boolean activeClient, String statementKey, long elapsedMillis) {}

  private final String database;
  private final String role;
  private final ReplicaSettings settings;
  private final ServerVersion version;
  private final Admin admin;
  private final long createdNanos = System.nanoTime();
  private final Thread thread;
  private final Map<String, Long> cancelled = new HashMap<>();
  private final Map<String, Long> terminated = new HashMap<>();
  private volatile boolean running = true;
  private volatile Optional<String> stopReason = Optional.empty();
  private volatile boolean stopped;
  private long stoppedAt;
  private Connection connection;
  private boolean warned;

  private ReplicaWatchdog(
      String database, String role, ReplicaSettings settings, ServerVersion version, Admin admin) {
    this.database = database;
    this.role = role;
    this.settings = settings;
    this.version = version;
    this.admin = admin;
    this.thread = new Thread(this::loop, "schemawarden-watchdog-" + database);
    thread.setDaemon(true);
  }

  /** Starts watching {@code database}, whose sessions log in as {@code role}. */
  static ReplicaWatchdog start(
      String database, String role, ReplicaSettings settings, ServerVersion version, Admin admin) {
    ReplicaWatchdog w = new ReplicaWatchdog(database, role, settings, version, admin);
    w.thread.start();
    return w;
  }

  Optional<String> stopReason() {
    return stopReason;
  }

  /** True once the whole clone was stopped: no session may connect any more. */
  boolean stopped() {
    return stopped;
  }

  private void loop() {
    while (running) {
      try {
        tick();
      } catch (SQLException | RuntimeException e) {
        if (!warned && running) {
          LOG.warn("replica watchdog of {}: {} (retrying)", database, e.getMessage());
          warned =
              true; // once per clone: a server gone away would otherwise log five times a second
        }
        closeConnection();
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    closeConnection();
  }

  private void tick() throws SQLException {
    Connection c = connection();
    List<Backend> backends = backends(c);
    long now = System.nanoTime();
    if (!stopped) {
      if (now - createdNanos > settings.reviewBudget().toNanos()) {
        stop(
            c,
            backends,
            "stopped after "
                + HumanDuration.format(settings.reviewBudget())
                + ", the review's budget on the replica: its sessions were terminated");
      } else {
        long size = size(c, backends);
        if (size > settings.sizeCapBytes()) {
          stop(
              c,
              backends,
              "the replica grew past "
                  + ByteSize.format(settings.sizeCapBytes())
                  + " ("
                  + ByteSize.format(size)
                  + " measured): its sessions were terminated");
        }
      }
    }
    if (stopped) {
      enforceStop(c, backends, now);
      return;
    }
    Set<String> present = new HashSet<>();
    long budget = settings.statementTimeout().toMillis();
    for (Backend b : backends) {
      if (!b.activeClient()) {
        continue;
      }
      present.add(b.statementKey());
      Long cancelledAt = cancelled.get(b.statementKey());
      Long terminatedAt = terminated.get(b.statementKey());
      if (terminatedAt != null) {
        if (now - terminatedAt > TERMINATE_GRACE.toNanos()) {
          stop(
              c,
              backends,
              stopReason.orElse("stopped") + "; the backend outlived pg_terminate_backend");
          enforceStop(c, backends, now);
          return;
        }
      } else if (cancelledAt != null) {
        if (now - cancelledAt > TERMINATE_GRACE.toNanos()) {
          stopReason =
              Optional.of(
                  "stopped after "
                      + HumanDuration.format(settings.statementTimeout())
                      + ": the statement ignored cancellation; its backend was terminated");
          LOG.warn("replica {}: backend {} {}", database, b.pid(), stopReason.get());
          call(c, "pg_terminate_backend", b.pid());
          terminated.put(b.statementKey(), now);
        }
      } else if (b.elapsedMillis() > budget + CANCEL_GRACE.toMillis()) {
        stopReason =
            Optional.of(
                "stopped after "
                    + HumanDuration.format(settings.statementTimeout())
                    + ", the statement budget: cancelled from outside the session");
        LOG.info(
            "replica {}: cancelling backend {} after {} ms", database, b.pid(), b.elapsedMillis());
        call(c, "pg_cancel_backend", b.pid());
        cancelled.put(b.statementKey(), now);
      }
    }
    cancelled.keySet().retainAll(present);
    terminated.keySet().retainAll(present);
  }

  private void stop(Connection c, List<Backend> backends, String reason) throws SQLException {
    stopReason = Optional.of(reason);
    stopped = true;
    stoppedAt = System.nanoTime();
    LOG.warn("replica {}: {}", database, reason);
    ReplicaCluster.exec(c, "ALTER ROLE " + role + " NOLOGIN");
    for (Backend b : backends) {
      call(c, "pg_terminate_backend", b.pid());
    }
  }

  /** After a stop nothing may run on the clone: terminate stragglers, and drop the clone if one will not end. */
  private void enforceStop(Connection c, List<Backend> backends, long now) throws SQLException {
    if (backends.isEmpty()) {
      return;
    }
    if (now - stoppedAt > TERMINATE_GRACE.toNanos()) {
      LOG.warn(
          "replica {}: {} backend(s) outlived pg_terminate_backend; dropping the clone",
          database,
          backends.size());
      stopReason = Optional.of(stopReason.orElse("stopped") + "; the clone was dropped");
      if (version.atLeast(13)) {
        ReplicaCluster.exec(c, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      } else {
        ReplicaCluster.exec(c, "DROP DATABASE IF EXISTS " + database);
      }
      running = false;
      return;
    }
    for (Backend b : backends) {
      call(c, "pg_terminate_backend", b.pid());
    }
  }

  private List<Backend> backends(Connection c) throws SQLException {
    List<Backend> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT pid, state = 'active' AND backend_type = 'client backend',"
                + " coalesce(query_start::text, ''),"
                + " coalesce((extract(epoch FROM clock_timestamp() - query_start) * 1000)::bigint, 0)"
                + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Backend(
                  rs.getInt(1),
                  rs.getBoolean(2),
                  rs.getInt(1) + "@" + rs.getString(3),
                  rs.getLong(4)));
        }
      }
    }
    return out;
  }

  /** The clone's size: its files, plus the temporary files its backends hold (not part of pg_database_size). */
  private long size(Connection c, List<Backend> backends) throws SQLException {
    long size;
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_database_size(?)")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        size = rs.getLong(1);
      }
    }
    if (backends.isEmpty() || !version.atLeast(12)) {
      return size;
    }
    Array pids = c.createArrayOf("int4", backends.stream().map(Backend::pid).toArray());
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT coalesce(sum(size), 0) FROM pg_ls_tmpdir()"
                + " WHERE substring(name from '^pgsql_tmp([0-9]+)')::int = ANY (?)")) {
      ps.setArray(1, pids);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return size + rs.getLong(1);
      }
    }
  }

  private static void call(Connection c, String function, int pid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?)")) {
      ps.setInt(1, pid);
      ps.execute();
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = admin.open();
      connection.setAutoCommit(true);
      // A watchdog query must never be what hangs.
      ReplicaCluster.exec(connection, "SET statement_timeout = '5s'");
      ReplicaCluster.exec(connection, "SET application_name = 'schemawarden-watchdog'");
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing the watchdog connection of {}: {}", database, e.getMessage());
      }
      connection = null;
    }
  }

  /** Stops watching (before the clone is dropped). */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(Duration.ofSeconds(6).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
