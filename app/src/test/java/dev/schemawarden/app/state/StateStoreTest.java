package dev.schemawarden.app.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditRecord;
import dev.schemawarden.app.jobs.Delivery;
import dev.schemawarden.app.jobs.JobQueue;
import dev.schemawarden.app.jobs.NewJob;
import dev.schemawarden.app.jobs.QueueSettings;
import dev.schemawarden.replica.api.LocalPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StateStoreTest {
  Path base;

  @BeforeEach
  void base() throws IOException {
    // not @TempDir (700): the unprivileged server user must pass through to the data directory
    base = Files.createTempDirectory("warden-state-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void clean() throws IOException {
    try (Stream<Path> files = Files.walk(base)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  StateSettings embedded() {
    return new StateSettings(Optional.empty(), base.resolve("state"), 2);
  }

  static void queueOne(StateStore store, String delivery) {
    new JobQueue(store, QueueSettings.defaults())
        .accept(
            new Delivery("github", delivery, "pull_request", "opened"),
            Optional.of(new NewJob("k-" + delivery, "review", "{}")));
  }

  static int queued(StateStore store) {
    return new JobQueue(store, QueueSettings.defaults()).countByStatus().getOrDefault("queued", 0);
  }

  @Test
  void the_embedded_store_keeps_queued_jobs_across_a_restart() {
    try (StateStore store = StateStore.open(embedded())) {
      queueOne(store, "d1");
    }
    try (StateStore store = StateStore.open(embedded())) {
      assertThat(store.reachable()).isTrue();
      assertThat(queued(store)).as("the data directory survived the restart").isEqualTo(1);
    }
  }

  @Nested
  class The_embedded_server {
    @Test
    void admits_no_login_without_the_right_password() {
      try (StateStore store = StateStore.open(embedded())) {
        LocalPostgres pg = store.embedded().orElseThrow();
        for (String user :
            new String[] {"postgres", EmbeddedStateStore.BOT, EmbeddedStateStore.MIGRATOR}) {
          assertThatThrownBy(
                  () -> DriverManager.getConnection(pg.jdbcUrl("postgres"), user, "").close())
              .as("no password for %s", user)
              .isInstanceOf(SQLException.class);
          assertThatThrownBy(
                  () ->
                      DriverManager.getConnection(pg.jdbcUrl("postgres"), user, "postgres").close())
              .as("a wrong password for %s", user)
              .hasMessageContaining("password authentication failed");
        }
      }
    }

    @Test
    void keeps_its_passwords_readable_by_the_jvms_user_only() throws IOException {
      try (StateStore store = StateStore.open(embedded())) {
        Path secrets = EmbeddedStateStore.secretsDirectory(embedded().dir());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
            .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(secrets)) {
          assertThat(files.map(p -> p.getFileName().toString()))
              .containsExactlyInAnyOrder(
                  "postgres.password", "warden_bot.password", "warden_migrator.password");
        }
        assertThat(
                PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(secrets.resolve("warden_bot.password"))))
            .isEqualTo("rw-------");
        assertThat(Files.getOwner(secrets))
            .as("not the server's OS user")
            .isEqualTo(Files.getOwner(base));
      }
    }

    @Test
    void is_reused_when_the_process_that_started_it_died() throws Exception {
      StateStore first = StateStore.open(embedded());
      queueOne(first, "d1");
      long firstPid = first.embedded().orElseThrow().pid();
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      Files.writeString(embedded().dir().resolve("warden.owner"), gone.pid() + " 1\n");
      try (StateStore second = StateStore.open(embedded())) {
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
            .as("the abandoned server was stopped, not reported in use")
            .isFalse();
        assertThat(queued(second)).isEqualTo(1);
      } finally {
        first.close();
      }
    }

    @Test
    void refuses_a_directory_the_server_user_cannot_reach_in_one_line() throws IOException {
      assumeTrue(
          LocalPostgres.jvmIsRoot(),
          "not root: the server runs as the current user, who reaches its home");
      Path closed =
          Files.createDirectory(
              base.resolve("closed"),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      assertThatThrownBy(
              () ->
                  StateStore.open(new StateSettings(Optional.empty(), closed.resolve("state"), 1)))
          .hasMessageContaining(closed.toString())
          .hasMessageContaining("WARDEN_STATE_DIR")
          .hasMessageNotContaining("\n");
      assertThat(StateStore.settings(Optional.empty(), Map.of(), 1).dir())
          .as("as root the default lies outside /root")
          .isEqualTo(Path.of("/var/lib/schema-warden/state"));
    }
  }

  @Nested
  class The_bot_role {
    @Test
    void records_reviews_and_gets_pooled_connections_back_rolled_back_to_auto_commit()
        throws SQLException {
      try (StateStore store = StateStore.open(embedded())) {
        dev.schemawarden.app.console.ReviewLog reviews =
            new dev.schemawarden.app.console.ReviewLog(store);
        long id =
            reviews.insert(
                new dev.schemawarden.app.console.ReviewSummary(
                    0,
                    "github",
                    "acme/shop",
                    7,
                    "t",
                    "",
                    "h",
                    "b",
                    "allow",
                    0,
                    0,
                    java.time.Instant.now(),
                    5),
                "{}");
        assertThat(reviews.find(id)).as("the bot may write and read the reviews table").isPresent();
        javax.sql.DataSource pooled = store.pooledDataSource();
        java.sql.Connection left = pooled.getConnection();
        left.setAutoCommit(false);
        try (java.sql.Statement s = left.createStatement()) {
          s.execute(
              "INSERT INTO deliveries (host, delivery_id, event) VALUES ('github', 'left-open', 'push')");
        }
        left.close(); // no commit: a borrower that forgot, or failed
        assertThat(left.isClosed()).isTrue();
        try (java.sql.Connection again = pooled.getConnection();
            java.sql.Statement s = again.createStatement();
            java.sql.ResultSet rs =
                s.executeQuery("SELECT count(*) FROM deliveries WHERE delivery_id = 'left-open'")) {
          assertThat(again.getAutoCommit()).as("given back in auto-commit").isTrue();
          rs.next();
          assertThat(rs.getInt(1))
              .as("the transaction left open was rolled back, not committed later")
              .isZero();
        }
      }
    }

    @Test
    void may_append_to_the_audit_log_but_not_change_it_nor_disable_its_triggers() {
      try (StateStore store = StateStore.open(embedded())) {
        AuditLog log = AuditLog.open(store);
        assertThat(log.append(AuditRecord.of(AuditEvent.REVIEWED, "acme/shop", "")).seq())
            .isEqualTo(1);
        String user = store.withConnection(c -> query(c, "SELECT current_user"));
        assertThat(user).as("the pool's connections").isEqualTo(EmbeddedStateStore.BOT);
        for (String attack :
            new String[] {
              "ALTER TABLE warden_audit.audit_log DISABLE TRIGGER USER",
              "ALTER TABLE warden_audit.audit_log DISABLE TRIGGER ALL",
              "UPDATE warden_audit.audit_log SET pr = 1",
              "DELETE FROM warden_audit.audit_log",
              "TRUNCATE warden_audit.audit_log",
              "DROP TRIGGER audit_log_no_update_delete ON warden_audit.audit_log",
              "DELETE FROM flyway_schema_history",
              "DELETE FROM overrides",
              "ALTER ROLE warden_bot SUPERUSER",
              "COPY (SELECT 1) TO PROGRAM 'true'"
            }) {
          assertThatThrownBy(() -> store.withConnection(c -> exec(c, attack)))
              .as(attack)
              .hasMessageMatching(
                  "(?s).*(must be (the )?owner|permission denied|must be superuser"
                      + "|insufficient_privilege|Only roles with).*");
        }
        assertThat(log.verify().ok()).as("the chain is intact").isTrue();
      }
    }

    @Test
    void runs_the_retention_on_exactly_the_pruned_tables() {
      try (StateStore store = StateStore.open(embedded())) {
        boolean ran =
            new ScheduledWork(
                    store,
                    java.util.List.of(ScheduledWork.retention(RetentionSettings.defaults())),
                    java.time.Clock.systemUTC())
                .tick();
        assertThat(ran).as("the bot may DELETE from Retention.TABLES (granted at start)").isTrue();
        String result =
            store.withConnection(c -> query(c, "SELECT last_result FROM scheduled_work"));
        assertThat(result)
            .as("the retention ran as the bot")
            .contains("jobs=0")
            .contains("deliveries=0");
      }
    }

    @Test
    void runs_the_job_queue() {
      try (StateStore store = StateStore.open(embedded())) {
        queueOne(store, "d1");
        assertThat(new JobQueue(store, QueueSettings.defaults()).claim("w1")).isPresent();
      }
    }
  }

  @Test
  void a_store_created_before_passwords_is_taken_over_with_its_jobs_and_audit_log()
      throws Exception {
    Path dir = base.resolve("state");
    try (EmbeddedPostgres old =
        EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start()) {
      // what the previous release did: trust logins, everything owned by the superuser
      String url = old.getJdbcUrl("postgres", "postgres");
      try (StateStore legacy = StateStore.open(new StateSettings(Optional.of(url), dir, 1))) {
        queueOne(legacy, "old");
        AuditLog.open(legacy).append(AuditRecord.of(AuditEvent.REVIEWED, "acme/shop", ""));
      }
    }
    try (StateStore store = StateStore.open(embedded())) {
      assertThat(queued(store)).isEqualTo(1);
      AuditLog log = AuditLog.open(store);
      assertThat(log.append(AuditRecord.of(AuditEvent.REVIEWED, "acme/shop", "")).seq())
          .isEqualTo(2);
      assertThat(log.verify().ok()).isTrue();
      assertThat(Files.readString(dir.resolve("pg_hba.conf"))).doesNotContain("trust");
    }
  }

  @Test
  void a_bad_external_url_fails_naming_the_variable_without_the_password() {
    assertThatThrownBy(
            () ->
                StateStore.open(
                    new StateSettings(
                        Optional.of("jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2"),
                        Path.of("x"),
                        1)))
        .hasMessageContaining("WARDEN_STATE_URL")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void redact_hides_credentials() {
    assertThat(StateSettings.redact("jdbc:postgresql://u:pw@db:5432/w?password=pw"))
        .doesNotContain("pw");
  }

  static String query(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static Void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
    return null;
  }
}
