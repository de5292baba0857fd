package dev.schemawarden.replica.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sandboxes a stopped process left behind, on a real embedded MariaDB. A killed process's sessions end on the
 * server the way a closed connection's do (the socket goes away), so an owner that "dies" here is an admin
 * session closed without its cleanup.
 */
class MysqlOrphansTest {
  private static EmbeddedMariadb server;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedMariadb.shared();
  }

  @Test
  void an_ownerless_sandbox_is_dropped_with_its_user_and_a_live_one_and_other_databases_are_kept()
      throws Exception {
    String orphan = "warden_r_0123456789ab";
    try (Connection dead = DriverManager.getConnection(server.adminUrl())) {
      assertThat(MysqlOrphans.take(dead, orphan)).isTrue();
      exec(dead, "CREATE DATABASE `" + orphan + "`");
      exec(dead, "CREATE USER 'warden_u_0123456789ab'@'localhost' IDENTIFIED BY 'x'");
    } // the owner's session ends without dropping anything: what kill -9 leaves
    try (Connection admin = DriverManager.getConnection(server.adminUrl());
        MysqlSandbox live =
            MysqlSandbox.create("mariadb", server.adminUrl(), ReplicaSettings.defaults())) {
      exec(admin, "CREATE DATABASE IF NOT EXISTS `warden_r_not_ours`");
      String liveDatabase = live.database();

      int dropped = MysqlOrphans.sweep(admin);

      assertThat(dropped).isGreaterThanOrEqualTo(1);
      assertThat(databases(admin, "warden_r_0123456789ab")).as("the orphan").isZero();
      assertThat(users(admin, "warden_u_0123456789ab")).as("the orphan's user").isZero();
      assertThat(databases(admin, liveDatabase))
          .as("a live sandbox: its admin session holds the lock")
          .isEqualTo(1);
      assertThat(databases(admin, "warden_r_not_ours"))
          .as("a name the sandboxes never have")
          .isEqualTo(1);
      exec(admin, "DROP DATABASE `warden_r_not_ours`");
    }
  }

  @Test
  void a_closed_sandbox_leaves_nothing_and_its_lock_free() throws Exception {
    String database;
    try (MysqlSandbox s =
        MysqlSandbox.create("mariadb", server.adminUrl(), ReplicaSettings.defaults())) {
      database = s.database();
      try (Connection other = DriverManager.getConnection(server.adminUrl())) {
        assertThat(MysqlOrphans.take(other, database))
            .as("held by the sandbox's admin session")
            .isFalse();
      }
    }
    try (Connection admin = DriverManager.getConnection(server.adminUrl())) {
      assertThat(databases(admin, database)).isZero();
      assertThat(MysqlOrphans.take(admin, database)).isTrue();
      MysqlOrphans.release(admin, database);
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static int databases(Connection c, String name) throws SQLException {
    return count(c, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name);
  }

  private static int users(Connection c, String name) throws SQLException {
    return count(c, "SELECT COUNT(*) FROM mysql.user WHERE User = ?", name);
  }

  private static int count(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
