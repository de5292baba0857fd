package dev.schemawarden.app.apply;

import static dev.schemawarden.app.apply.ApplyFixture.HEAD;
import static dev.schemawarden.app.apply.ApplyFixture.approvedBy;
import static dev.schemawarden.app.apply.ApplyFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.app.apply.ApplyResult.Status;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.StatementOutcome;
import dev.schemawarden.app.audit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway projects applied to a real MariaDB (one server for the class, a database per test), the audit log in the
 * PostgreSQL state store: lock_wait_timeout and retries, and a half-applied migration recorded as needs-human.
 */
class MysqlApplyTest {
  static TestPostgres pg;
  static EmbeddedMariadb maria;
  @TempDir Path dir;
  ApplyFixture f;
  String url;
  String database;

  @BeforeAll
  static void start() throws Exception {
    pg = new TestPostgres();
    maria = EmbeddedMariadb.shared();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @BeforeEach
  void repo(TestInfo info) throws SQLException {
    database = "t" + Math.abs(info.getDisplayName().hashCode());
    maria.connect(database).close();
    url = maria.adminUrl().replace("/?", "/" + database + "?");
    f =
        new ApplyFixture(dir, pg)
            .write(
                ".schemawarden.yml",
                """
            engine: mariadb
            engine-version: 11.4.5
            migrations:
              tool: flyway
              locations: [db/migration]
            policy: policy.yml
            """)
            .write(
                "policy.yml",
                """
            version: 1
            rules:
              - id: every-change-reviewed
                action:
                  require: {count: 1, from: ["*"]}
            """)
            .write(
                "db/migration/V1__orders.sql",
                """
            CREATE TABLE orders (id BIGINT PRIMARY KEY) ENGINE=InnoDB;
            ALTER TABLE orders ADD COLUMN note VARCHAR(40);
            """);
  }

  private ApplyResult apply(ApplySettings settings) {
    return f.service
        .apply(f.request(List.of(target("staging", url)), approvedBy("bob", HEAD), settings))
        .get(0);
  }

  /**
   * Applies while another session's open transaction has read {@code orders}: it holds a shared metadata lock until
   * it rolls back, so an ALTER of the table queues; the apply is bounded by {@code bound} rather than left to hang.
   */
  private ApplyResult applyWhileOrdersIsRead(ApplySettings s, Duration bound) throws Exception {
    try (Connection holder = DriverManager.getConnection(url);
        Statement st = holder.createStatement()) {
      holder.setAutoCommit(false);
      st.executeQuery("SELECT count(*) FROM orders").close();
      try {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> apply(s))
            .get(bound.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      } finally {
        holder.rollback();
      }
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long column(String name) throws SQLException {
    return count(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = '"
            + database
            + "' AND table_name = 'orders' AND column_name = '"
            + name
            + "'");
  }

  @Test
  void a_two_statement_migration_applies_and_is_audited_in_the_state_store_not_the_target()
      throws Exception {
    ApplyResult r = apply(ApplySettings.defaults());

    assertThat(r.status()).as(r.message()).isEqualTo(Status.APPLIED);
    assertThat(column("note")).as("both statements ran").isOne();
    assertThat(
            count("SELECT count(*) FROM flyway_schema_history WHERE success = 1 AND version = '1'"))
        .as("Flyway's history on the target stays the truth")
        .isOne();
    assertThat(
            count(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + database
                    + "' AND table_name NOT IN ('orders', 'flyway_schema_history')"))
        .as("no audit or marker table is written to the target")
        .isZero();
    List<AuditEntry> log = f.audit.list(AuditQuery.all());
    assertThat(log)
        .extracting(AuditEntry::event)
        .as("the audit entry is in the PostgreSQL state store")
        .containsExactly(AuditEvent.APPLIED);
    assertThat(log.get(0).json().path("statements").toString()).contains("V1__orders.sql");
    String before = log.get(0).json().path("schema_hash_before").asText();
    String after = log.get(0).json().path("schema_hash_after").asText();
    assertThat(before).as("a fingerprint of the target's schema").matches("[0-9a-f]{64}");
    assertThat(after).matches("[0-9a-f]{64}").isNotEqualTo(before);
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(SchemaFingerprint.of(c)).as("what the schema is now").isEqualTo(after);
    }
    assertThat(f.audit.verify().ok()).isTrue();

    ApplyResult rollback =
        f.service.rollback(
            f.request(
                List.of(target("staging", url)), approvedBy("bob", HEAD), ApplySettings.defaults()),
            target("staging", url),
            log.get(0).seq());
    assertThat(rollback.status())
        .as("the PostgreSQL rollback runner never runs on MySQL")
        .isEqualTo(Status.REFUSED);
    assertThat(rollback.message()).contains("not supported yet").contains("nothing was changed");
    assertThat(column("note")).isOne();
  }

  @Test
  void a_migration_failing_at_its_second_statement_keeps_the_first_and_is_recorded_needs_human()
      throws Exception {
    assertThat(apply(ApplySettings.defaults()).status()).isEqualTo(Status.APPLIED);
    f.write(
        "db/migration/V2__three.sql",
        """
        ALTER TABLE orders ADD COLUMN a INT;
        ALTER TABLE orders ADD COLUMN id INT;
        ALTER TABLE orders ADD COLUMN c INT;
        """);

    ApplyResult r = apply(ApplySettings.defaults());

    assertThat(r.status()).as(r.message()).isEqualTo(Status.NEEDS_HUMAN);
    assertThat(r.status().label()).isEqualTo("needs-human");
    assertThat(column("a")).as("DDL autocommits: the first statement took effect").isOne();
    assertThat(column("c")).as("the third never ran").isZero();
    assertThat(r.message())
        .as("names the statements that ran")
        .contains("statement 2 of 3 (line 2) failed")
        .contains("line 1: ALTER TABLE orders ADD COLUMN a INT")
        .doesNotContain("line 3:")
        .contains("needs-human");
    assertThat(r.statements())
        .filteredOn(o -> o.migration().equals("V2__three.sql"))
        .extracting(StatementOutcome::outcome)
        .containsExactly(
            StatementOutcome.Outcome.APPLIED,
            StatementOutcome.Outcome.FAILED,
            StatementOutcome.Outcome.NOT_RUN);
    assertThat(f.waits).as("a partial apply is never retried").isEmpty();
    assertThat(ApplyComment.render(HEAD, List.of(r)))
        .as("the pull request comment says a person is needed")
        .contains("Schema Warden apply: needs-human")
        .contains("**needs-human**");
    AuditEntry failed = f.audit.list(AuditQuery.all()).get(1);
    assertThat(failed.event()).isEqualTo(AuditEvent.FAILED);
    assertThat(failed.json().toString())
        .contains("needs-human")
        .contains("ALTER TABLE orders ADD COLUMN a INT");

    ApplyResult again = apply(ApplySettings.defaults());
    assertThat(again.status()).as("later applies wait for a person").isEqualTo(Status.REFUSED);
    assertThat(again.message()).contains("V2__three.sql").contains("failed");
    assertThat(column("c")).isZero();
  }

  @Test
  void
      an_open_transaction_on_the_table_makes_the_alter_wait_lock_wait_timeout_then_retry_and_fail_cleanly()
          throws Exception {
    assertThat(apply(ApplySettings.defaults()).status()).isEqualTo(Status.APPLIED);
    f.write("db/migration/V2__flag.sql", "ALTER TABLE orders ADD COLUMN flag INT;\n");
    ApplySettings s =
        new ApplySettings(Duration.ofSeconds(1), Duration.ZERO, 2, Duration.ofMillis(100));
    long started = System.nanoTime();
    ApplyResult r = applyWhileOrdersIsRead(s, Duration.ofSeconds(30));
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    assertThat(r.status()).as(r.message()).isEqualTo(Status.FAILED);
    assertThat(r.message())
        .contains("waited past lock_wait_timeout 1 s")
        .contains("2 attempt(s)")
        .contains("nothing was changed");
    assertThat(f.waits)
        .as("one backoff between the two tries")
        .containsExactly(Duration.ofMillis(100));
    assertThat(seconds).as("each try waits lock_wait_timeout, not forever").isLessThan(15);
    assertThat(column("flag")).isZero();
    assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success = 0"))
        .as("nothing took effect, so Flyway's failed row is repaired away")
        .isZero();

    ApplyResult later = apply(s);
    assertThat(later.status())
        .as("once the lock is gone the same migration applies: " + later.message())
        .isEqualTo(Status.APPLIED);
    assertThat(column("flag")).isOne();
  }

  @Test
  void a_migration_raising_its_own_lock_wait_timeout_does_not_lift_the_bound_for_the_next_one()
      throws Exception {
    assertThat(apply(ApplySettings.defaults()).status()).isEqualTo(Status.APPLIED);
    f.write("db/migration/V2__raise.sql", "SET SESSION lock_wait_timeout = 31536000;\n")
        .write("db/migration/V3__flag.sql", "ALTER TABLE orders ADD COLUMN flag INT;\n");
    ApplySettings s =
        new ApplySettings(Duration.ofSeconds(1), Duration.ZERO, 1, Duration.ofMillis(100));
    // Without the reset before each migration V3 would wait a year: bound the test instead of
    // hanging.
    ApplyResult r = applyWhileOrdersIsRead(s, Duration.ofSeconds(20));
    assertThat(r.status()).as(r.message()).isEqualTo(Status.FAILED);
    assertThat(r.message()).contains("V3__flag.sql").contains("waited past lock_wait_timeout 1 s");
    assertThat(column("flag")).isZero();
  }

  @Test
  void a_plain_sql_project_is_refused_on_mysql_before_anything_is_written_to_the_target()
      throws Exception {
    f.write(
            ".schemawarden.yml",
            """
        engine: mariadb
        migrations:
          tool: plain
          locations: [migrations]
        policy: policy.yml
        """)
        .write("migrations/001_t.sql", "CREATE TABLE t (id INT);\n");

    ApplyResult r = apply(ApplySettings.defaults());

    assertThat(r.status()).isEqualTo(Status.REFUSED);
    assertThat(r.message())
        .contains("environment staging is MySQL/MariaDB")
        .contains("migrations.tool: flyway or liquibase");
    assertThat(
            count(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema IN ('"
                    + database
                    + "', 'schema_warden')"))
        .as("no history or marker table was created")
        .isZero();
    assertThat(f.audit.list(AuditQuery.all()))
        .extracting(AuditEntry::event)
        .containsExactly(AuditEvent.REFUSED);
  }

  @Test
  void a_table_created_by_hand_before_its_migration_refuses_the_apply_before_anything_runs()
      throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, made_by_hand INT)");
    }

    ApplyResult r = apply(ApplySettings.defaults());

    assertThat(r.status()).as(r.message()).isEqualTo(Status.REFUSED);
    assertThat(r.message())
        .contains("pre-apply drift check failed")
        .contains("db/migration/V1__orders.sql:1")
        .contains("table orders already exists on the target");
    assertThat(
            count(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + database
                    + "' AND table_name = 'flyway_schema_history'"))
        .as("Flyway never ran")
        .isZero();
    assertThat(column("made_by_hand")).as("the hand-made table is as it was").isOne();
    assertThat(f.audit.list(AuditQuery.all()))
        .extracting(AuditEntry::event)
        .containsExactly(AuditEvent.REFUSED);
  }

  @Test
  void an_index_the_migration_creates_is_looked_up_on_its_own_table() throws Exception {
    assertThat(apply(ApplySettings.defaults()).status()).isEqualTo(Status.APPLIED);
    f.write("db/migration/V2__index.sql", "CREATE INDEX orders_note_idx ON orders (note);\n");
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      // Same index name on another table: MySQL index names are per table, so this is no drift.
      st.execute("CREATE TABLE other (note VARCHAR(40))");
      st.execute("CREATE INDEX orders_note_idx ON other (note)");
    }

    ApplyResult r = apply(ApplySettings.defaults());

    assertThat(r.status()).as(r.message()).isEqualTo(Status.APPLIED);
    assertThat(
            count(
                "SELECT count(*) FROM information_schema.statistics WHERE table_schema = '"
                    + database
                    + "' AND table_name = 'orders' AND index_name = 'orders_note_idx'"))
        .isOne();

    f.write("db/migration/V3__drop_index.sql", "DROP INDEX orders_note_idx ON orders;\n");
    ApplyResult dropped = apply(ApplySettings.defaults());

    assertThat(dropped.status())
        .as("DROP INDEX ... ON names its table: the index is looked up there, not as a table")
        .isEqualTo(Status.APPLIED);
    assertThat(
            count(
                "SELECT count(*) FROM information_schema.statistics WHERE table_schema = '"
                    + database
                    + "' AND index_name = 'orders_note_idx'"))
        .as("only other's index of that name is left")
        .isOne();
  }

  /** A Liquibase project whose master is formatted SQL: one changeset per {@code changesets} entry. */
  private void liquibase(String... changesets) {
    f.write(
        ".schemawarden.yml",
        """
        engine: mariadb
        engine-version: 11.4.5
        migrations:
          tool: liquibase
          changelog: db/changelog.sql
        policy: policy.yml
        """);
    StringBuilder text = new StringBuilder("-- liquibase formatted sql\n");
    for (int i = 0; i < changesets.length; i++) {
      text.append("\n-- changeset alice:").append(i + 1).append('\n').append(changesets[i]);
    }
    f.write("db/changelog.sql", text.toString());
  }

  @Test
  void a_liquibase_project_applies_on_mariadb_with_liquibase_keeping_the_history()
      throws Exception {
    liquibase(
        "CREATE TABLE orders (id BIGINT PRIMARY KEY) ENGINE=InnoDB;\n",
        "ALTER TABLE orders ADD COLUMN note VARCHAR(40);\n");

    ApplyResult r = apply(ApplySettings.defaults());

    assertThat(r.status()).as(r.message()).isEqualTo(Status.APPLIED);
    assertThat(column("note")).isOne();
    assertThat(count("SELECT count(*) FROM DATABASECHANGELOG WHERE author = 'alice'"))
        .as("Liquibase's history on the target stays the truth")
        .isEqualTo(2);
    assertThat(r.statements())
        .extracting(StatementOutcome::sql)
        .containsExactly("(changeset 1::alice)", "(changeset 2::alice)");
    assertThat(apply(ApplySettings.defaults()).status())
        .as("its history says nothing is pending")
        .isEqualTo(Status.UP_TO_DATE);
  }

  @Test
  void a_liquibase_changeset_failing_at_its_second_statement_is_needs_human_until_resolved()
      throws Exception {
    liquibase(
        "CREATE TABLE orders (id BIGINT PRIMARY KEY) ENGINE=InnoDB;\n",
        """
        ALTER TABLE orders ADD COLUMN a INT;
        ALTER TABLE orders ADD COLUMN id INT;
        ALTER TABLE orders ADD COLUMN c INT;
        """);

    ApplyResult r = apply(ApplySettings.defaults());

    assertThat(r.status()).as(r.message()).isEqualTo(Status.NEEDS_HUMAN);
    assertThat(column("a")).as("DDL autocommits: the first statement took effect").isOne();
    assertThat(column("c")).as("the third never ran").isZero();
    assertThat(r.message())
        .contains("changelog.sql#2::alice: statement 2 of 3 (line 8) failed")
        .contains("line 7: ALTER TABLE orders ADD COLUMN a INT")
        .doesNotContain("line 9:");
    assertThat(r.statements())
        .filteredOn(o -> o.migration().endsWith("#2::alice"))
        .extracting(StatementOutcome::outcome)
        .containsExactly(
            StatementOutcome.Outcome.APPLIED,
            StatementOutcome.Outcome.FAILED,
            StatementOutcome.Outcome.NOT_RUN);
    assertThat(f.waits).as("a partial apply is never retried").isEmpty();
    assertThat(count("SELECT count(*) FROM DATABASECHANGELOG"))
        .as("Liquibase recorded only the first")
        .isOne();

    ApplyResult again = apply(ApplySettings.defaults());
    assertThat(again.status())
        .as("later applies wait for a person: " + again.message())
        .isEqualTo(Status.REFUSED);
    assertThat(again.message()).contains("changelog.sql#2::alice").contains("--resolve");
    assertThat(column("c")).isZero();

    // The person finishes it by hand, then says so: Liquibase marks it ran, and the next apply is
    // up to date.
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE orders ADD COLUMN c INT");
    }
    f.service.resolve(
        f.request(
            List.of(target("staging", url)), approvedBy("bob", HEAD), ApplySettings.defaults()),
        target("staging", url),
        "changelog.sql#2::alice",
        true);
    assertThat(count("SELECT count(*) FROM DATABASECHANGELOG"))
        .as("marked ran in Liquibase's history")
        .isEqualTo(2);
    ApplyResult after = apply(ApplySettings.defaults());
    assertThat(after.status()).as(after.message()).isEqualTo(Status.UP_TO_DATE);
  }

  @Test
  void a_liquibase_changeset_waiting_past_lock_wait_timeout_changed_nothing_and_is_retried()
      throws Exception {
    liquibase("CREATE TABLE orders (id BIGINT PRIMARY KEY) ENGINE=InnoDB;\n");
    assertThat(apply(ApplySettings.defaults()).status()).isEqualTo(Status.APPLIED);
    liquibase(
        "CREATE TABLE orders (id BIGINT PRIMARY KEY) ENGINE=InnoDB;\n",
        "ALTER TABLE orders ADD COLUMN flag INT;\n");
    ApplySettings s =
        new ApplySettings(Duration.ofSeconds(1), Duration.ZERO, 2, Duration.ofMillis(100));
    ApplyResult r = applyWhileOrdersIsRead(s, Duration.ofSeconds(30));
    assertThat(r.status()).as(r.message()).isEqualTo(Status.FAILED);
    assertThat(r.message())
        .contains("waited past lock_wait_timeout 1 s")
        .contains("2 attempt(s)")
        .contains("nothing was changed");
    assertThat(f.waits)
        .as("one backoff between the two tries")
        .containsExactly(Duration.ofMillis(100));
    assertThat(column("flag")).isZero();
    assertThat(apply(s).status()).as("once the lock is gone it applies").isEqualTo(Status.APPLIED);
    assertThat(column("flag")).isOne();
  }

  @Test
  void another_applier_holding_the_apply_lock_is_refused_before_anything_runs() throws Exception {
    try (Connection other = DriverManager.getConnection(url);
        Statement st = other.createStatement()) {
      st.executeQuery("SELECT GET_LOCK('" + MysqlApply.APPLY_LOCK + "', 0)").close();

      ApplyResult r = apply(ApplySettings.defaults());

      assertThat(r.status()).isEqualTo(Status.REFUSED);
      assertThat(r.message()).contains("another Schema Warden apply holds the apply lock");
    }
    assertThat(
            count(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + database
                    + "' AND table_name = 'orders'"))
        .isZero();
  }
}
