package dev.schemawarden.app.apply;

import static dev.schemawarden.app.apply.ApplyFixture.HEAD;
import static dev.schemawarden.app.apply.ApplyFixture.approvedBy;
import static dev.schemawarden.app.apply.ApplyFixture.count;
import static dev.schemawarden.app.apply.ApplyFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.apply.ApplyResult.Status;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.StatementOutcome;
import dev.schemawarden.app.audit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain SQL through warden_schema_history: lock timeouts with retries, crashes mid-apply, no double apply. */
class PlainApplyTest {
  static TestPostgres pg;
  @TempDir Path dir;
  ApplyFixture f;
  String db;

  @BeforeAll
  static void start() {
    pg = new TestPostgres();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @BeforeEach
  void repo() {
    f =
        new ApplyFixture(dir, pg)
            .write(
                ".schemawarden.yml",
                """
        migrations:
          tool: plain
          locations: [migrations]
        """);
    db = pg.newDatabase("plain");
    TestPostgres.exec(
        pg.dataSource(db),
        "CREATE TABLE orders (id bigint PRIMARY KEY)",
        "CREATE TABLE customers (id bigint PRIMARY KEY)");
  }

  private List<ApplyResult> apply(ApplySettings s) {
    return f.service.apply(f.request(List.of(target("staging", db)), approvedBy("bob", HEAD), s));
  }

  @Test
  void a_lock_held_by_another_session_times_out_retries_with_backoff_and_stops_cleanly()
      throws Exception {
    f.write("migrations/001_note.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
    ApplySettings s =
        new ApplySettings(Duration.ofMillis(200), Duration.ZERO, 3, Duration.ofMillis(100));
    try (Connection holder = ApplyFixture.connect(db);
        Statement st = holder.createStatement()) {
      holder.setAutoCommit(false);
      st.execute("LOCK TABLE orders IN ACCESS SHARE MODE");

      List<ApplyResult> r = apply(s);

      assertThat(r.get(0).status()).isEqualTo(Status.FAILED);
      assertThat(r.get(0).message()).contains("lock timeout after 3 attempt(s)");
      StatementOutcome o = r.get(0).statements().get(0);
      assertThat(o.outcome()).isEqualTo(StatementOutcome.Outcome.FAILED);
      assertThat(o.attempts()).isEqualTo(3);
      assertThat(f.waits)
          .as("exponential backoff between tries")
          .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
      holder.rollback();
    }
    assertThat(
            count(
                db,
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'note'"))
        .isZero();
    AuditEntry failed = f.audit.list(AuditQuery.all()).get(0);
    assertThat(failed.event()).isEqualTo(AuditEvent.FAILED);
    assertThat(failed.json().path("statements").get(0).path("attempts").asInt()).isEqualTo(3);

    // The lock is gone: the next apply runs it exactly once.
    assertThat(apply(s).get(0).status()).isEqualTo(Status.APPLIED);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'note'"))
        .isOne();
    assertThat(f.audit.verify().ok()).isTrue();
  }

  @Test
  void a_transactional_migration_killed_mid_apply_is_rolled_back_and_applied_once_on_restart()
      throws Exception {
    f.write(
        "migrations/001_two.sql",
        "ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE customers ADD COLUMN b int;\n");
    ApplySettings s =
        new ApplySettings(Duration.ofSeconds(60), Duration.ZERO, 1, Duration.ofMillis(1));
    killWhileBlockedOn("customers", s, Status.FAILED);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('a', 'b')"))
        .as("the transaction rolled back with the connection")
        .isZero();

    assertThat(apply(s).get(0).status()).isEqualTo(Status.APPLIED);
    assertThat(apply(s).get(0).status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('a', 'b')"))
        .isEqualTo(2);
  }

  @Test
  void a_non_transactional_migration_killed_part_way_is_never_re_run_without_a_person()
      throws Exception {
    f.write(
        "migrations/001_idx.sql",
        "CREATE INDEX CONCURRENTLY orders_id2_idx ON orders (id);\n"
            + "ALTER TABLE customers ADD COLUMN c int;\n");
    ApplySettings s =
        new ApplySettings(Duration.ofSeconds(60), Duration.ZERO, 1, Duration.ofMillis(1));
    killWhileBlockedOn("customers", s, Status.NEEDS_HUMAN);

    List<ApplyResult> restart = apply(s);
    assertThat(restart.get(0).status()).isEqualTo(Status.REFUSED);
    assertThat(restart.get(0).message())
        .contains("partially applied (1 of 2")
        .contains("warden apply --resolve");
    assertThat(count(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_id2_idx'"))
        .isOne();
    assertThat(
            count(
                db,
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'c'"))
        .isZero();

    // A person finishes it by hand and resolves it; the next apply has nothing to do.
    TestPostgres.exec(pg.dataSource(db), "ALTER TABLE customers ADD COLUMN c int");
    f.service.resolve(
        f.request(List.of(target("staging", db)), List.of(), s),
        target("staging", db),
        "migrations/001_idx.sql",
        true);
    assertThat(apply(s).get(0).status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(f.audit.list(AuditQuery.all()))
        .extracting(AuditEntry::event)
        .containsExactly(AuditEvent.FAILED, AuditEvent.REFUSED, AuditEvent.OVERRIDDEN);
    assertThat(f.audit.verify().ok()).isTrue();
  }

  @Test
  void a_second_applier_is_refused_while_the_first_holds_the_apply_lock() throws Exception {
    f.write("migrations/001_note.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
    try (Connection other = ApplyFixture.connect(db)) {
      assertThat(ApplyService.tryLock(other)).isTrue();
      List<ApplyResult> r = apply(ApplySettings.defaults());
      assertThat(r.get(0).status()).isEqualTo(Status.REFUSED);
      assertThat(r.get(0).message()).contains("another Schema Warden apply holds the apply lock");
    }
    assertThat(
            count(
                db,
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'note'"))
        .isZero();
  }

  /** Holds a lock on {@code table}, starts the apply, kills its backend once it waits for the lock. */
  private void killWhileBlockedOn(String table, ApplySettings s, Status expected) throws Exception {
    try (Connection holder = ApplyFixture.connect(db);
        Statement st = holder.createStatement()) {
      holder.setAutoCommit(false);
      st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
      CompletableFuture<List<ApplyResult>> run = CompletableFuture.supplyAsync(() -> apply(s));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      long killed = 0;
      while (killed == 0 && System.nanoTime() < deadline) {
        // Only the statement blocked on the held table: CREATE INDEX CONCURRENTLY can wait briefly
        // on a lock too (autovacuum on the same table), and killing it there would stop the apply
        // one statement early.
        killed =
            count(
                db,
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE"
                    + " application_name = 'schema-warden-apply' AND wait_event_type = 'Lock' AND query LIKE '%"
                    + table
                    + "%'");
        Thread.sleep(50);
      }
      assertThat(killed).as("the apply was seen waiting for the lock").isOne();
      List<ApplyResult> r = run.get(30, TimeUnit.SECONDS);
      assertThat(r.get(0).status())
          .as(
              "needs-human only when a statement committed outside a transaction: "
                  + r.get(0).message())
          .isEqualTo(expected);
      holder.rollback();
    }
  }
}
