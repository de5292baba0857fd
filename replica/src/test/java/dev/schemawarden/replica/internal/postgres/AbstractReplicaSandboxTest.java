package dev.schemawarden.replica.internal.postgres;

import static dev.schemawarden.replica.internal.postgres.Replicas.migration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.TraceResult.Status;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.SchemaSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Replica provisioning, sandbox and tracer behaviour beyond single statement forms; one subclass per major. */
abstract class AbstractReplicaSandboxTest {

  abstract Replicas.Major major();

  abstract int expectedMajor();

  ReplicaProvider provider() {
    return Replicas.provider(major());
  }

  private TraceResult trace(
      Replica replica, TraceOptions options, dev.schemawarden.analyzers.api.Migration... ms) {
    return LockTracer.postgres().trace(replica.connections(), List.of(ms), options);
  }

  @Test
  void runs_the_expected_postgres_major() {
    assertThat(provider().serverVersion().major()).isEqualTo(expectedMajor());
  }

  @Nested
  class Sandbox {
    @Test
    void server_level_and_escape_statements_are_refused_before_execution_and_reported() {
      try (Replica replica = provider().create(Replicas.shopSchema())) {
        TraceResult r =
            trace(
                replica,
                TraceOptions.defaults(),
                migration(
                    false,
                    "ALTER SYSTEM SET work_mem = '1GB'",
                    "COPY orders TO PROGRAM 'cat > /tmp/stolen'",
                    "CREATE EXTENSION dblink",
                    "SELECT pg_read_file('/etc/passwd')",
                    "ALTER TABLE orders ADD COLUMN c int"));
        assertThat(r.statements())
            .extracting(TracedStatement::status)
            .containsExactly(
                Status.REFUSED, Status.REFUSED, Status.REFUSED, Status.REFUSED, Status.OK);
        assertThat(r.statements().get(0).effects().error())
            .get()
            .asString()
            .contains("ALTER SYSTEM");
        assertThat(r.statements().get(1).effects().error()).get().asString().contains("program");
        assertThat(r.statements().get(4).lockOn("public.orders"))
            .as("refusal does not stop the trace")
            .contains(LockMode.ACCESS_EXCLUSIVE);
      }
    }

    @Test
    void the_sandbox_role_owns_the_clone_objects_but_is_no_superuser() throws SQLException {
      try (Replica replica = provider().create(Replicas.shopSchema());
          Connection c = replica.connect();
          Statement st = c.createStatement()) {
        assertThat(query(st, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
            .isEqualTo("false");
        assertThat(
                query(
                    st,
                    "SELECT pg_has_role(current_user, tableowner, 'USAGE')::text FROM pg_tables"
                        + " WHERE tablename = 'audit'"))
            .as("owns, through warden_owner, even objects the dump gave to another role")
            .isEqualTo("true");
        assertThat(
                query(
                    st,
                    "SELECT datdba::regrole::text FROM pg_database WHERE datname = current_database()"))
            .isEqualTo(replica.role());
        st.execute("DROP TABLE audit");
        assertThat(query(st, "SHOW statement_timeout")).isEqualTo("30s");
        assertThatThrownBy(() -> st.execute("ALTER SYSTEM SET work_mem = '1GB'"))
            .as("the role itself cannot, guard or not")
            .hasMessageContaining("permission denied");
      }
    }

    @Test
    void a_sandbox_role_cannot_connect_to_another_clone() throws SQLException {
      try (Replica mine = provider().create(Replicas.shopSchema());
          Replica other = provider().create(Replicas.shopSchema());
          Connection c = mine.connect();
          Statement st = c.createStatement()) {
        // the server admits password logins only, so the refusal itself cannot show which check
        // stopped it
        assertThat(
                query(st, "SELECT has_database_privilege('" + other.database() + "', 'CONNECT')"))
            .as("no CONNECT on another clone")
            .isEqualTo("f");
        String url =
            c.getMetaData().getURL().replace("/" + mine.database(), "/" + other.database());
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", mine.role());
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, p).close())
            .isInstanceOf(SQLException.class);
      }
    }

    @Test
    void a_statement_over_the_budget_is_stopped_and_reported() {
      try (Replica replica = provider().create(Replicas.shopSchema())) {
        long t0 = System.nanoTime();
        TraceResult r =
            trace(
                replica,
                TraceOptions.defaults().withStatementBudget(Duration.ofSeconds(1)),
                migration(true, "SELECT pg_sleep(20)", "ALTER TABLE orders ADD COLUMN c int"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
            .as("not waited for")
            .isLessThan(Duration.ofSeconds(8));
        TracedStatement s = r.statements().get(0);
        assertThat(s.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(s.sqlState()).contains("57014");
        assertThat(s.effects().error()).get().asString().contains("statement budget");
        assertThat(r.statements().get(1).status()).isEqualTo(Status.NOT_RUN);
      }
    }
  }

  @Nested
  class Tracing {
    @Test
    void
        a_migration_dropping_a_column_production_lacks_fails_with_the_postgres_error_at_its_line() {
      try (Replica replica = provider().create(Replicas.shopSchema())) {
        TraceResult r =
            trace(
                replica,
                TraceOptions.defaults(),
                migration(
                    true,
                    "ALTER TABLE orders ADD COLUMN c int",
                    "ALTER TABLE orders DROP COLUMN discount",
                    "ALTER TABLE customers ADD COLUMN d int"));
        TracedStatement failed = r.firstProblem().orElseThrow();
        assertThat(failed.statement().line()).isEqualTo(2);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.sqlState()).contains("42703");
        assertThat(failed.effects().error())
            .get()
            .asString()
            .contains("column \"discount\" of relation \"orders\" does not exist");
        assertThat(r.statements().get(2).status())
            .as("its transaction aborted")
            .isEqualTo(Status.NOT_RUN);
      }
    }

    @Test
    void locks_accumulate_within_a_transaction_but_each_statement_reports_what_it_added() {
      try (Replica replica = provider().create(Replicas.shopSchema())) {
        TraceResult r =
            trace(
                replica,
                TraceOptions.defaults(),
                migration(
                    true,
                    "SET lock_timeout = '2s'",
                    "ALTER TABLE orders ADD COLUMN c int",
                    "ALTER TABLE customers ADD COLUMN d int",
                    "CREATE TABLE fresh (id int)"));
        TracedStatement second = r.statements().get(2);
        assertThat(second.lockOn("public.orders")).as("taken by the statement before").isEmpty();
        assertThat(second.lockOn("public.customers")).contains(LockMode.ACCESS_EXCLUSIVE);
        assertThat(second.heldLocks())
            .extracting(l -> l.relation())
            .contains("public.orders", "public.customers");
        assertThat(second.lockTimeout()).contains("2s");
        assertThat(r.statements().get(0).lockTimeout()).as("before the SET").isEmpty();
        assertThat(r.statements().get(3).createdObjects()).containsExactly("public.fresh");
        assertThat(r.statements().get(3).effects().locks()).isEmpty();
      }
    }

    @Test
    void statements_that_cannot_run_in_a_transaction_run_outside_the_wrapper() {
      try (Replica replica = provider().create(Replicas.shopSchema())) {
        TraceResult r =
            trace(
                replica,
                TraceOptions.defaults(),
                migration(
                    true,
                    Replicas.statement(0, "ALTER TABLE orders ADD COLUMN c int"),
                    Replicas.statement(
                        1,
                        "CREATE INDEX CONCURRENTLY orders_c_idx ON orders (c)",
                        TraceCase.concurrentIndex("orders")),
                    Replicas.statement(2, "ALTER TABLE orders ALTER COLUMN c SET DEFAULT 1")));
        assertThat(r.statements()).extracting(TracedStatement::status).containsOnly(Status.OK);
        assertThat(r.statements().get(1).inTransaction()).isFalse();
        assertThat(r.statements().get(1).createdObjects()).containsExactly("public.orders_c_idx");
        assertThat(r.statements().get(2).lockOn("public.orders"))
            .contains(LockMode.ACCESS_EXCLUSIVE);
      }
    }
  }

  @Nested
  class Provisioning {
    @Test
    void clones_are_fast_share_one_template_and_are_dropped_on_close() throws SQLException {
      Replica first = provider().create(Replicas.shopSchema());
      Replica second = provider().create(Replicas.shopSchema());
      String firstDb = first.database();
      assertThat(second.cloneTime())
          .as("clone of a small template")
          .isLessThan(Duration.ofSeconds(3));
      assertThat(second.database()).isNotEqualTo(firstDb);
      first.close();
      try (Connection c = second.connect();
          Statement st = c.createStatement()) {
        String prefix = "warden_t_" + Replicas.shopSchema().hash().substring(0, 16);
        assertThat(
                query(st, "SELECT count(*) FROM pg_database WHERE datname LIKE '" + prefix + "%'"))
            .isEqualTo("1");
        assertThat(query(st, "SELECT count(*) FROM pg_database WHERE datname = '" + firstDb + "'"))
            .isEqualTo("0");
        assertThat(query(st, "SELECT count(*) FROM pg_roles WHERE rolname = '" + firstDb + "'"))
            .isEqualTo("0");
      } finally {
        second.close();
      }
    }

    @Test
    void the_schema_can_come_from_the_migration_history() {
      SchemaSource history =
          new SchemaSource.MigrationHistory(
              List.of(
                  migration(
                      true,
                      "CREATE TABLE accounts (id bigint PRIMARY KEY, email text)",
                      "INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 500) g")));
      try (Replica replica = provider().create(history)) {
        TraceResult r =
            trace(
                replica,
                TraceOptions.defaults(),
                migration(true, "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL"));
        assertThat(r.statements().get(0).lockOn("public.accounts"))
            .contains(LockMode.ACCESS_EXCLUSIVE);
        assertThat(r.statements().get(0).scanned("public.accounts")).isTrue();
      }
    }
  }

  @Nested
  class HistoryReplay {
    @Test
    void a_failing_statement_of_a_transactional_migration_is_named_by_file_and_line() {
      SchemaSource history =
          new SchemaSource.MigrationHistory(
              List.of(
                  migration(
                      true,
                      "CREATE TABLE ledger (id bigint PRIMARY KEY)",
                      "ALTER TABLE ledger DROP COLUMN missing",
                      "CREATE INDEX ledger_id ON ledger (id)")));

      assertThatThrownBy(() -> provider().create(history).close())
          .as("the batch failed; the statement-by-statement retry names the line")
          .hasMessageContaining("replaying the migration history failed at db/V2__change.sql:2")
          .hasMessageContaining("missing");
    }

    @Test
    void transactional_migrations_replay_as_one_batch_and_non_transactional_ones_as_written()
        throws SQLException {
      SchemaSource history =
          new SchemaSource.MigrationHistory(
              List.of(
                  migration(
                      true,
                      "CREATE SCHEMA app",
                      "SET search_path = app",
                      "CREATE TABLE inside (id int)"),
                  migration(
                      false,
                      "CREATE TABLE outside_tx (id int)",
                      "CREATE INDEX CONCURRENTLY outside_idx" + " ON outside_tx (id)")));
      try (Replica replica = provider().create(history);
          Connection c = replica.connect();
          Statement st = c.createStatement()) {
        assertThat(
                query(
                    st,
                    "SELECT count(*) FROM pg_class WHERE relname IN ('inside', 'outside_tx', 'outside_idx')"))
            .as(
                "CONCURRENTLY cannot run in the batch's transaction: the non-transactional migration ran as written")
            .isEqualTo("3");
        assertThat(
                query(
                    st,
                    "SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 'inside'"))
            .isEqualTo("app");
      }
    }
  }

  static String query(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
