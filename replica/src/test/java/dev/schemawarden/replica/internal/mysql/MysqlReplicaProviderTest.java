package dev.schemawarden.replica.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.OnlineDdl.Run;
import dev.schemawarden.analyzers.api.OnlineDdl.Status;
import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.MysqlReplicaProvider.MysqlReplica;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MariaDB replica on a real embedded MariaDB 11.4 ({@link EmbeddedMariadb#shared()}, a sandbox per test): the history
 * replays and the change traces as a user with rights on its own database only, and every way out is refused or
 * cut, as a status the review turns into a finding, never as an exception.
 */
class MysqlReplicaProviderTest {

  private static final Duration BUDGET = Duration.ofSeconds(2);
  private static MysqlReplicaProvider provider;
  private static EmbeddedMariadb server;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedMariadb.shared();
    provider =
        MysqlReplicaProvider.server(
            "mariadb", server.adminUrl(), ReplicaSettings.defaults().withSizeCap(8L << 20));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static Migration migration(String file, String sql) {
    String path = "db/migration/" + file;
    return new Migration(
        path,
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.of(file.substring(1, 2)),
        file,
        false,
        Engines.forName("mariadb").parser().parse(path, sql).statements(),
        List.of());
  }

  private static final Migration BASE =
      migration(
          "V1__base.sql",
          """
      CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(40));
      INSERT INTO t VALUES (1, 'a'), (2, 'b');
      """);

  private static List<Run> traced(String sql) {
    try (MysqlReplica r = provider.create(BUDGET)) {
      assertThat(r.replay(List.of(BASE)))
          .as("the base history replays as the sandbox user")
          .isEmpty();
      return r.trace(List.of(migration("V2__change.sql", sql)));
    }
  }

  @Test
  void the_change_is_traced_with_the_algorithm_the_server_accepted_as_the_sandbox_user() {
    List<Run> runs =
        traced(
            """
        ALTER TABLE t ADD COLUMN c INT;
        ALTER TABLE t MODIFY c BIGINT;
        """);

    assertThat(runs).extracting(Run::status).as("both ran").containsExactly(Status.OK, Status.OK);
    assertThat(runs.get(0).alter().flatMap(OnlineDdl.Traced::verdict))
        .as("ADD COLUMN on 11.4")
        .contains(new OnlineDdl.Verdict("INSTANT", "NONE", OnlineDdl.Source.TRACED));
    assertThat(runs.get(1).alter().orElseThrow().rebuilt())
        .as(
            "the admin connection reads InnoDB's table ids the sandbox user may not: the MODIFY rebuilt t")
        .isTrue();
    assertThat(
            runs.get(1)
                .alter()
                .flatMap(OnlineDdl.Traced::verdict)
                .map(OnlineDdl.Verdict::algorithm))
        .contains("COPY");
  }

  /**
   * Each statement's watchdog is stopped as soon as the statement ends, not at its next 100 ms poll: a
   * 1,000-table history replayed in 90 s before, for that wait alone (docs/benchmarks.md, issue 14).
   */
  @Test
  void a_replay_does_not_wait_out_the_watchdogs_poll_after_each_statement() {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sql.append("DO ").append(i).append(";\n");
    }
    Migration many = migration("V1__many.sql", sql.toString());
    try (MysqlReplica r = provider.create(BUDGET)) {
      long start = System.nanoTime();
      assertThat(r.replay(List.of(many))).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("40 trivial statements: well under 40 polls of %s", Budget.POLL)
          .isLessThan(Budget.POLL.multipliedBy(20));
    }
  }

  @Test
  void the_sandbox_user_has_no_privilege_outside_its_database() throws Exception {
    try (MysqlReplica r = provider.create(BUDGET);
        Connection root = java.sql.DriverManager.getConnection(server.adminUrl());
        Statement st = root.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES"
                    + " WHERE GRANTEE LIKE '''warden_u_%'")) {
      assertThat(rs.next())
          .as("only USAGE globally: no FILE, SUPER, PROCESS, CREATE USER")
          .isTrue();
      assertThat(rs.getString(1)).isEqualTo("USAGE");
      assertThat(rs.next()).as("one global row").isFalse();
    }
  }

  /** Each is refused before it runs, by the text filter: an early, friendly message. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM t INTO OUTFILE '/tmp/warden-leak.txt'",
        "LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE t",
        "INSERT INTO t VALUES (3, LOAD_FILE('/etc/passwd'))",
        "SET GLOBAL max_connections = 1",
        "CREATE USER evil IDENTIFIED BY 'x'",
        "SELECT user, password FROM mysql.user",
        "GRANT ALL ON *.* TO CURRENT_USER()"
      })
  void a_way_out_is_refused_and_stops_the_trace(String sql) {
    List<Run> runs = traced(sql + ";\nALTER TABLE t ADD COLUMN c INT;");

    assertThat(runs.get(0).status())
        .as("%s: %s", sql, runs.get(0).error())
        .isEqualTo(Status.REFUSED);
    assertThat(runs.get(1).status()).as("nothing after it runs").isEqualTo(Status.NOT_RUN);
    assertThat(OnlineDdl.findings("mariadb", runs))
        .extracting(f -> f.rule())
        .containsExactly("TR108");
  }

  /** The filter is easy to get around; what decides is what the user may do. Run past the filter, straight. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM t INTO OUTFILE '/tmp/warden-leak2.txt'",
        "LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE t",
        "SET GLOBAL max_connections = 1",
        "CREATE USER evil IDENTIFIED BY 'x'",
        "SELECT * FROM mysql.user",
        "CREATE DATABASE other"
      })
  void the_server_refuses_what_the_filter_would_have_caught(String sql) throws Exception {
    try (MysqlSandbox r =
        MysqlSandbox.create("mariadb", server.adminUrl(), ReplicaSettings.defaults())) {
      r.run(List.of(BASE), false);
      Statement raw = java.sql.DriverManager.getConnection(r.url()).createStatement();
      try {
        raw.execute(sql);
        throw new AssertionError("the server ran " + sql);
      } catch (java.sql.SQLException e) {
        assertThat(OnlineDdl.classify(e.getErrorCode(), e.getMessage()))
            .as("%s -> %s (%d)", sql, e.getMessage(), e.getErrorCode())
            .isEqualTo(Status.REFUSED);
      } finally {
        raw.getConnection().close();
      }
    }
    assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/warden-leak2.txt")))
        .isFalse();
  }

  @Test
  void load_file_without_the_file_privilege_reads_nothing() throws Exception {
    try (MysqlSandbox r =
        MysqlSandbox.create("mariadb", server.adminUrl(), ReplicaSettings.defaults())) {
      r.run(List.of(BASE), false);
      Statement raw = java.sql.DriverManager.getConnection(r.url()).createStatement();
      try (ResultSet rs = raw.executeQuery("SELECT LOAD_FILE('/etc/passwd')")) {
        rs.next();
        assertThat(rs.getString(1)).as("NULL: the sandbox user has no FILE privilege").isNull();
      } finally {
        raw.getConnection().close();
      }
    }
  }

  /**
   * A plain sleep meets the session's max_statement_time; one that lifts it for itself ({@code SET STATEMENT ...
   * FOR}, MariaDB) meets the admin connection's KILL QUERY, which nothing in the session can change.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"SELECT SLEEP(600)", "SET STATEMENT max_statement_time = 0 FOR SELECT SLEEP(600)"})
  void a_sleep_is_cut_at_the_statement_budget(String sleep) {
    long start = System.nanoTime();
    List<Run> runs =
        traced(
            "SET SESSION max_statement_time = 0;\n" + sleep + ";\nALTER TABLE t ADD COLUMN c INT;");

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("cut, not slept")
        .isLessThan(Duration.ofSeconds(30));
    assertThat(runs)
        .extracting(Run::status)
        .as("%s", runs.get(1).error())
        .containsExactly(Status.OK, Status.TIMED_OUT, Status.NOT_RUN);
    assertThat(OnlineDdl.findings("mariadb", runs))
        .extracting(f -> f.rule())
        .containsExactly("TR107");
    if (sleep.startsWith("SET STATEMENT")) {
      assertThat(runs.get(1).error())
          .as("the watchdog cut it")
          .hasValueSatisfying(e -> assertThat(e).contains("statement budget"));
    }
  }

  @Test
  void a_statement_that_grows_the_database_past_the_size_cap_is_cut() {
    List<Run> runs =
        traced(
            """
        CREATE TABLE big (id INT AUTO_INCREMENT PRIMARY KEY, pad CHAR(250));
        INSERT INTO big (pad) SELECT REPEAT('x', 250) FROM information_schema.COLUMNS a, information_schema.COLUMNS b;
        """);

    assertThat(runs.get(1).status()).as("%s", runs.get(1).error()).isEqualTo(Status.TIMED_OUT);
    assertThat(runs.get(1).error().orElseThrow())
        .as("the size cap, before the time budget")
        .contains("size cap");
  }

  @Test
  void a_failing_statement_is_a_finding_and_the_sandbox_is_dropped_after() throws Exception {
    String database;
    try (MysqlReplica r = provider.create(BUDGET)) {
      database = r.database();
      r.replay(List.of(BASE));
      List<Run> runs =
          r.trace(List.of(migration("V2__change.sql", "ALTER TABLE t DROP COLUMN missing;")));
      assertThat(runs.get(0).status()).isEqualTo(Status.FAILED);
      assertThat(OnlineDdl.findings("mariadb", runs))
          .extracting(f -> f.rule())
          .containsExactly("TR101");
    }
    try (Connection root = java.sql.DriverManager.getConnection(server.adminUrl());
        Statement st = root.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                    + database
                    + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the throwaway database is gone").isZero();
    }
  }
}
