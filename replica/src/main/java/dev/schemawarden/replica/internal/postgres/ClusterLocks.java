package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the replica objects and the session-level advisory locks that make them safe to share: several reviews
 * of one process, and several processes, may use one replica server at once.
 *
 * <p>Every schema hash has one lock (class {@link #CLASS}, key from the hash). Finding or building its template,
 * and sweeping its template or an abandoned build, hold it exclusively; cloning the template holds it shared. So a
 * build is never duplicated (the second review waits, bounded, then finds the template), a template is never
 * dropped under a clone, and a {@code warden_b_} database whose lock nobody holds is a crashed build. Two more
 * keys serialise what is global to the server: the start-up sweep and the creation of production's roles.
 * Session-level locks go with their session, so a crashed process releases them.
 */
final class ClusterLocks {
  /** "WARD": the advisory lock class of a schema hash on a replica server. */
  static final int CLASS = 0x57415244;

  /** "WARE": the class of the server-wide locks, apart so that no hash can stand for one. */
  static final int GLOBAL_CLASS = CLASS + 1;

  /** Start-up work: the owner role, the stale sweep. */
  static final Key SETUP = new Key(GLOBAL_CLASS, 0);

  /** Creating production's roles (global on the server) while a template builds. */
  static final Key ROLES = new Key(GLOBAL_CLASS, 1);

  /** Hex digits of the schema hash in template and build names: two schemas never share a name. */
  static final int HASH_DIGITS = 32;

  /**
   * {@code warden_t_<hash>_<epoch>} templates, {@code warden_b_<hash>_<epoch>} builds, {@code warden_r_<epoch>_<hex>}
   * clones; a 16-digit hash is the naming of earlier versions, swept by age only.
   */
  static final Pattern NAME =
      Pattern.compile("warden_([rbt])_(?:([0-9a-f]{32}|[0-9a-f]{16})_)?(\\d{9,})(?:_[0-9a-f]+)?");

  private ClusterLocks() {}

  /** One advisory lock: {@code pg_advisory_lock(cls, id)}. */
  record Key(int cls, int id) {}

  static String hashPart(String schemaHash) {
    return schemaHash.substring(0, HASH_DIGITS);
  }

  static String templatePrefix(String schemaHash) {
    return "warden_t_" + hashPart(schemaHash) + "_";
  }

  static String buildPrefix(String schemaHash) {
    return "warden_b_" + hashPart(schemaHash) + "_";
  }

  /** The lock key of a template or build name, when it carries a full-length hash. */
  static Optional<Key> keyOf(String objectName) {
    Matcher m = NAME.matcher(objectName);
    if (!m.matches() || m.group(2) == null || m.group(2).length() != HASH_DIGITS) {
      return Optional.empty();
    }
    return Optional.of(key(m.group(2)));
  }

  /** The lock key of a schema hash (its first 32 bits; a collision only makes two builds wait for each other). */
  static Key key(String schemaHash) {
    return new Key(CLASS, (int) Long.parseLong(schemaHash.substring(0, 8), 16));
  }

  /**
   * Takes {@code key} exclusively ({@code shared=false}) or shared, waiting at most {@code wait}: past it, the
   * holder (another review, maybe another process) is still building, and the caller fails with {@code what}.
   */
  static void lock(Connection c, Key key, boolean shared, Duration wait, String what)
      throws SQLException {
    ReplicaCluster.exec(c, "SET lock_timeout = '" + Math.max(1, wait.toMillis()) + "ms'");
    try (PreparedStatement ps =
        c.prepareStatement(
            shared ? "SELECT pg_advisory_lock_shared(?, ?)" : "SELECT pg_advisory_lock(?, ?)")) {
      ps.setInt(1, key.cls());
      ps.setInt(2, key.id());
      ps.execute();
    } catch (SQLException e) {
      if ("55P03".equals(e.getSQLState())) {
        throw new WardenException(
            ErrorCode.INFRASTRUCTURE,
            "waited "
                + wait.toSeconds()
                + " s for another review "
                + what
                + " on the replica server; it is still running: retry later, or look for a stuck"
                + " schemawarden-template-build session in pg_stat_activity",
            e);
      }
      throw e;
    } finally {
      ReplicaCluster.exec(c, "RESET lock_timeout");
    }
  }

  /** Takes {@code key} exclusively if nobody holds it; true when taken. */
  static boolean tryLock(Connection c, Key key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      ps.setInt(1, key.cls());
      ps.setInt(2, key.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** Releases {@code key}; never throws, since it runs in {@code finally} (a lost session released it anyway). */
  static void unlock(Connection c, Key key, boolean shared) {
    try (PreparedStatement ps =
        c.prepareStatement(
            shared
                ? "SELECT pg_advisory_unlock_shared(?, ?)"
                : "SELECT pg_advisory_unlock(?, ?)")) {
      ps.setInt(1, key.cls());
      ps.setInt(2, key.id());
      ps.execute();
    } catch (SQLException e) {
      // the session is gone or broken: its locks went with it
    }
  }
}
