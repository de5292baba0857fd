package dev.schemawarden.app.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The schema fingerprint on a real MariaDB: what it covers, and that it leaves the session as it found it. */
class MysqlSchemaFingerprintTest {

  private static void exec(Connection c, String... sql) throws Exception {
    try (Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  @Test
  void the_same_schema_hashes_the_same_in_any_database_and_a_new_column_changes_it()
      throws Exception {
    EmbeddedMariadb maria = EmbeddedMariadb.shared();
    try (Connection a = maria.connect("fp_a");
        Connection b = maria.connect("fp_b")) {
      String ddl =
          "CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(40) NOT NULL DEFAULT 'x')";
      exec(a, ddl, "CREATE INDEX orders_note ON orders (note)");
      exec(b, ddl, "CREATE INDEX orders_note ON orders (note)");
      String first = SchemaFingerprint.of(a);
      assertThat(first).matches("[0-9a-f]{64}");
      assertThat(SchemaFingerprint.of(b))
          .as("the database's name is not part of it")
          .isEqualTo(first);

      exec(b, "ALTER TABLE orders ADD COLUMN flag BOOLEAN");
      assertThat(SchemaFingerprint.of(b)).isNotEqualTo(first);
      exec(a, "CREATE INDEX orders_id_note ON orders (id, note)");
      assertThat(SchemaFingerprint.of(a)).as("an index counts").isNotEqualTo(first);
    }
  }

  @Test
  void the_bounded_fingerprint_puts_the_sessions_lock_wait_timeout_back() throws Exception {
    try (Connection c = EmbeddedMariadb.shared().connect("fp_c")) {
      exec(c, "SET SESSION lock_wait_timeout = 77");
      String hash = SchemaFingerprint.bestEffort(c, Duration.ofSeconds(1));
      assertThat(hash).matches("[0-9a-f]{64}");
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT @@SESSION.lock_wait_timeout")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(77);
      }
    }
  }
}
