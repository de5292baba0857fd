package dev.schemawarden.drift.internal.replica;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.Replica;
import dev.schemawarden.drift.api.ReplicaSettings;
import dev.schemawarden.drift.api.SchemaSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clone logic both providers share, on a server where {@code adminUser} is a superuser: templates per schema
 * hash ({@code warden_t_<hash16>_<epoch>}), built under a temporary name ({@code warden_b_...}) and renamed when
 * complete; clones ({@code warden_r_<epoch>_<random>}) each with a sandbox role of the same name.
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
  private static final Pattern NAME = Pattern.compile("warden_([rbt])_(?:([0-9a-f]{16})_)?(\\d{9,})(?:_[0-9a-f]+)?");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Connector connector;
  private final String adminDatabase;
  private final Properties adminProps;
  private final ReplicaSettings settings;
  private final ServerVersion version;
  private final Map<String, String> templates = new ConcurrentHashMap<>();
  private final Set<ClusterReplica> open = ConcurrentHashMap.newKeySet();

  ReplicaCluster(Connector connector, String adminDatabase, Properties adminProps, ReplicaSettings settings) {
    this.connector = connector;
    this.adminDatabase = adminDatabase;
    this.adminProps = adminProps;
    this.settings = settings;
    try (Connection c = admin()) {
      this.version = serverVersion(c);
      exec(c, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + OWNER + "') THEN"
          + " CREATE ROLE " + OWNER + " NOLOGIN; END IF; END $$");
      dropStale(c);
      dropLegacyBuilder(c);
    } catch (SQLException e) {
      throw infra("cannot prepare the replica server", e);
    }
  }

  ServerVersion version() {
    return version;
  }

  Replica create(SchemaSource schema) {
    return create(schema, settings.statementTimeout());
  }

  /** A clone whose watchdog and role limits use {@code statementBudget} instead of the provider's. */
  Replica create(SchemaSource schema, Duration statementBudget) {
    String template = templates.computeIfAbsent(schema.hash(), h -> findOrBuildTemplate(schema));
    return cloneOf(template, settings.withStatementTimeout(statementBudget));
  }

  void closeAll() {
    List.copyOf(open).forEach(ClusterReplica::close);
  }

  private synchronized String findOrBuildTemplate(SchemaSource schema) {
    String prefix = "warden_t_" + schema.hash().substring(0, 16) + "_";
    try (Connection c = admin()) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname DESC LIMIT 1")) {
        ps.setString(1, prefix.replace("_", "\\_") + "%");
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return rs.getString(1); // built by an earlier run on this server
          }
        }
      }
      long t0 = System.nanoTime();
      String epoch = Long.toString(Instant.now().getEpochSecond());
      String building = "warden_b_" + schema.hash().substring(0, 16) + "_" + epoch;
      buildAs(c, building, schema);
      String name = prefix + epoch;
      exec(c, "ALTER DATABASE " + building + " RENAME TO " + name);
      exec(c, "ALTER DATABASE " + name + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
      LOG.info("built replica template {} in {} ms", name, (System.nanoTime() - t0) / 1_000_000);
      return name;
    } catch (SQLException e) {
      throw infra("cannot build the replica template from the schema", e);
    }
  }

  /**
   * Builds database {@code building} from {@code schema} as a login role of the same name that is no superuser
   * and owns only that database; the superuser prepares roles, extensions and the tracer's support objects by
   * name beforehand (support first, so nothing the schema creates can stand in for them), then hands every object
   * to {@link #OWNER} and drops the build role. The role and a half-built database are dropped on failure.
   */
  private void buildAs(Connection c, String building, SchemaSource schema) throws SQLException {
    String password = HexFormat.of().formatHex(bytes(16));
    exec(c, "CREATE ROLE " + building + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
        + " CONNECTION LIMIT 2 PASSWORD '" + password + "'");
    try {
      exec(c, "CREATE DATABASE " + building + " OWNER " + building);
      exec(c, "REVOKE ALL ON DATABASE " + building + " FROM PUBLIC");
      List<String> statements = SchemaStatements.all(schema);
      Set<String> installable;
      Set<String> actedAs;
      try (Connection prep = connector.connect(building, adminProps)) {
        exec(prep, "SET search_path = pg_catalog");
        batch(prep, LockTracer.postgres().supportSql());
        actedAs = TemplatePreparation.roles(prep, building, building, statements);
        installable = TemplatePreparation.extensions(prep, statements);
      }
      Properties props = new Properties();
      props.setProperty("user", building);
      props.setProperty("password", password);
      props.setProperty("ApplicationName", "schemawarden-template-build");
      // A schema is repository content: it gets budgets of its own, enforced from outside like a clone's.
      ReplicaSettings budgets = buildBudgets(settings);
      for (String setting : roleLimits(budgets)) {
        exec(c, "ALTER ROLE " + building + " SET " + setting);
      }
      try (ReplicaWatchdog watchdog = ReplicaWatchdog.start(building, building, budgets, version, this::admin);
          Connection b = connector.connect(building, props)) {
        try {
          TemplateBuilder.build(b, schema, installable);
        } catch (SQLException | RuntimeException e) {
          if (watchdog.stopReason().isPresent()) {
            throw new WardenException(ErrorCode.INPUT, "building the replica from the schema was "
                + watchdog.stopReason().get() + "; the schema source must build within the budget", e);
          }
          throw e;
        }
      }
      try (Connection fin = connector.connect(building, adminProps)) {
        List<String> from = new ArrayList<>();
        from.add(building);
        for (String role : actedAs) {
          from.add(SchemaStatements.quote(role));
        }
        exec(fin, "REASSIGN OWNED BY " + String.join(", ", from) + " TO " + OWNER);
        exec(fin, "DROP OWNED BY " + building);
      }
      exec(c, "ALTER DATABASE " + building + " OWNER TO " + OWNER);
      exec(c, "DROP ROLE " + building);
    } catch (RuntimeException | SQLException e) {
      dropDatabase(c, building);
      exec(c, "DROP ROLE IF EXISTS " + building);
      throw e;
    }
  }

  /**
   * A template build replays a whole schema in one go, so its statement budget is ten times a clone's and its
   * total budget twice a review's; the size cap is the clone's.
   */
  static ReplicaSettings buildBudgets(ReplicaSettings settings) {
    return settings.withStatementTimeout(settings.statementTimeout().multipliedBy(10))
        .withReviewBudget(settings.reviewBudget().multipliedBy(2));
  }

  private static void batch(Connection c, List<String> statements) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.addBatch(sql);
      }
      st.executeBatch();
    }
  }

  private Replica cloneOf(String template, ReplicaSettings settings) {
    long t0 = System.nanoTime();
    String name = "warden_r_" + Instant.now().getEpochSecond() + "_" + HexFormat.of().formatHex(bytes(4));
    String password = HexFormat.of().formatHex(bytes(16));
    try (Connection c = admin()) {
      exec(c, "CREATE ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
          + " CONNECTION LIMIT 8 PASSWORD '" + password + "' IN ROLE " + OWNER);
      exec(c, "CREATE DATABASE " + name + " TEMPLATE " + template + " OWNER " + name
          + (version.atLeast(15) ? " STRATEGY FILE_COPY" : ""));
      exec(c, "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
      for (String setting : roleLimits(settings)) {
        exec(c, "ALTER ROLE " + name + " SET " + setting);
      }
    } catch (SQLException e) {
      dropClone(name);
      throw infra("cannot clone replica template " + template, e);
    }
    ReplicaWatchdog watchdog = ReplicaWatchdog.start(name, name, settings, version, this::admin);
    ClusterReplica replica = new ClusterReplica(name, password, Duration.ofNanos(System.nanoTime() - t0), watchdog);
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
        throw new SQLException("replica " + name + " was stopped: " + watchdog.stopReason().orElse("stopped"),
            "57P03");
      }
      Properties p = new Properties();
      p.setProperty("user", name);
      p.setProperty("password", password);
      p.setProperty("options", "-c statement_timeout=" + settings.statementTimeout().toMillis()
          + " -c lock_timeout=" + settings.lockTimeout().toMillis());
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
      LOG.warn("could not drop replica {}: {} (it is dropped at the next start once stale)", name, e.getMessage());
    }
  }

  private void dropDatabase(Connection c, String name) throws SQLException {
    if (version.atLeast(13)) {
      exec(c, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } else {
      exec(c, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
      exec(c, "DROP DATABASE IF EXISTS " + name);
    }
  }

  /** Drops clones and unfinished builds older than staleAfter, and templates older than templateMaxAge. */
  private void dropStale(Connection c) throws SQLException {
    long now = Instant.now().getEpochSecond();
    List<String> databases = names(c, "SELECT datname FROM pg_database WHERE datname LIKE 'warden\\_%'");
    List<String> roles = names(c, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'warden\\_r\\_%' OR rolname LIKE 'warden\\_b\\_%'");
    for (String name : concat(databases, roles)) {
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        continue;
      }
      long age = now - Long.parseLong(m.group(3));
      long limit = m.group(1).equals("t") ? settings.templateMaxAge().toSeconds() : settings.staleAfter().toSeconds();
      if (age > limit) {
        LOG.info("dropping stale replica object {} ({} s old)", name, age);
        if (databases.contains(name)) {
          if (m.group(1).equals("t")) {
            exec(c, "ALTER DATABASE " + name + " WITH IS_TEMPLATE false");
          }
          dropDatabase(c, name);
        }
        if (!m.group(1).equals("t")) {
          exec(c, "DROP ROLE IF EXISTS " + name);
        }
      }
    }
  }

  /** Earlier versions built templates as a superuser role of this name; no build may act as it again. */
  private static void dropLegacyBuilder(Connection c) {
    try {
      exec(c, "DROP ROLE IF EXISTS warden_builder");
    } catch (SQLException e) {
      LOG.warn("the superuser role warden_builder of an earlier version could not be dropped ({}): drop it by hand",
          e.getMessage());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> names(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private Connection admin() throws SQLException {
    return connector.connect(adminDatabase, adminProps);
  }

  static ServerVersion serverVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
      rs.next();
      int num = rs.getInt(1);
      return new ServerVersion(num / 10000, num % 10000);
    }
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static WardenException infra(String what, Exception e) {
    return new WardenException(ErrorCode.INFRASTRUCTURE, what + ": " + e.getMessage()
        + (e instanceof SQLException s && s.getSQLState() != null ? " (SQLSTATE " + s.getSQLState() + ")" : ""), e);
  }

  static Optional<String> sqlState(Exception e) {
    return e instanceof SQLException s ? Optional.ofNullable(s.getSQLState()) : Optional.empty();
  }
}
