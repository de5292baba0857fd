package dev.schemawarden.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditRecord;
import dev.schemawarden.app.audit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Several instances on one PostgreSQL state store: start-up migrations, the scheduled work's lock, retention. */
class SharedStateStoreTest {
  static TestPostgres pg;

  @BeforeAll
  static void start() {
    pg = new TestPostgres();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  static StateStore open(String url) {
    return StateStore.open(new StateSettings(Optional.of(url), Path.of("unused"), 2));
  }

  static long count(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void exec(String url, String... sql) {
    TestPostgres.exec(pg.dataSource(url), sql);
  }

  @Test
  void three_instances_starting_at_once_on_an_empty_store_migrate_it_once_and_all_start()
      throws Exception {
    String url = pg.newDatabase("race");
    int instances = 3;
    CyclicBarrier together = new CyclicBarrier(instances);
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    List<Future<StateStore>> starts = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      starts.add(
          pool.submit(
              () -> {
                together.await();
                return open(url);
              }));
    }
    List<StateStore> stores = new ArrayList<>();
    for (Future<StateStore> f : starts) {
      stores.add(f.get()); // throws if an instance failed to migrate or start
    }
    pool.shutdown();
    stores.forEach(StateStore::close);
    long versions =
        count(
            url,
            "SELECT count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL");
    assertThat(count(url, "SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL"))
        .as("Flyway's lock on PostgreSQL: each migration applied once, not once per instance")
        .isEqualTo(versions);
    assertThat(count(url, "SELECT count(*) FROM flyway_schema_history WHERE NOT success"))
        .as("none failed")
        .isZero();
    assertThat(
            count(
                url,
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'scheduled_work'"))
        .isEqualTo(1);
  }

  @Nested
  class ScheduledWorkLock {
    final AtomicInteger runs = new AtomicInteger();

    ScheduledWork.Task counting() {
      return new ScheduledWork.Task() {
        @Override
        public String name() {
          return "count";
        }

        @Override
        public Duration every() {
          return Duration.ofMinutes(10);
        }

        @Override
        public String run(Connection c, Instant now) {
          runs.incrementAndGet();
          return "ran";
        }
      };
    }

    @Test
    void while_one_instance_holds_the_lock_another_runs_nothing() throws Exception {
      String url = pg.newDatabase("lock");
      try (StateStore a = open(url);
          StateStore b = open(url);
          Connection holder = DriverManager.getConnection(url);
          Statement st = holder.createStatement()) {
        Clock clock = Clock.systemUTC();
        st.execute("SELECT pg_advisory_lock(" + ScheduledWork.LOCK_KEY + ")"); // instance A mid-run
        assertThat(new ScheduledWork(b, List.of(counting()), clock).tick())
            .as("B skips: A holds the lock")
            .isFalse();
        assertThat(runs).hasValue(0);
        st.execute("SELECT pg_advisory_unlock(" + ScheduledWork.LOCK_KEY + ")");
        assertThat(new ScheduledWork(a, List.of(counting()), clock).tick()).isTrue();
        assertThat(new ScheduledWork(b, List.of(counting()), clock).tick())
            .as("B gets the lock now")
            .isTrue();
        assertThat(runs)
            .as("but the task ran once per period between the instances, not once per instance")
            .hasValue(1);
      }
    }

    @Test
    void a_task_runs_again_on_any_instance_once_its_period_has_passed() throws Exception {
      String url = pg.newDatabase("period");
      Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
      try (StateStore a = open(url);
          StateStore b = open(url)) {
        new ScheduledWork(a, List.of(counting()), Clock.fixed(t0, ZoneOffset.UTC)).tick();
        new ScheduledWork(b, List.of(counting()), Clock.fixed(t0.plusSeconds(599), ZoneOffset.UTC))
            .tick();
        assertThat(runs).hasValue(1);
        new ScheduledWork(b, List.of(counting()), Clock.fixed(t0.plusSeconds(600), ZoneOffset.UTC))
            .tick();
        assertThat(runs).as("due again after 10 minutes, on whichever instance ticks").hasValue(2);
      }
    }
  }

  @Nested
  class Pruning {
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    void delivery(String url, String id, Instant received) {
      exec(
          url,
          "INSERT INTO deliveries (host, delivery_id, event, received_at) VALUES ('github', '"
              + id
              + "', 'pull_request', '"
              + received
              + "')");
    }

    void job(String url, String delivery, String status, Instant created, Instant finished) {
      exec(
          url,
          "INSERT INTO jobs (host, delivery_id, job_key, kind, payload, status, created_at, run_after,"
              + " finished_at) VALUES ('github', '"
              + delivery
              + "', 'k-"
              + delivery
              + "', 'review', '{}', '"
              + status
              + "', '"
              + created
              + "', '"
              + created
              + "', "
              + (finished == null ? "NULL" : "'" + finished + "'")
              + ")");
    }

    @Test
    void
        finished_jobs_their_deliveries_and_reviews_older_than_their_age_are_pruned_audit_entries_never()
            throws Exception {
      String url = pg.newDatabase("retention");
      Instant old = NOW.minus(Duration.ofDays(40));
      Instant recent = NOW.minus(Duration.ofDays(2));
      try (StateStore store = open(url)) {
        delivery(url, "old-done", old);
        job(url, "old-done", "done", old, old);
        delivery(url, "old-failed", old);
        job(url, "old-failed", "failed", old, old.plusSeconds(60));
        delivery(url, "old-queued", old);
        job(url, "old-queued", "queued", old, null);
        delivery(url, "old-running", old);
        job(url, "old-running", "running", old, null);
        delivery(url, "old-alone", old);
        delivery(url, "recent-done", recent);
        job(url, "recent-done", "done", recent, recent);
        Instant ancient = NOW.minus(Duration.ofDays(100)); // reviews are kept 90 days by default
        for (Instant at : List.of(ancient, old)) {
          exec(
              url,
              "INSERT INTO reviews (host, repository, pr_number, head_sha, base_sha, decision, errors,"
                  + " warnings, started_at, duration_ms, report) VALUES ('github', 'acme/shop', 1, 'h', 'b', 'allow',"
                  + " 0, 0, '"
                  + at
                  + "', 1, '{}')");
        }
        AuditLog audit =
            AuditLog.open(store.dataSource(), Clock.fixed(old, ZoneOffset.UTC), "test");
        audit.append(AuditRecord.of(AuditEvent.REVIEWED, "acme/shop", ""));
        long auditBefore = count(url, "SELECT count(*) FROM " + AuditLog.SCHEMA + ".audit_log");

        boolean ran =
            new ScheduledWork(
                    store,
                    List.of(ScheduledWork.retention(RetentionSettings.defaults())),
                    Clock.fixed(NOW, ZoneOffset.UTC))
                .tick();

        assertThat(ran).isTrue();
        assertThat(count(url, "SELECT count(*) FROM jobs WHERE delivery_id LIKE 'old-%'"))
            .as(
                "old done and failed jobs pruned; a queued or running job is never, whatever its age")
            .isEqualTo(2);
        assertThat(count(url, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')"))
            .isEqualTo(2);
        assertThat(ids(url))
            .as("old deliveries go unless a remaining job refers to them; recent ones stay")
            .containsExactly("old-queued", "old-running", "recent-done");
        assertThat(count(url, "SELECT count(*) FROM reviews WHERE started_at = '" + old + "'"))
            .as("a 40-day-old review stays (90 days), a 100-day-old one goes")
            .isEqualTo(count(url, "SELECT count(*) FROM reviews"))
            .isEqualTo(1);
        assertThat(count(url, "SELECT count(*) FROM " + AuditLog.SCHEMA + ".audit_log"))
            .as("the audit log is never pruned, however old")
            .isEqualTo(auditBefore)
            .isPositive();
        assertThat(Retention.TABLES)
            .as("the one list of pruned tables holds no audit table")
            .noneMatch(t -> t.table().contains("audit"));
      }
    }

    List<String> ids(String url) throws SQLException {
      List<String> out = new ArrayList<>();
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT delivery_id FROM deliveries ORDER BY delivery_id")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}
