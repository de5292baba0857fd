package dev.schemawarden.replica.internal.postgres;

import static dev.schemawarden.replica.internal.postgres.Replicas.migration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.TraceResult.Status;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watchdog and the per-clone limits on a real embedded cluster with small budgets: 2 s per statement, 10 s per
 * clone, 64 MiB per clone. Every test has a timeout, so a regression fails instead of hanging the build.
 */
class ReplicaWatchdogTest {
  private static final Duration STATEMENT = Duration.ofSeconds(2);
  private static final String SWALLOWS_CANCEL =
      "DO $$ BEGIN LOOP BEGIN PERFORM pg_sleep(1);"
          + " EXCEPTION WHEN query_canceled THEN NULL; END; END LOOP; END $$";
  private static EmbeddedReplicaProvider provider;

  @BeforeAll
  static void start() {
    provider =
        EmbeddedReplicaProvider.start(
            ReplicaSettings.defaults()
                .withStatementTimeout(STATEMENT)
                .withReviewBudget(Duration.ofSeconds(10))
                .withSizeCap(64L << 20));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static TraceResult trace(
      Replica replica, TraceOptions options, dev.schemawarden.analyzers.api.Migration m) {
    return LockTracer.postgres().trace(replica.connections(), List.of(m), options);
  }

  private static List<Finding> findings(TraceResult r) {
    return TraceAnalysis.analyze(
            r, ts -> Optional.empty(), TraceAnalysis.Statistics.NONE, Optional.empty(), List.of())
        .findings();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a_do_block_that_swallows_every_cancel_is_terminated_and_reported_as_a_blocking_finding()
      throws SQLException {
    try (Replica replica = provider.create(Replicas.shopSchema())) {
      long t0 = System.nanoTime();
      TraceResult r =
          trace(
              replica,
              TraceOptions.defaults().withStatementBudget(STATEMENT),
              migration(true, SWALLOWS_CANCEL, "ALTER TABLE orders ADD COLUMN c int"));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(took)
          .as("budget 2 s + cancel grace 1 s + terminate grace 2 s + polling")
          .isLessThan(Duration.ofSeconds(9));
      TracedStatement loop = r.statements().get(0);
      assertThat(loop.status())
          .as("the trace returns normally with the stop as the statement's outcome")
          .isEqualTo(Status.TIMED_OUT);
      assertThat(loop.effects().error())
          .get()
          .asString()
          .as("the watchdog's reason, not a bare connection error")
          .contains("stopped after 2 s")
          .contains("ignored cancellation")
          .contains("terminated");
      assertThat(r.statements().get(1).status()).isEqualTo(Status.NOT_RUN);
      assertThat(r.statements().get(1).effects().error())
          .get()
          .asString()
          .contains("ignored cancellation");
      assertThat(findings(r))
          .filteredOn(f -> f.rule().toString().equals("TR107"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).as("a stop blocks the review").isEqualTo(Severity.ERROR);
                assertThat(f.message()).contains("its backend was terminated");
              });
      assertThat(replica.stopReason()).get().asString().contains("ignored cancellation");
      try (Connection c = replica.connect();
          Statement st = c.createStatement()) {
        assertThat(st.execute("SELECT 1"))
            .as("a statement-level stop leaves the clone usable")
            .isTrue();
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a_statement_that_lifted_its_own_timeout_is_cancelled_from_outside_at_the_replica_budget() {
    try (Replica replica = provider.create(Replicas.shopSchema())) {
      long t0 = System.nanoTime();
      // The tracer's own budget (and the driver's cancel) is 30 s here: only the watchdog can stop
      // it at 2 s.
      TraceResult r =
          trace(
              replica,
              TraceOptions.defaults().withStatementBudget(Duration.ofSeconds(30)),
              migration(
                  false,
                  "SET statement_timeout = 0",
                  "SELECT pg_sleep(25)",
                  "CREATE TABLE after_sleep (id int)"));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(took)
          .as("budget 2 s + cancel grace 1 s + polling")
          .isLessThan(Duration.ofSeconds(7));
      assertThat(r.statements())
          .extracting(TracedStatement::status)
          .containsExactly(Status.OK, Status.TIMED_OUT, Status.NOT_RUN);
      assertThat(r.statements().get(1).effects().error())
          .get()
          .asString()
          .contains("stopped after 2 s, the statement budget: cancelled from outside the session");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a_review_past_its_budget_is_stopped_and_its_clone_refuses_new_sessions() {
    try (Replica replica = provider.create(Replicas.shopSchema())) {
      String[] naps = new String[12];
      java.util.Arrays.fill(
          naps, "SELECT pg_sleep(1.5)"); // each under the 2 s statement budget, 18 s in all
      long t0 = System.nanoTime();
      TraceResult r =
          trace(
              replica,
              TraceOptions.defaults().withStatementBudget(STATEMENT),
              migration(false, naps));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(took).as("review budget 10 s + polling").isLessThan(Duration.ofSeconds(14));
      assertThat(r.statements())
          .extracting(TracedStatement::status)
          .as(
              "the statements before the stop ran; the one running was stopped; the rest did not run")
          .contains(Status.OK, Status.TIMED_OUT, Status.NOT_RUN)
          .doesNotContain(Status.FAILED);
      TracedStatement stopped = r.firstProblem().orElseThrow();
      assertThat(stopped.effects().error())
          .get()
          .asString()
          .contains("stopped after 10 s, the review's budget")
          .contains("sessions were terminated");
      assertThatThrownBy(replica::connect)
          .as("a stopped clone takes no new session")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("review's budget");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a_replica_growing_past_its_size_cap_is_stopped_before_it_fills_memory() throws SQLException {
    try (Replica replica = provider.create(Replicas.shopSchema())) {
      TraceResult r =
          trace(
              replica,
              TraceOptions.defaults().withStatementBudget(Duration.ofSeconds(30)),
              migration(
                  false,
                  "CREATE TABLE t (id int, pad text)",
                  // in the select list the rows stream into the table (in FROM they would spill to
                  // a temp file first)
                  "INSERT INTO t SELECT generate_series(1, 10000000), repeat('x', 1000)",
                  "CREATE INDEX t_id ON t (id)"));

      assertThat(r.statements())
          .extracting(TracedStatement::status)
          .as(
              "outcomes; errors: %s",
              r.statements().stream().map(s -> s.effects().error()).toList())
          .containsExactly(Status.OK, Status.TIMED_OUT, Status.NOT_RUN);
      assertThat(r.statements().get(1).effects().error())
          .get()
          .asString()
          .contains("the replica grew past 64 MiB")
          .contains("sessions were terminated");
      try (Connection admin = DriverManager.getConnection(provider.adminJdbcUrl());
          Statement st = admin.createStatement()) {
        long size =
            Long.parseLong(
                AbstractReplicaSandboxTest.query(
                    st, "SELECT pg_database_size('" + replica.database() + "')"));
        assertThat(size).as("stopped near the cap, not after 10 GB").isLessThan(1L << 30);
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void an_insert_from_a_huge_generate_series_is_stopped_by_the_temp_file_limit() {
    try (Replica replica = provider.create(Replicas.shopSchema())) {
      TraceResult r =
          trace(
              replica,
              TraceOptions.defaults().withStatementBudget(Duration.ofSeconds(30)),
              migration(
                  true,
                  "CREATE TABLE t (id int, pad text)",
                  "INSERT INTO t SELECT g, repeat('x', 1000) FROM generate_series(1, 10000000) g"));

      TracedStatement insert = r.statements().get(1);
      assertThat(insert.status())
          .as("a replica limit, not a failure production would have")
          .isEqualTo(Status.TIMED_OUT);
      assertThat(insert.effects().error())
          .get()
          .asString()
          .contains("resource limit")
          .contains("temp_file_limit");
      assertThat(findings(r)).extracting(Finding::severity).contains(Severity.ERROR);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void the_sandbox_cannot_raise_the_temp_file_limit_the_superuser_set() throws SQLException {
    try (Replica replica = provider.create(Replicas.shopSchema());
        Connection c = replica.connect();
        Statement st = c.createStatement()) {
      assertThat(AbstractReplicaSandboxTest.query(st, "SHOW temp_file_limit"))
          .as("a quarter of the size cap")
          .isEqualTo("16MB");
      assertThat(AbstractReplicaSandboxTest.query(st, "SHOW work_mem")).isEqualTo("16MB");
      assertThat(AbstractReplicaSandboxTest.query(st, "SHOW idle_in_transaction_session_timeout"))
          .isEqualTo("1min");
      assertThatThrownBy(() -> st.execute("SET temp_file_limit = -1"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> st.execute("RESET temp_file_limit"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(
              () -> st.execute("ALTER ROLE " + replica.role() + " SET temp_file_limit = -1"))
          .as("nor for its role")
          .hasMessageContaining("permission denied");
      assertThatThrownBy(
              () ->
                  st.execute("ALTER DATABASE " + replica.database() + " SET temp_file_limit = -1"))
          .as("nor on the clone it owns")
          .hasMessageContaining("permission denied");
      assertThatThrownBy(
              () ->
                  st.execute(
                      "SELECT count(*) FROM (SELECT md5(g::text) m FROM"
                          + " generate_series(1, 1500000) g ORDER BY 1 OFFSET 0) s"))
          .as("a sort spilling past the limit fails")
          .hasMessageContaining("temp_file_limit");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void statements_past_the_trace_cap_are_not_run_and_the_first_of_them_is_reported()
      throws SQLException {
    try (Replica replica = provider.create(Replicas.shopSchema())) {
      TraceResult r =
          trace(
              replica,
              TraceOptions.defaults().withCaps(2, 1 << 20),
              migration(
                  false,
                  "CREATE TABLE a (id int)",
                  "CREATE TABLE b (id int)",
                  "CREATE TABLE c (id int)",
                  "CREATE TABLE d (id int)"));

      assertThat(r.statements())
          .extracting(TracedStatement::status)
          .containsExactly(Status.OK, Status.OK, Status.TIMED_OUT, Status.NOT_RUN);
      assertThat(r.statements().get(2).effects().error())
          .get()
          .asString()
          .contains("cap of 2 statements");
      assertThat(r.statements().get(3).effects().error())
          .get()
          .asString()
          .contains("db/V2__change.sql:3")
          .contains("cap of 2 statements");
      assertThat(findings(r))
          .filteredOn(f -> f.rule().toString().equals("TR107"))
          .singleElement()
          .extracting(Finding::severity)
          .isEqualTo(Severity.ERROR);
      try (Connection c = replica.connect();
          Statement st = c.createStatement()) {
        assertThat(
                AbstractReplicaSandboxTest.query(
                    st, "SELECT count(*) FROM pg_class WHERE relname IN ('c', 'd')"))
            .as("nothing past the cap ran")
            .isEqualTo("0");
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a_single_statement_bigger_than_the_sql_cap_never_runs() throws SQLException {
    String huge = "CREATE TABLE padded (id int) /* " + "x".repeat(4096) + " */";
    try (Replica replica = provider.create(Replicas.shopSchema())) {
      TraceResult r =
          trace(
              replica,
              TraceOptions.defaults().withCaps(100, 1024),
              migration(true, "CREATE TABLE small (id int)", huge));

      assertThat(r.statements())
          .extracting(TracedStatement::status)
          .containsExactly(Status.OK, Status.TIMED_OUT);
      assertThat(r.statements().get(1).effects().error())
          .get()
          .asString()
          .contains("cap of 1 KiB of SQL");
      try (Connection c = replica.connect();
          Statement st = c.createStatement()) {
        assertThat(
                AbstractReplicaSandboxTest.query(
                    st, "SELECT count(*) FROM pg_class WHERE relname = 'padded'"))
            .isEqualTo("0");
      }
    }
  }
}
