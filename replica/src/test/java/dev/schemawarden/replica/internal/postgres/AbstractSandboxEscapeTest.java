package dev.schemawarden.replica.internal.postgres;

import static dev.schemawarden.replica.internal.postgres.Replicas.migration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.TraceResult.Status;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import dev.schemawarden.replica.api.Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escapes from the replica sandbox are decided by PostgreSQL and reported as TR108 at ERROR, whether or not the text
 * filter saw them first; no marker file ever appears on the host. One subclass per PostgreSQL major.
 */
abstract class AbstractSandboxEscapeTest {
  @TempDir Path tmp;
  private Path marker;

  abstract Replicas.Major major();

  @BeforeEach
  void marker() throws Exception {
    // the server process must be able to write here if an escape ever succeeded, or the test would
    // prove nothing
    marker = tmp.resolve("escaped");
    Files.setPosixFilePermissions(
        tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  /** Each escape the issue names, as the sandbox role would send it. */
  private List<String> escapes(String superuser) {
    return List.of(
        "COPY (SELECT 1) TO PROGRAM 'touch " + marker + "'",
        "COPY orders TO '" + marker + "'",
        "SELECT lo_export(lo_from_bytea(0, 'x'), '" + marker + "')",
        "ALTER SYSTEM SET work_mem = '1GB'",
        "SET ROLE " + superuser,
        "SET SESSION AUTHORIZATION " + superuser,
        "CREATE EXTENSION dblink");
  }

  /** The text filter cannot see COPY in 'CO' || 'PY': only PostgreSQL's permissions stop it. */
  private String concatenated() {
    return "DO $$ BEGIN EXECUTE 'CO' || 'PY (SELECT 1) TO PROGRAM ''touch "
        + marker
        + "'''; END $$";
  }

  @Test
  void postgres_refuses_every_escape_hidden_from_the_text_filter_and_each_is_tr108_at_error()
      throws SQLException {
    try (Replica replica = Replicas.provider(major()).create(Replicas.shopSchema())) {
      for (String sql : escapes(superuser(replica))) {
        if (sql.startsWith("ALTER SYSTEM")) {
          continue; // inside DO it is refused as "cannot run inside a transaction block" before any
          // privilege check
        }
        // base64 in EXECUTE: no text filter can read it, so only PostgreSQL's privileges stand in
        // the way
        String hidden =
            "DO $$ BEGIN EXECUTE convert_from(decode('"
                + java.util.Base64.getEncoder()
                    .encodeToString(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "', 'base64'), 'UTF8'); END $$";
        TraceResult r =
            LockTracer.postgres()
                .trace(
                    replica.connections(),
                    List.of(migration(true, hidden)),
                    TraceOptions.defaults());
        TracedStatement s = r.statements().get(0);
        assertThat(s.sqlState()).as("%s: %s", sql, s.effects().error()).contains("42501");
        assertThat(s.status()).as("%s: %s", sql, s.effects().error()).isEqualTo(Status.REFUSED);
        assertThat(analyze(r))
            .filteredOn(f -> f.rule().equals("TR108"))
            .as(sql)
            .singleElement()
            .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(marker).as("nothing ran on the host for %s", sql).doesNotExist();
      }
    }
  }

  @Test
  void a_grant_problem_of_production_roles_stays_a_failure_not_an_escape() {
    try (Replica replica = Replicas.provider(major()).create(Replicas.shopSchema())) {
      TraceResult r =
          LockTracer.postgres()
              .trace(
                  replica.connections(),
                  List.of(migration(true, "ALTER TABLE orders OWNER TO app_owner")),
                  TraceOptions.defaults());
      TracedStatement s = r.statements().get(0);
      assertThat(s.sqlState()).as(s.effects().error().orElse("")).contains("42501");
      assertThat(s.status())
          .as("the deploy role may have this grant in production: %s", s.effects().error())
          .isEqualTo(Status.FAILED);
      assertThat(analyze(r)).extracting(Finding::rule).contains("TR101").doesNotContain("TR108");
    }
  }

  @Test
  void every_escape_traced_is_tr108_at_error_and_no_marker_appears() throws SQLException {
    try (Replica replica = Replicas.provider(major()).create(Replicas.shopSchema())) {
      for (String sql : escapes(superuser(replica))) {
        List<Finding> findings = traced(replica, sql);
        assertThat(findings)
            .filteredOn(f -> f.rule().equals("TR108"))
            .as(sql)
            .singleElement()
            .satisfies(
                f -> {
                  assertThat(f.severity())
                      .as("an escape is never lower than ERROR")
                      .isEqualTo(Severity.ERROR);
                  assertThat(f.message()).as("says what it tried").contains(sql.substring(0, 12));
                });
        assertThat(findings).extracting(Finding::rule).as(sql).doesNotContain("TR101", "TR107");
        assertThat(marker).as("nothing ran on the host for %s", sql).doesNotExist();
      }
    }
  }

  @Test
  void an_escape_the_text_filter_misses_is_refused_by_postgres_and_still_tr108_at_error() {
    try (Replica replica = Replicas.provider(major()).create(Replicas.shopSchema())) {
      TraceResult r =
          LockTracer.postgres()
              .trace(
                  replica.connections(),
                  List.of(migration(true, concatenated(), "ALTER TABLE orders ADD COLUMN c int")),
                  TraceOptions.defaults());
      TracedStatement s = r.statements().get(0);
      assertThat(s.status()).isEqualTo(Status.REFUSED);
      assertThat(s.sqlState()).contains("42501");
      assertThat(s.effects().error())
          .get()
          .asString()
          .contains("PostgreSQL refused it")
          .as("PostgreSQL's own message")
          .contains("external program");
      assertThat(r.statements().get(1).status())
          .as("its transaction aborted, as after any failure")
          .isEqualTo(Status.NOT_RUN);
      List<Finding> findings = analyze(r);
      assertThat(findings)
          .filteredOn(f -> f.rule().equals("TR108"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.span().line()).isEqualTo(1);
                assertThat(f.message())
                    .contains("tried to reach outside the replica sandbox")
                    .contains("external program");
              });
      assertThat(marker).as("no shell ran on the host").doesNotExist();
    }
  }

  @Test
  void a_comment_marker_inside_a_literal_hides_no_escape_from_the_text_filter() {
    try (Replica replica = Replicas.provider(major()).create(Replicas.shopSchema())) {
      for (String sql :
          List.of(
              "SELECT $q$--$q$ AS a, pg_read_file('/etc/passwd')",
              "SELECT E'x\\'--' AS a, pg_read_file('/etc/passwd')",
              "SELECT E'/*' AS a, pg_read_file('/etc/passwd')")) {
        TraceResult r =
            LockTracer.postgres()
                .trace(
                    replica.connections(), List.of(migration(true, sql)), TraceOptions.defaults());
        TracedStatement s = r.statements().get(0);
        assertThat(s.status()).as(sql).isEqualTo(Status.REFUSED);
        assertThat(s.sqlState()).as("refused before it reached the server: %s", sql).isEmpty();
        assertThat(s.effects().error())
            .as(sql)
            .get()
            .asString()
            .contains("refused by the replica sandbox");
        assertThat(analyze(r))
            .filteredOn(f -> f.rule().equals("TR108"))
            .as(sql)
            .singleElement()
            .extracting(Finding::severity)
            .isEqualTo(Severity.ERROR);
      }
    }
  }

  @Test
  void a_psql_shell_meta_command_is_tr108_at_error() {
    try (Replica replica = Replicas.provider(major()).create(Replicas.shopSchema())) {
      var shell =
          Replicas.statement(
              0,
              "\\! touch " + marker,
              new dev.schemawarden.analyzers.api.Change.MetaCommand("\\! touch " + marker));
      TraceResult r =
          LockTracer.postgres()
              .trace(
                  replica.connections(), List.of(migration(false, shell)), TraceOptions.defaults());
      assertThat(analyze(r))
          .filteredOn(f -> f.rule().equals("TR108"))
          .singleElement()
          .extracting(Finding::severity)
          .isEqualTo(Severity.ERROR);
      assertThat(marker).doesNotExist();
    }
  }

  private static List<Finding> traced(Replica replica, String sql) {
    TraceResult r =
        LockTracer.postgres()
            .trace(replica.connections(), List.of(migration(true, sql)), TraceOptions.defaults());
    return analyze(r);
  }

  private static List<Finding> analyze(TraceResult r) {
    return TraceAnalysis.analyze(
            r, ts -> Optional.empty(), TraceAnalysis.Statistics.NONE, Optional.empty(), List.of())
        .findings();
  }

  private static String superuser(Replica replica) throws SQLException {
    try (Connection c = replica.connect();
        Statement st = c.createStatement();
        var rs =
            st.executeQuery("SELECT rolname FROM pg_roles WHERE rolsuper ORDER BY oid LIMIT 1")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
