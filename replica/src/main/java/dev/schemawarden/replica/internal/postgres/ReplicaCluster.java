package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clone logic both providers share, on a server where {@code adminUser} is a superuser: templates per schema
 * hash ({@code warden_t_<hash32>_<epoch>}), built under a temporary name ({@code warden_b_...}) and renamed when
 * complete; clones ({@code warden_r_<epoch>_<random>}) each with a sandbox role of the same name.
 *
 * <p>Sharing: reviews of one process and of several processes may use one server at once. A template is found or
 * built under its schema's advisory lock and cloned under the same lock held shared ({@link ClusterLocks}), so a
 * build is never duplicated, a second review waits for it (bounded) and a template is never swept under a clone.
 * The in-process {@code templates} map only caches success; a template dropped since (by another process's sweep)
 * is looked up again.
 *
 * <p>Ownership: a template is built over a connection authenticated as its own login role ({@code warden_b_...},
 * no superuser, owns only the database it builds: the schema is repository content) and its objects are then
 * handed once to {@code warden_owner}, a NOLOGIN role with no privileges of its own. Each sandbox role is created as a member of {@code warden_owner}, so
 * it owns the clone's objects without a per-clone {@code REASSIGN OWNED} (which costs ~0.7 s on 1,000 tables),
 * and owns its clone database. It cannot reach other clones: CONNECT is revoked from PUBLIC on every clone and
 * templates refuse connections.
 *
 * <p>Limits: the sandbox role gets superuser-set defaults ({@link #roleLimits}), and each clone has a
 * {@link ReplicaWatchdog} that enforces the statement budget, the review budget and the size cap from outside.
 */
final class ReplicaCluster {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaCluster.class);
  static final String OWNER = "warden_owner";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Connector connector;
  private final String adminDatabase;
  private final Properties adminProps;
  private final ReplicaSettings settings;
  private final ServerVersion version;
  private final Duration buildWait;
  private final TemplateStore templates;
  private final Set<ClusterReplica> open = ConcurrentHashMap.newKeySet();

  ReplicaCluster(
      Connector connector, String adminDatabase, Properties adminProps, ReplicaSettings settings) {
    this(connector, adminDatabase, adminProps, settings, defaultBuildWait(settings));
  }

  /** {@code buildWait}: how long a review waits for another's build of the same template before it gives up. */
  ReplicaCluster(
      Connector connector,
      String adminDatabase,
      Properties adminProps,
      ReplicaSettings settings,
      Duration buildWait) {
    this.connector = connector;
    this.adminDatabase = adminDatabase;
    this.adminProps = adminProps;
    this.settings = settings;
    this.buildWait = buildWait;
    try (Connection c = admin()) {
      this.version = serverVersion(c);
      // another process may be starting on this server too: one start-up at a time
      ClusterLocks.lock(c, ClusterLocks.SETUP, false, buildWait, "starting");
      try {
        exec(
            c,
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                + OWNER
                + "') THEN"
                + " CREATE ROLE "
                + OWNER
                + " NOLOGIN; END IF; END $$");
        StaleSweep.run(c, settings, version);
        dropLegacyBuilder(c);
      } finally {
        ClusterLocks.unlock(c, ClusterLocks.SETUP, false);
      }
    } catch (SQLException e) {
      throw infra("cannot prepare the replica server", e);
    }
    this.templates =
        new TemplateStore(connector, adminProps, settings, version, buildWait, this::admin);
  }

  /** A build's own budget (it is stopped past it) and a minute for its rename and hand-over. */
  static Duration defaultBuildWait(ReplicaSettings settings) {
    return TemplateStore.buildBudgets(settings).reviewBudget().plusMinutes(1);
  }

  ServerVersion version() {
    return version;
  }

  Replica create(SchemaSource schema) {
    return create(schema, settings.statementTimeout());
  }

  /** A clone whose watchdog and role limits use {@code statementBudget} instead of the provider's. */
  Replica create(SchemaSource schema, Duration statementBudget) {
    ReplicaSettings cloneSettings = settings.withStatementTimeout(statementBudget);
    try {
      return cloneOf(templates.template(schema), schema.hash(), cloneSettings);
    } catch (TemplateGone e) {
      // another process swept it since we cached its name: find or build it again, once
      templates.forget(schema.hash(), e.template);
      return cloneOf(templates.template(schema), schema.hash(), cloneSettings);
    }
  }

  void closeAll() {
    List.copyOf(open).forEach(ClusterReplica::close);
  }

  /** Thrown by {@link #cloneOf} when {@code template} no longer exists (another process swept it). */
  private static final class TemplateGone extends RuntimeException {
    private final String template;

    TemplateGone(String template) {
      super(template, null, false, false);
      this.template = template;
    }
  }

  private Replica cloneOf(String template, String schemaHash, ReplicaSettings settings) {
    long t0 = System.nanoTime();
    String name =
        "warden_r_" + Instant.now().getEpochSecond() + "_" + HexFormat.of().formatHex(bytes(8));
    String password = HexFormat.of().formatHex(bytes(16));
    ClusterLocks.Key key = ClusterLocks.key(schemaHash);
    try (Connection c = admin()) {
      exec(
          c,
          "CREATE ROLE "
              + name
              + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
              + " CONNECTION LIMIT 8 PASSWORD '"
              + password
              + "' IN ROLE "
              + OWNER);
      // shared: clones of one template run side by side, but no sweep drops it meanwhile
      ClusterLocks.lock(c, key, true, buildWait, "sweeping or building this replica template");
      try {
        exec(
            c,
            "CREATE DATABASE "
                + name
                + " TEMPLATE "
                + template
                + " OWNER "
                + name
                + (version.atLeast(15) ? " STRATEGY FILE_COPY" : ""));
      } catch (SQLException e) {
        if ("3D000".equals(e.getSQLState())) {
          dropClone(name);
          throw new TemplateGone(template);
        }
        throw e;
      } finally {
        ClusterLocks.unlock(c, key, true);
      }
      exec(c, "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
      for (String setting : roleLimits(settings)) {
        exec(c, "ALTER ROLE " + name + " SET " + setting);
      }
    } catch (SQLException | WardenException e) {
      dropClone(name);
      throw e instanceof WardenException w
          ? w
          : infra("cannot clone replica template " + template, e);
    }
    ReplicaWatchdog watchdog = ReplicaWatchdog.start(name, name, settings, version, this::admin);
    ClusterReplica replica =
        new ClusterReplica(name, password, Duration.ofNanos(System.nanoTime() - t0), watchdog);
    open.add(replica);
    return replica;
  }

  /**
   * Per-session limits the superuser sets on a sandbox role. temp_file_limit is superuser-only, so the sandbox
   * cannot raise it (nor can it through ALTER DATABASE on the clone it owns): with the watchdog's size cap it
   * bounds the disk (or RAM, on /dev/shm) one session may fill. work_mem and maintenance_work_mem are only
   * defaults, since PostgreSQL lets every session change them; they keep a server whose configuration is generous
   * from handing that to the sandbox. The timeouts cover sessions other than the tracer's, which sets its own.
   */
  static List<String> roleLimits(ReplicaSettings settings) {
    long statementMs = settings.statementTimeout().toMillis();
    return List.of(
        "temp_file_limit = '" + Math.max(1024, settings.sizeCapBytes() / 4 / 1024) + "kB'",
        "work_mem = '16MB'",
        "maintenance_work_mem = '128MB'",
        "statement_timeout = '" + statementMs + "ms'",
        "idle_in_transaction_session_timeout = '" + Math.max(2 * statementMs, 60_000) + "ms'");
  }

  private final class ClusterReplica implements Replica {
    private final String name;
    private final String password;
    private final Duration cloneTime;
    private final ReplicaWatchdog watchdog;

    ClusterReplica(String name, String password, Duration cloneTime, ReplicaWatchdog watchdog) {
      this.name = name;
      this.password = password;
      this.cloneTime = cloneTime;
      this.watchdog = watchdog;
    }

    @Override
    public String database() {
      return name;
    }

    @Override
    public String role() {
      return name;
    }

    @Override
    public ServerVersion serverVersion() {
      return version;
    }

    @Override
    public Connection connect() throws SQLException {
      if (watchdog.stopped()) {
        throw new SQLException(
            "replica " + name + " was stopped: " + watchdog.stopReason().orElse("stopped"),
            "57P03");
      }
      Properties p = new Properties();
      p.setProperty("user", name);
      p.setProperty("password", password);
      p.setProperty(
          "options",
          "-c statement_timeout="
              + settings.statementTimeout().toMillis()
              + " -c lock_timeout="
              + settings.lockTimeout().toMillis());
      p.setProperty("ApplicationName", "schemawarden-replica");
      return connector.connect(name, p);
    }

    @Override
    public Duration cloneTime() {
      return cloneTime;
    }

    @Override
    public Optional<String> stopReason() {
      return watchdog.stopReason();
    }

    @Override
    public void close() {
      if (open.remove(this)) {
        watchdog.close();
        dropClone(name);
      }
    }
  }

  private void dropClone(String name) {
    try (Connection c = admin()) {
      dropDatabase(c, name);
      exec(c, "DROP ROLE IF EXISTS " + name);
    } catch (SQLException e) {
      LOG.warn(
          "could not drop replica {}: {} (it is dropped at the next start once stale)",
          name,
          e.getMessage());
    }
  }

  private void dropDatabase(Connection c, String name) throws SQLException {
    dropDatabase(c, name, version);
  }

  static void dropDatabase(Connection c, String name, ServerVersion version) throws SQLException {
    if (version.atLeast(13)) {
      exec(c, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } else {
      exec(
          c,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
      exec(c, "DROP DATABASE IF EXISTS " + name);
    }
  }

  /** Earlier versions built templates as a superuser role of this name; no build may act as it again. */
  private static void dropLegacyBuilder(Connection c) {
    try {
      exec(c, "DROP ROLE IF EXISTS warden_builder");
    } catch (SQLException e) {
      LOG.warn(
          "the superuser role warden_builder of an earlier version could not be dropped ({}): drop it by hand",
          e.getMessage());
    }
  }

  private Connection admin() throws SQLException {
    return connector.connect(adminDatabase, adminProps);
  }

  static ServerVersion serverVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
      rs.next();
      return ServerVersion.fromVersionNum(rs.getInt(1));
    }
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static WardenException infra(String what, Exception e) {
    return new WardenException(
        ErrorCode.INFRASTRUCTURE,
        what
            + ": "
            + e.getMessage()
            + (e instanceof SQLException s && s.getSQLState() != null
                ? " (SQLSTATE " + s.getSQLState() + ")"
                : ""),
        e);
  }

  static Optional<String> sqlState(Exception e) {
    return e instanceof SQLException s ? Optional.ofNullable(s.getSQLState()) : Optional.empty();
  }
}
