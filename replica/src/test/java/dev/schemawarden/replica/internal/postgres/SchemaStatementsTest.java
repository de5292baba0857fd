package dev.schemawarden.replica.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the replay leaves out of a history or dump, and what it must keep. */
class SchemaStatementsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GRANT CONNECT ON DATABASE connext TO reader;", // connext's dbmate history: the replica has
        // another name
        "REVOKE ALL ON DATABASE app FROM PUBLIC",
        "grant create, temporary on database \"my app\" to writer",
        "ALTER DATABASE app SET search_path TO app, public",
        "CREATE ROLE reader NOINHERIT LOGIN PASSWORD 'x'",
        "GRANT reader TO writer",
        "ALTER TABLE t OWNER TO app",
        "SELECT cron.schedule('30 * * * *', $$REFRESH MATERIALIZED VIEW CONCURRENTLY public.v$$)", // pg_cron absent
        "select net.http_post('https://example.com')"
      })
  void statements_about_production_roles_and_its_database_by_name_are_left_out(String sql) {
    assertThat(SchemaStatements.leftOut(sql, Set.of())).as(sql).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GRANT SELECT ON public.transfers TO reader",
        "GRANT USAGE ON SCHEMA public TO reader",
        "CREATE TABLE database_sizes (database text)",
        "COMMENT ON TABLE t IS 'ON DATABASE x'",
        "SELECT partman.create_parent('public.events', 'created_at')", // creates partitions: never
        // left out
        "SELECT public.backfill()"
      })
  void schema_statements_that_mention_a_database_are_kept(String sql) {
    assertThat(SchemaStatements.leftOut(sql, Set.of())).as(sql).isFalse();
  }

  @org.junit.jupiter.api.Test
  void an_extension_call_runs_when_the_replica_can_install_the_extension() {
    assertThat(SchemaStatements.leftOut("SELECT cron.schedule('x', 'y')", Set.of("pg_cron")))
        .isFalse();
  }
}
