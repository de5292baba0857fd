package dev.schemawarden.replica.internal.postgres;

import static dev.schemawarden.replica.internal.postgres.ReplicaCluster.OWNER;
import static dev.schemawarden.replica.internal.postgres.ReplicaCluster.exec;
import static dev.schemawarden.replica.internal.postgres.ReplicaCluster.infra;
import static dev.schemawarden.replica.internal.postgres.ReplicaCluster.roleLimits;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The templates of one {@link ReplicaCluster}: {@code warden_t_<hash32>_<epoch>}, found on the server or built
 * there (as {@code warden_b_<hash32>_<epoch>}, by an unprivileged build role of that name) and cached by schema
 * hash. Safe to share: reviews of this process wait for one another per schema, and processes sharing the server
 * wait on the schema's advisory lock ({@link ClusterLocks}), bounded by {@code buildWait}. Only a success is cached.
 */
final class TemplateStore {
  private static final Logger LOG = LoggerFactory.getLogger(TemplateStore.class);

  private final Connector connector;
  private final Properties adminProps;
  private final ReplicaSettings settings;
  private final ServerVersion version;
  private final Duration buildWait;
  private final ReplicaWatchdog.Admin admin;
  private final Map<String, String> templates = new ConcurrentHashMap<>();
  private final Map<String, Object> perSchema = new ConcurrentHashMap<>();

  TemplateStore(
      Connector connector,
      Properties adminProps,
      ReplicaSettings settings,
      ServerVersion version,
      Duration buildWait,
      ReplicaWatchdog.Admin admin) {
    this.connector = connector;
    this.adminProps = adminProps;
    this.settings = settings;
    this.version = version;
    this.buildWait = buildWait;
    this.admin = admin;
  }

  /** Drops {@code template} from the cache: it no longer exists on the server. */
  void forget(String schemaHash, String template) {
    templates.remove(schemaHash, template);
  }

  /**
   * The template of {@code schema}: cached, or found or built now. Reviews of this process wait for one another per
   * schema (different schemas build in parallel); only a success is cached, so a failed build is retried by the
   * next review.
   */
  String template(SchemaSource schema) {
    String hash = schema.hash();
    String cached = templates.get(hash);
    if (cached != null) {
      return cached;
    }
    synchronized (perSchema.computeIfAbsent(hash, h -> new Object())) {
      cached = templates.get(hash);
      if (cached != null) {
        return cached;
      }
      String name = findOrBuildTemplate(schema);
      templates.put(hash, name);
      return name;
    }
  }

  /**
   * Under the schema's advisory lock (so another process never builds it at the same time): the newest template
   * of this hash, else a new one. A {@code warden_b_} of this hash found here is a build a crash left half done
   * (its builder would hold the lock), dropped before building again.
   */
  private String findOrBuildTemplate(SchemaSource schema) {
    ClusterLocks.Key key = ClusterLocks.key(schema.hash());
    try (Connection c = admin.open()) {
      ClusterLocks.lock(c, key, false, buildWait, "building the replica template of this schema");
      try {
        Optional<String> found = newest(c, ClusterLocks.templatePrefix(schema.hash()));
        if (found.isPresent()) {
          return found.get(); // built by an earlier run, or the review we waited for
        }
        for (String left : StaleSweep.named(c, ClusterLocks.buildPrefix(schema.hash()))) {
          LOG.info("dropping {}: a template build a crashed run left unfinished", left);
          ReplicaCluster.dropDatabase(c, left, version);
          exec(c, "DROP ROLE IF EXISTS " + left);
        }
        long t0 = System.nanoTime();
        String epoch = Long.toString(Instant.now().getEpochSecond());
        String building = ClusterLocks.buildPrefix(schema.hash()) + epoch;
        buildAs(c, building, schema);
        String name = ClusterLocks.templatePrefix(schema.hash()) + epoch;
        exec(c, "ALTER DATABASE " + building + " RENAME TO " + name);
        exec(c, "ALTER DATABASE " + name + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        LOG.info("built replica template {} in {} ms", name, (System.nanoTime() - t0) / 1_000_000);
        return name;
      } finally {
        ClusterLocks.unlock(c, key, false);
      }
    } catch (SQLException e) {
      throw infra("cannot build the replica template from the schema", e);
    }
  }

  private static Optional<String> newest(Connection c, String prefix) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname DESC LIMIT 1")) {
      ps.setString(1, prefix.replace("_", "\\_") + "%");
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
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
    exec(
        c,
        "CREATE ROLE "
            + building
            + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
            + " CONNECTION LIMIT 2 PASSWORD '"
            + password
            + "'");
    try {
      exec(c, "CREATE DATABASE " + building + " OWNER " + building);
      exec(c, "REVOKE ALL ON DATABASE " + building + " FROM PUBLIC");
      List<String> statements = SchemaStatements.all(schema);
      Set<String> installable;
      Set<String> actedAs;
      try (Connection prep = connector.connect(building, adminProps)) {
        exec(prep, "SET search_path = pg_catalog");
        batch(prep, LockTracer.postgres().supportSql());
        // roles are global: two builds of different schemas naming one role must not both create it
        ClusterLocks.lock(
            prep, ClusterLocks.ROLES, false, buildWait, "creating production's roles");
        try {
          actedAs = TemplatePreparation.roles(prep, building, building, statements);
        } finally {
          ClusterLocks.unlock(prep, ClusterLocks.ROLES, false);
        }
        installable = TemplatePreparation.extensions(prep, statements);
      }
      Properties props = new Properties();
      props.setProperty("user", building);
      props.setProperty("password", password);
      props.setProperty("ApplicationName", "schemawarden-template-build");
      // A schema is repository content: it gets budgets of its own, enforced from outside like a
      // clone's.
      ReplicaSettings budgets = buildBudgets(settings);
      for (String setting : roleLimits(budgets)) {
        exec(c, "ALTER ROLE " + building + " SET " + setting);
      }
      try (ReplicaWatchdog watchdog =
              ReplicaWatchdog.start(building, building, budgets, version, admin);
          Connection b = connector.connect(building, props)) {
        try {
          TemplateBuilder.build(b, schema, installable);
        } catch (SQLException | RuntimeException e) {
          if (watchdog.stopReason().isPresent()) {
            throw new WardenException(
                ErrorCode.INPUT,
                "building the replica from the schema was "
                    + watchdog.stopReason().get()
                    + "; the schema source must build within the budget",
                e);
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
      ReplicaCluster.dropDatabase(c, building, version);
      exec(c, "DROP ROLE IF EXISTS " + building);
      throw e;
    }
  }

  /**
   * A template build replays a whole schema in one go, so its statement budget is ten times a clone's and its
   * total budget twice a review's; the size cap is the clone's.
   */
  static ReplicaSettings buildBudgets(ReplicaSettings settings) {
    return settings
        .withStatementTimeout(settings.statementTimeout().multipliedBy(10))
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

  private static byte[] bytes(int n) {
    return ReplicaCluster.bytes(n);
  }
}
