package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What crashed runs left on a replica server, dropped when a provider starts (under the start-up lock, so two
 * processes starting at once do not sweep the same objects):
 *
 * <ul>
 *   <li>a build ({@code warden_b_<hash32>_...}) whose schema lock nobody holds: its builder is gone, whatever its
 *       age (a live builder holds the lock from before it creates the database until after it renames it);
 *   <li>a template older than {@code templateMaxAge}, unless a review holds its lock (building or cloning it);
 *   <li>a clone, and anything of the earlier 16-digit naming, older than {@code staleAfter}.
 * </ul>
 */
final class StaleSweep {
  private static final Logger LOG = LoggerFactory.getLogger(StaleSweep.class);

  private StaleSweep() {}

  static void run(Connection c, ReplicaSettings settings, ServerVersion version)
      throws SQLException {
    long now = Instant.now().getEpochSecond();
    List<String> databases =
        names(c, "SELECT datname FROM pg_database WHERE datname LIKE 'warden\\_%'");
    List<String> roles =
        names(
            c,
            "SELECT rolname FROM pg_roles WHERE rolname LIKE 'warden\\_r\\_%' OR rolname LIKE 'warden\\_b\\_%'");
    Set<String> all = new LinkedHashSet<>(databases);
    all.addAll(roles);
    for (String name : all) {
      Matcher m = ClusterLocks.NAME.matcher(name);
      if (!m.matches()) {
        continue;
      }
      String kind = m.group(1);
      long age = now - Long.parseLong(m.group(3));
      Optional<ClusterLocks.Key> key = ClusterLocks.keyOf(name);
      boolean old =
          age > (kind.equals("t") ? settings.templateMaxAge() : settings.staleAfter()).toSeconds();
      if (key.isEmpty() || kind.equals("r")) {
        if (old) {
          drop(c, name, kind, databases.contains(name), version, age);
        }
        continue;
      }
      if (!kind.equals("b") && !old) {
        continue;
      }
      if (!ClusterLocks.tryLock(c, key.get())) {
        LOG.debug("keeping {}: a review holds its lock", name);
        continue;
      }
      try {
        drop(c, name, kind, databases.contains(name), version, age);
      } finally {
        ClusterLocks.unlock(c, key.get(), false);
      }
    }
  }

  private static void drop(
      Connection c, String name, String kind, boolean database, ServerVersion version, long age)
      throws SQLException {
    LOG.info(
        "dropping stale replica object {} ({} s old{})",
        name,
        age,
        kind.equals("b") ? ", an unfinished template build" : "");
    if (database) {
      if (kind.equals("t")) {
        ReplicaCluster.exec(c, "ALTER DATABASE " + name + " WITH IS_TEMPLATE false");
      }
      ReplicaCluster.dropDatabase(c, name, version);
    }
    if (!kind.equals("t")) {
      ReplicaCluster.exec(c, "DROP ROLE IF EXISTS " + name);
    }
  }

  /** Databases and roles whose name starts with {@code prefix} (ours, so no LIKE metacharacter but {@code _}). */
  static List<String> named(Connection c, String prefix) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    String like = prefix.replace("_", "\\_") + "%";
    for (String sql :
        List.of(
            "SELECT datname FROM pg_database WHERE datname LIKE ?",
            "SELECT rolname FROM pg_roles WHERE rolname LIKE ?")) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, like);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
    }
    return List.copyOf(out);
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
}
