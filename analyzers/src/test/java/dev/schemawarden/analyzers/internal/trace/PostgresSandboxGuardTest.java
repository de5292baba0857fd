package dev.schemawarden.analyzers.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresSandboxGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ALTER SYSTEM SET work_mem = '1GB'",
        "alter  system reset all",
        "COPY orders TO PROGRAM 'curl evil'",
        "COPY orders FROM '/etc/passwd'",
        "CREATE EXTENSION dblink",
        "CREATE EXTENSION IF NOT EXISTS \"adminpack\"",
        "SELECT lo_import('/etc/passwd')",
        "SELECT * FROM dblink('host=x', 'select 1') AS t(a int)",
        "SELECT pg_read_file('/etc/passwd')",
        "CREATE ROLE intruder SUPERUSER",
        "ALTER USER app PASSWORD 'x'",
        "SET ROLE postgres",
        "SET SESSION AUTHORIZATION postgres",
        "LOAD 'auto_explain'",
        "CREATE DATABASE other",
        "DROP DATABASE prod",
        "DO $$ BEGIN EXECUTE 'ALTER SYSTEM SET fsync = off'; END $$",
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpython3u AS $$ return 1 $$",
        "CREATE USER MAPPING FOR x SERVER y"
      })
  void refuses_server_level_and_escape_statements(String sql) {
    assertThat(PostgresSandboxGuard.refusal(sql)).as(sql).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ALTER TABLE orders ADD COLUMN c int",
        "CREATE EXTENSION IF NOT EXISTS pgcrypto",
        "CREATE EXTENSION \"uuid-ossp\"",
        "COPY orders FROM STDIN",
        "-- ALTER SYSTEM in a comment\nCREATE INDEX i ON t (a)"
      })
  void lets_schema_changes_through(String sql) {
    assertThat(PostgresSandboxGuard.refusal(sql)).as(sql).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      quoteCharacter = '`',
      value = {
        "DO $$ BEGIN EXECUTE 'CO' || 'PY (SELECT 1) TO PROGRAM ''id'''; END $$ # must be superuser or have privileges"
            + " of the pg_execute_server_program role to COPY to or from an external program",
        "COPY orders TO '/tmp/x' # must be superuser or have privileges of the pg_write_server_files role to COPY to a"
            + " file",
        "COPY orders TO '/tmp/x' # permission denied to COPY to a file",
        "COPY (SELECT 1) TO PROGRAM 'id' # permission denied to COPY to or from an external program",
        "SELECT lo_export(1, '/tmp/x') # permission denied for function lo_export",
        "ALTER SYSTEM SET work_mem = '1GB' # permission denied to set parameter \"work_mem\"",
        "SET ROLE postgres # permission denied to set role \"postgres\"",
        "SET SESSION AUTHORIZATION postgres # permission denied to set session authorization",
        "CREATE EXTENSION dblink # permission denied to create extension \"dblink\"",
        "SELECT 1 # permission denied for table pg_authid",
        "LOAD 'x' # access to library \"x\" is not allowed"
      })
  void a_privilege_error_of_an_escape_is_refused_by_the_server(String sql, String message) {
    assertThat(PostgresSandboxGuard.refusedByServer(sql, "42501", message))
        .as(message)
        .get()
        .asString()
        .contains("PostgreSQL refused it")
        .contains(message)
        .contains("42501");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      quoteCharacter = '`',
      value = {
        "ALTER TABLE orders OWNER TO app_owner # 42501 # must be able to SET ROLE \"app_owner\"",
        "SELECT * FROM orders # 42501 # permission denied for table orders",
        "ALTER TABLE orders ADD c int # 42501 # must be owner of table orders",
        "DO $$ BEGIN RAISE EXCEPTION 'must be superuser'; END $$ # P0001 # must be superuser"
      })
  void a_grant_problem_or_another_error_is_not_an_escape(String sql, String state, String message) {
    assertThat(PostgresSandboxGuard.refusedByServer(sql, state, message)).as(message).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT E'x\\'--' AS a, pg_read_file('/etc/passwd')",
        "SELECT $q$--$q$ AS a, pg_read_file('/etc/passwd')",
        "SELECT $$/*$$ AS a, pg_read_file('/etc/passwd') -- */",
        "SELECT E'/*' AS a, lo_export(1, '/tmp/x')",
        "DO $$ BEGIN -- a plpgsql comment\n EXECUTE 'ALTER SYSTEM SET fsync = off'; END $$"
      })
  void a_comment_marker_inside_a_literal_hides_nothing_from_the_guard(String sql) {
    assertThat(PostgresSandboxGuard.refusal(sql))
        .as("-- or /* inside a string or dollar quote: %s", sql)
        .isPresent();
  }
}
