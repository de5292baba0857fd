package dev.schemawarden.replica.internal.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandboxes a killed process left on a replica server. A live sandbox's admin session holds the named lock of
 * its database ({@code GET_LOCK('warden_r_…')}) from before the database exists until it is dropped, and the
 * server releases a named lock when the session that holds it ends, however the process ended (kill -9, a lost
 * host). So a {@code warden_r_<12 hex>} database whose lock can be taken has no owner: it is dropped with its user.
 * The sweeper takes the lock itself before dropping, so two sweepers, or a sweeper and an owner, never race.
 * Databases of any other name are never touched.
 */
public final class MysqlOrphans {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlOrphans.class);
  static final Pattern DATABASE = Pattern.compile("warden_r_([0-9a-f]{12})");

  /** How often one process sweeps one server: a long-running service also clears what others leave. */
  static final Duration EVERY = Duration.ofMinutes(5);

  private static final Map<String, Long> LAST_SWEPT = new ConcurrentHashMap<>();

  private MysqlOrphans() {}

  /** Sweeps the server {@code serverKey} names through {@code admin}, unless this process did in the last 5 min. */
  static void sweepNowAndThen(String serverKey, Connection admin) {
    long now = System.nanoTime();
    Long last = LAST_SWEPT.get(serverKey);
    if (last != null && now - last < EVERY.toNanos()) {
      return;
    }
    LAST_SWEPT.put(serverKey, now);
    try {
      int dropped = sweep(admin);
      if (dropped > 0) {
        LOG.info("dropped {} replica sandbox(es) a stopped process left on {}", dropped, serverKey);
      }
    } catch (SQLException e) {
      // Never a reason to refuse the review: the orphans only cost the scratch server's disk.
      LOG.warn("could not look for sandboxes a stopped process left: {}", e.getMessage());
    }
  }

  /** Drops every ownerless sandbox database and its user; returns how many. */
  public static int sweep(Connection admin) throws SQLException {
    List<String> candidates = new ArrayList<>();
    try (Statement st = admin.createStatement();
        ResultSet rs = st.executeQuery("SHOW DATABASES LIKE 'warden\\_r\\_%'")) {
      while (rs.next()) {
        if (DATABASE.matcher(rs.getString(1)).matches()) {
          candidates.add(rs.getString(1));
        }
      }
    }
    String host = MysqlSandbox.adminHost(admin);
    int dropped = 0;
    for (String database : candidates) {
      if (!take(admin, database)) {
        continue; // a live sandbox: its owner holds the lock
      }
      try {
        Matcher m = DATABASE.matcher(database);
        m.matches();
        MysqlSandbox.exec(admin, "DROP DATABASE IF EXISTS `" + database + "`");
        MysqlSandbox.exec(admin, "DROP USER IF EXISTS " + MysqlSandbox.account(m.group(1), host));
        dropped++;
      } finally {
        release(admin, database);
      }
    }
    return dropped;
  }

  /** Takes the named lock of {@code database} without waiting: true when this session now holds it. */
  static boolean take(Connection c, String database) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  static void release(Connection c, String database) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      ps.setString(1, database);
      ps.executeQuery().close();
    }
  }
}
