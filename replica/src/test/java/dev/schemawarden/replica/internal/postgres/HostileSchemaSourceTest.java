package dev.schemawarden.replica.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.SchemaSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A schema to build a replica from is repository content: a {@code pg_dump -s} file, a JSON snapshot or a
 * migration history a pull request controls (the JSON snapshot's case is drift's HostileSnapshotSourceTest: drift
 * renders it). Each case tries to run a command on the host; none may, and each build runs as a role that is no
 * superuser.
 */
@Timeout(120)
class HostileSchemaSourceTest {
  private Path marker;

  ReplicaProvider provider() {
    return Replicas.provider(Replicas.Major.PRIMARY);
  }

  @BeforeEach
  void marker() {
    // /tmp is writable by every OS user the server could run as: the marker would appear if the
    // command ran.
    marker = Path.of("/tmp", "warden-hostile-" + UUID.randomUUID());
  }

  @AfterEach
  void no_command_ran_on_the_host() throws Exception {
    assertThat(marker).as("a command from the repository ran on the review host").doesNotExist();
    Files.deleteIfExists(marker);
  }

  private String program() {
    return "touch " + marker;
  }

  private static SchemaSource dump(String... statements) {
    return new SchemaSource.SqlDump(
        "CREATE TABLE orders (id bigint PRIMARY KEY);\n" + String.join(";\n", statements) + ";\n");
  }

  private void refused(SchemaSource schema) {
    assertThatThrownBy(() -> provider().create(schema).close())
        .as("the build fails as an unprivileged role would")
        .hasMessageContaining("cannot build the replica")
        .message()
        .as("refused for its privileges, not its syntax")
        .doesNotContain("syntax error");
  }

  @Nested
  class Dumps {
    @Test
    void copy_to_program_in_a_dump_is_refused_by_postgres() {
      refused(dump("COPY (SELECT 1) TO PROGRAM '" + program() + "'"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "CREATE VIEW v AS SELECT 1 AS x; COPY (SELECT * FROM v) TO PROGRAM '%s'",
          "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $f$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''%s''';"
              + " RETURN 1; END $f$; SELECT f()",
          "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $f$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''%s''';"
              + " RETURN 1; END $f$; CREATE TABLE d (x int DEFAULT g()); INSERT INTO d DEFAULT VALUES",
          "CREATE FUNCTION t() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''%s''';"
              + " RETURN NEW; END $f$; CREATE TRIGGER tr BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION t();"
              + " INSERT INTO orders VALUES (1)",
          "DO $$ BEGIN EXECUTE 'CO' || 'PY (SELECT 1) TO PROGRAM ''%s'''; END $$",
          "SELECT lo_export(lo_from_bytea(0, 'x'), '%s')",
          "ALTER SYSTEM SET archive_command = '%s'",
          "SET ROLE postgres; COPY (SELECT 1) TO PROGRAM '%s'",
          "SET SESSION AUTHORIZATION postgres; COPY (SELECT 1) TO PROGRAM '%s'",
          "RESET SESSION AUTHORIZATION; COPY (SELECT 1) TO PROGRAM '%s'",
          "SET ROLE warden_builder; COPY (SELECT 1) TO PROGRAM '%s'",
          "CREATE EXTENSION dblink; SELECT dblink_exec('dbname=postgres user=postgres', 'COPY (SELECT 1) TO PROGRAM ''%s''')"
        })
    void escapes_hidden_in_a_dump_never_run_as_a_superuser(String template) {
      refused(dump(template.formatted(program())));
    }

    @Test
    void psql_meta_commands_in_a_dump_are_not_run() {
      try (Replica r =
          provider()
              .create(
                  new SchemaSource.SqlDump(
                      "\\! " + program() + "\nCREATE TABLE orders (id bigint PRIMARY KEY);\n"))) {
        assertThat(r.database()).startsWith("warden_r_");
      }
    }

    @Test
    void a_role_name_that_closes_a_dollar_quote_is_only_ever_an_identifier() throws SQLException {
      String role = "x$$; COPY (SELECT 1) TO PROGRAM '" + program() + "'; DO $$BEGIN END";
      try (Replica r = provider().create(dump("GRANT SELECT ON orders TO \"" + role + "\""));
          Connection c = r.connect();
          Statement st = c.createStatement()) {
        assertThat(
                one(
                    st,
                    "SELECT count(*) FROM pg_roles WHERE rolname = '"
                        + role.replace("'", "''")
                        + "'"))
            .as("created by name, as a plain role")
            .isEqualTo("1");
      }
    }

    @Test
    void the_build_runs_as_a_role_that_is_no_superuser_and_is_gone_afterwards()
        throws SQLException {
      try (Replica r =
              provider()
                  .create(
                      dump(
                          "CREATE TABLE who AS SELECT current_user::text AS name,"
                              + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,"
                              + " (SELECT rolname FROM pg_roles WHERE rolname = session_user) AS session_name"));
          Connection c = r.connect();
          Statement st = c.createStatement()) {
        assertThat(one(st, "SELECT superuser::text FROM who")).isEqualTo("false");
        String builder = one(st, "SELECT name FROM who");
        assertThat(builder).startsWith("warden_b_");
        assertThat(one(st, "SELECT session_name FROM who"))
            .as("authenticated as it, not SET to it")
            .isEqualTo(builder);
        assertThat(one(st, "SELECT count(*) FROM pg_roles WHERE rolname = '" + builder + "'"))
            .as("the build role is dropped once the template is built")
            .isEqualTo("0");
      }
    }

    @Test
    void a_real_dump_with_owners_grants_and_a_trusted_extension_still_builds() throws SQLException {
      try (Replica r =
              provider()
                  .create(
                      new SchemaSource.SqlDump(
                          String.join(
                              "\n",
                              "SET statement_timeout = 0;",
                              "SELECT pg_catalog.set_config('search_path', '', false);",
                              "CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;",
                              "CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public;",
                              "COMMENT ON EXTENSION pg_stat_statements IS 'stats';",
                              "CREATE SCHEMA app;",
                              "ALTER SCHEMA app OWNER TO app_owner;",
                              "CREATE TABLE app.orders (id bigint PRIMARY KEY, token text DEFAULT public.gen_random_uuid()::text);",
                              "ALTER TABLE app.orders OWNER TO postgres;",
                              "GRANT SELECT ON TABLE app.orders TO app_reader;",
                              "GRANT app_reader TO app_owner;",
                              "ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA app GRANT SELECT ON TABLES TO app_reader;")));
          Connection c = r.connect();
          Statement st = c.createStatement()) {
        assertThat(one(st, "SELECT count(*) FROM app.orders")).isEqualTo("0");
        assertThat(
                one(st, "SELECT has_table_privilege('app_reader', 'app.orders', 'SELECT')::text"))
            .isEqualTo("true");
        assertThat(
                one(
                    st,
                    "SELECT count(*) FROM pg_extension WHERE extname IN ('pgcrypto', 'pg_stat_statements')"))
            .isEqualTo("2");
        assertThat(one(st, "SELECT rolsuper::text FROM pg_roles WHERE rolname = 'app_owner'"))
            .isEqualTo("false");
      }
    }
  }

  @Nested
  class Histories {
    @Test
    void a_migration_history_replay_cannot_run_a_program() {
      assertThatThrownBy(
              () ->
                  provider()
                      .create(
                          new SchemaSource.MigrationHistory(
                              List.of(
                                  Replicas.migration(
                                      true,
                                      "CREATE TABLE t (id int)",
                                      "COPY (SELECT 1) TO PROGRAM '" + program() + "'"))))
                      .close())
          .hasMessageContaining("permission denied");
    }
  }

  @Nested
  class Budgets {
    @Test
    void a_dump_that_swallows_every_cancel_is_stopped_from_outside_and_the_build_says_why() {
      ReplicaProvider quick =
          ReplicaProvider.embedded(
              dev.schemawarden.replica.api.ReplicaSettings.defaults()
                  .withStatementTimeout(java.time.Duration.ofSeconds(1)));
      try (quick) {
        long t0 = System.nanoTime();
        assertThatThrownBy(
                () ->
                    quick
                        .create(
                            dump(
                                "SET statement_timeout = 0",
                                "DO $$ BEGIN LOOP BEGIN PERFORM pg_sleep(1); EXCEPTION WHEN query_canceled THEN NULL; END; END LOOP;"
                                    + " END $$"))
                        .close())
            .hasMessageContaining("building the replica from the schema was stopped")
            .hasMessageContaining("terminated");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0))
            .as("10 s build budget, then cancel, then kill")
            .isLessThan(java.time.Duration.ofSeconds(40));
      }
    }
  }

  private static String one(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
