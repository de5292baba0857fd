package dev.schemawarden.drift.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.OnlineDdl.Run;
import dev.schemawarden.analyzers.api.OnlineDdl.Status;
import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.internal.snapshot.SnapshotJson;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.MysqlReplicaProvider.MysqlReplica;
import dev.schemawarden.replica.api.MysqlReplicaProvider.Pool;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's pool of spare sandboxes on the real embedded MariaDB ({@link SharedMariadb}): a spare is what a fresh
 * replay of the same history gives (schema, replay failures, the user's rights), is never handed to another history
 * or to two reviews, is never taken when its build did not end cleanly, and its review budget starts at take.
 */
class MysqlSparePoolTest {
  private static final Duration BUDGET = Duration.ofSeconds(5);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static EmbeddedMariadb server;

  @BeforeAll
  static void start() throws Exception {
    server = SharedMariadb.get();
  }

  private static MysqlReplicaProvider provider(ReplicaSettings settings, Pool pool) {
    return MysqlReplicaProvider.server("mariadb", server.adminUrl(), settings, pool);
  }

  private static MysqlReplicaProvider provider() {
    return provider(ReplicaSettings.defaults(), new Pool(1, 2, Duration.ofMinutes(1)));
  }

  /** Parsed anew each call: a taker's statements are other objects than the builder's. */
  private static List<Migration> history(String... files) {
    List<Migration> out = new ArrayList<>();
    for (int i = 0; i < files.length; i++) {
      String file = "V" + (i + 1) + "__m.sql";
      String path = "db/migration/" + file;
      out.add(
          new Migration(
              path,
              MigrationTool.FLYWAY,
              Migration.Kind.VERSIONED,
              Optional.of("" + (i + 1)),
              file,
              false,
              Engines.forName("mariadb").parser().parse(path, files[i]).statements(),
              List.of()));
    }
    return out;
  }

  private static final String BASE =
      """
      CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(40));
      CREATE VIEW v AS SELECT id, name FROM t;
      INSERT INTO t VALUES (1, 'a');
      """;

  /** Attacker SQL in the history: the build runs it as the spare's own unprivileged user, as a review would. */
  private static final String HOSTILE =
      """
      ALTER TABLE missing ADD COLUMN c INT;
      SELECT * FROM mysql.user;
      CREATE DATABASE warden_pool_escape;
      CREATE TABLE u (id INT PRIMARY KEY, t_id BIGINT, CONSTRAINT u_t FOREIGN KEY (t_id) REFERENCES t (id));
      """;

  /** The snapshot with the sandbox's random suffix (its database's and its user's, a view's owner) taken out. */
  private static String schema(MysqlReplica r) {
    String suffix = r.database().substring("warden_r_".length());
    return SnapshotJson.write(snapshot(r).structure()).replace(suffix, "<id>");
  }

  /** The sandbox database read as drift reads the expected schema: over the sandbox user's own connection. */
  private static SchemaSnapshot snapshot(MysqlReplica r) {
    return r.read(c -> MysqlIntrospector.take(c, new SnapshotOptions(List.of(), false)));
  }

  /** Each failure as the review reports it, less what differs between any two sandboxes (session, database). */
  private static List<String> failures(MysqlReplica r) {
    return r.replayFailures().stream()
        .map(
            f ->
                f.statement().line()
                    + " "
                    + f.status()
                    + " "
                    + f.error()
                        .orElseThrow()
                        .replace(r.database(), "<db>")
                        .replaceAll("\\(conn=\\d+\\) ", ""))
        .toList();
  }

  @Test
  void a_spare_gives_what_a_fresh_replay_gives_schema_failures_and_a_user_of_its_own_database()
      throws Exception {
    try (MysqlReplicaProvider provider = provider()) {
      String freshSchema;
      List<String> freshFailures;
      try (MysqlReplica fresh = provider.replayed(history(BASE, HOSTILE), BUDGET)) {
        assertThat(fresh.pooled()).as("nothing built yet: the first review replays").isFalse();
        freshSchema = schema(fresh);
        freshFailures = failures(fresh);
      }
      assertThat(provider.awaitSpares(WAIT)).isTrue();
      assertThat(provider.spares()).as("a spare was built after the first take").isEqualTo(1);

      List<Migration> again = history(BASE, HOSTILE);
      try (MysqlReplica spare = provider.replayed(again, BUDGET)) {
        assertThat(spare.pooled()).as("the same history: the spare").isTrue();
        assertThat(schema(spare)).as("the same schema as the fresh replay").isEqualTo(freshSchema);
        assertThat(failures(spare))
            .as("the same replay failures, reported the same way")
            .isEqualTo(freshFailures)
            .hasSize(3);
        assertThat(spare.replayFailures())
            .extracting(Run::status)
            .containsExactly(Status.FAILED, Status.REFUSED, Status.REFUSED);
        assertThat(spare.replayFailures().get(0).statement())
            .as("reported on the taker's own statement")
            .isSameAs(again.get(1).statements().get(0));
        List<Run> traced = spare.trace(history("ALTER TABLE t ADD COLUMN c INT; SELECT * FROM v;"));
        assertThat(traced)
            .extracting(Run::status)
            .as("the change traces on the spare")
            .containsExactly(Status.OK, Status.OK);
        assertThat(grants(spare.database()))
            .as("the spare's user: its own database and nothing else")
            .containsExactly("USAGE on *.*", "ALL PRIVILEGES on " + spare.database());
      }
      assertThat(databases("warden_pool_escape"))
          .as("the build ran no server-level statement")
          .isZero();
    }
  }

  @Test
  void a_history_that_differs_by_one_statement_never_gets_the_others_spare() throws Exception {
    try (MysqlReplicaProvider provider = provider()) {
      provider.replayed(history(BASE, "CREATE TABLE a (id INT);"), BUDGET).close();
      assertThat(provider.awaitSpares(WAIT)).isTrue();

      try (MysqlReplica b = provider.replayed(history(BASE, "CREATE TABLE b (id INT);"), BUDGET)) {
        assertThat(b.pooled()).as("history B: A's spare is not B's").isFalse();
        assertThat(snapshot(b).tables())
            .extracting(t -> t.name())
            .contains("b")
            .doesNotContain("a");
      }
      assertThat(provider.awaitSpares(WAIT)).isTrue();
      try (MysqlReplica a = provider.replayed(history(BASE, "CREATE TABLE a (id INT);"), BUDGET)) {
        assertThat(a.pooled()).as("history A still has its own spare").isTrue();
        assertThat(snapshot(a).tables())
            .extracting(t -> t.name())
            .contains("a")
            .doesNotContain("b");
      }
      try (MysqlReplica other =
          provider.replayed(history(BASE, "CREATE TABLE a (id INT);"), Duration.ofSeconds(7))) {
        assertThat(other.pooled()).as("another statement budget is another key").isFalse();
      }
    }
  }

  @Test
  void concurrent_takes_of_one_history_never_share_a_database() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (MysqlReplicaProvider provider =
        provider(ReplicaSettings.defaults(), new Pool(2, 1, Duration.ofMinutes(1)))) {
      provider.replayed(history(BASE), BUDGET).close();
      assertThat(provider.awaitSpares(WAIT)).isTrue();
      assertThat(provider.spares()).as("two spares, built one after the other").isEqualTo(2);

      List<Callable<MysqlReplica>> takes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        takes.add(() -> provider.replayed(history(BASE), BUDGET));
      }
      List<MysqlReplica> taken = new ArrayList<>();
      for (Future<MysqlReplica> f : pool.invokeAll(takes)) {
        taken.add(f.get());
      }
      try {
        assertThat(taken)
            .extracting(MysqlReplica::database)
            .as("four reviews, four databases")
            .doesNotHaveDuplicates();
        assertThat(taken)
            .filteredOn(MysqlReplica::pooled)
            .as(
                "both spares were handed out (a later take may also wait for the build the first take started)")
            .hasSizeGreaterThanOrEqualTo(2);
      } finally {
        taken.forEach(MysqlReplica::close);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_spares_review_budget_starts_when_it_is_taken() throws Exception {
    ReplicaSettings oneSecond = ReplicaSettings.defaults().withReviewBudget(Duration.ofSeconds(1));
    try (MysqlReplicaProvider provider =
        provider(oneSecond, new Pool(1, 1, Duration.ofMinutes(1)))) {
      provider.replayed(history(BASE), BUDGET).close();
      assertThat(provider.awaitSpares(WAIT)).isTrue();
      Thread.sleep(1500);
      try (MysqlReplica spare = provider.replayed(history(BASE), BUDGET)) {
        assertThat(spare.pooled()).isTrue();
        assertThat(spare.trace(history("ALTER TABLE t ADD COLUMN c INT;")))
            .extracting(Run::status)
            .as("built 1.5 s ago with a 1 s review budget: the budget counts from the take")
            .containsExactly(Status.OK);
      }
    }
  }

  /** A build that lost its session half-way recorded the rest as failed: that is not the history's doing. */
  @Test
  void a_build_killed_half_way_is_never_taken() throws Exception {
    String slow = "CREATE TABLE a (id INT);\nDO SLEEP(1.5);\nCREATE TABLE b (id INT);";
    try (MysqlReplicaProvider provider = provider();
        Connection root = DriverManager.getConnection(server.adminUrl())) {
      provider.replayed(history(slow), BUDGET).close();
      long build = 0;
      for (int i = 0; i < 100 && build == 0; i++) {
        build = sleeper(root);
        Thread.sleep(20);
      }
      assertThat(build).as("the spare's build is under way").isPositive();
      exec(root, "KILL CONNECTION " + build);
      assertThat(provider.awaitSpares(WAIT)).isTrue();
      assertThat(provider.spares()).as("the half-built spare was dropped").isZero();

      try (MysqlReplica r = provider.replayed(history(slow), BUDGET)) {
        assertThat(r.pooled()).isFalse();
        assertThat(r.replayFailures()).as("a fresh replay: nothing failed").isEmpty();
        assertThat(snapshot(r).tables()).extracting(t -> t.name()).contains("a", "b");
      }
    }
  }

  /** What a server restart does to a waiting spare: its sessions are gone. The take notices and replays. */
  @Test
  void a_spare_whose_session_died_while_it_waited_is_dropped_at_take() throws Exception {
    try (MysqlReplicaProvider provider = provider();
        Connection root = DriverManager.getConnection(server.adminUrl())) {
      provider.replayed(history(BASE), BUDGET).close();
      assertThat(provider.awaitSpares(WAIT)).isTrue();
      assertThat(provider.spares()).isEqualTo(1);
      try (Statement st = root.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT ID FROM"
                      + " information_schema.PROCESSLIST WHERE USER LIKE 'warden_u_%'")) {
        List<Long> sessions = new ArrayList<>();
        while (rs.next()) {
          sessions.add(rs.getLong(1));
        }
        assertThat(sessions).as("the spare's own session waits").hasSize(1);
        exec(root, "KILL CONNECTION " + sessions.get(0));
      }
      try (MysqlReplica r = provider.replayed(history(BASE), BUDGET)) {
        assertThat(r.pooled()).as("the dead spare was not handed out").isFalse();
        assertThat(r.trace(history("ALTER TABLE t ADD COLUMN c INT;")))
            .extracting(Run::status)
            .containsExactly(Status.OK);
      }
    }
  }

  /** A timed-out statement depends on the budget and the load, not the history alone: a fresh replay decides. */
  @Test
  void a_history_that_times_out_is_never_pooled() throws Exception {
    try (MysqlReplicaProvider provider = provider()) {
      String slow = "CREATE TABLE a (id INT);\nSELECT SLEEP(5);";
      try (MysqlReplica r = provider.replayed(history(slow), Duration.ofMillis(500))) {
        assertThat(r.replayFailures()).extracting(Run::status).containsExactly(Status.TIMED_OUT);
      }
      assertThat(provider.awaitSpares(WAIT)).isTrue();
      assertThat(provider.spares()).as("no build for a history whose replay timed out").isZero();
    }
  }

  /** Dynamic SQL gets CREATE EVENT past the text filter; the user's EVENT privilege on its database lets it. */
  @Test
  void a_history_that_leaves_an_event_is_never_pooled() throws Exception {
    String event =
        """
        CREATE TABLE a (id INT);
        SET @s = CONCAT('CREATE EV', 'ENT e ON SCHEDULE EVERY 1 HOUR DO INSERT INTO a VALUES (1)');
        PREPARE st FROM @s;
        EXECUTE st;
        """;
    try (MysqlReplicaProvider provider = provider()) {
      try (MysqlReplica r = provider.replayed(history(event), BUDGET)) {
        assertThat(r.replayFailures()).as("the event was created past the filter").isEmpty();
      }
      assertThat(provider.awaitSpares(WAIT)).isTrue();
      assertThat(provider.spares())
          .as("a spare with an event would run it while it waits")
          .isZero();
      try (MysqlReplica r = provider.replayed(history(event), BUDGET)) {
        assertThat(r.pooled()).isFalse();
      }
    }
  }

  private static void exec(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long sleeper(Connection root) throws Exception {
    try (Statement st = root.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT ID FROM"
                    + " information_schema.PROCESSLIST WHERE USER LIKE 'warden_u_%' AND INFO LIKE 'DO SLEEP%'")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static int databases(String name) throws Exception {
    try (Connection root = DriverManager.getConnection(server.adminUrl());
        Statement st = root.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                    + name
                    + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Every privilege of the user that holds {@code database}, as "PRIVILEGE on scope". */
  private static List<String> grants(String database) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection root = DriverManager.getConnection(server.adminUrl());
        Statement st = root.createStatement()) {
      String grantee;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT DISTINCT GRANTEE FROM information_schema.SCHEMA_PRIVILEGES"
                  + " WHERE TABLE_SCHEMA = '"
                  + database
                  + "'")) {
        assertThat(rs.next()).as("a user holds the spare's database").isTrue();
        grantee = rs.getString(1);
        assertThat(rs.next()).as("one user only").isFalse();
      }
      String g = grantee.replace("'", "''");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES"
                  + " WHERE GRANTEE = '"
                  + g
                  + "'")) {
        while (rs.next()) {
          out.add(rs.getString(1) + " on *.*");
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT DISTINCT TABLE_SCHEMA FROM information_schema.SCHEMA_PRIVILEGES"
                  + " WHERE GRANTEE = '"
                  + g
                  + "'")) {
        while (rs.next()) {
          out.add("ALL PRIVILEGES on " + rs.getString(1));
        }
      }
    }
    return out;
  }
}
