package dev.schemawarden.replica.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.LocalPostgres;
import dev.schemawarden.replica.api.LocalPostgresSettings;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scratch server shared by concurrent reviews of one provider and of two providers (two processes, as far as
 * the server can tell: separate caches, separate sessions): every trace succeeds and gives the same result, one
 * template is built per schema, and a build that fails or crashes poisons nothing.
 */
class SharedReplicaServerTest {
  private static final String TRACED =
      "ALTER TABLE public.orders ADD COLUMN c9 float8 DEFAULT random()";

  static Path base;
  static LocalPostgres server;

  @BeforeAll
  static void start() throws IOException {
    base = Files.createTempDirectory("warden-shared-replica-");
    // the server may run as an unprivileged OS user, which must pass through to its data directory
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    server =
        LocalPostgres.start(
            LocalPostgresSettings.scratch(base.resolve("data"))
                .withServerConfig("fsync", "off")
                .withServerConfig("max_connections", "150"));
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    try (Stream<Path> files = Files.walk(base)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  @Test
  void three_concurrent_reviews_on_one_server_provider_all_trace_the_same() throws Exception {
    SchemaSource schema = freshSchema();
    try (ReplicaProvider provider = serverProvider()) {
      List<List<TracedStatement>> results = concurrently(schema, 3, i -> provider);
      assertThat(results)
          .as("every review traced (no fallback) and saw the same effects")
          .hasSize(3)
          .allSatisfy(r -> assertThat(r).isEqualTo(results.get(0)));
      assertThat(results.get(0).get(0).status())
          .as("the statement ran on the replica")
          .isEqualTo(TraceResult.Status.OK);
      assertThat(results.get(0).get(0).rewrote("public.orders"))
          .as("the trace observed the rewrite")
          .isTrue();
      assertThat(
              count(
                  "SELECT count(*) FROM pg_database WHERE datname LIKE '"
                      + ClusterLocks.templatePrefix(schema.hash()).replace("_", "\\_")
                      + "%'"))
          .as("one template for the schema, not one per review")
          .isEqualTo(1);
    }
  }

  @Test
  void two_providers_sharing_a_server_build_each_template_once_and_trace_the_same()
      throws Exception {
    SchemaSource first = freshSchema();
    SchemaSource second = freshSchema(); // another hash naming the same production roles
    try (ReplicaProvider a = serverProvider();
        ReplicaProvider b = serverProvider()) {
      List<List<TracedStatement>> one = new ArrayList<>();
      List<List<TracedStatement>> two = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<List<List<TracedStatement>>> f1 =
            pool.submit(() -> concurrently(first, 4, i -> i % 2 == 0 ? a : b));
        Future<List<List<TracedStatement>>> f2 =
            pool.submit(() -> concurrently(second, 2, i -> i % 2 == 0 ? b : a));
        one.addAll(f1.get(5, TimeUnit.MINUTES));
        two.addAll(f2.get(5, TimeUnit.MINUTES));
      } finally {
        pool.shutdownNow();
      }
      assertThat(one)
          .as("four reviews across two providers")
          .hasSize(4)
          .allSatisfy(r -> assertThat(r).isEqualTo(one.get(0)));
      assertThat(two)
          .allSatisfy(
              r ->
                  assertThat(r).as("same result whatever the schema's hash").isEqualTo(one.get(0)));
      for (SchemaSource s : List.of(first, second)) {
        assertThat(
                count(
                    "SELECT count(*) FROM pg_database WHERE datname LIKE '"
                        + ClusterLocks.templatePrefix(s.hash()).replace("_", "\\_")
                        + "%'"))
            .as("one template per schema hash")
            .isEqualTo(1);
      }
      assertThat(count("SELECT count(*) FROM pg_database WHERE datname LIKE 'warden\\_b\\_%'"))
          .as("no build left behind")
          .isZero();
    }
  }

  @Test
  void a_build_held_by_another_review_is_waited_for_within_the_bound_and_the_failure_is_not_cached()
      throws Exception {
    SchemaSource schema = freshSchema();
    ReplicaCluster cluster =
        new ReplicaCluster(
            this::connect,
            "postgres",
            server.superuserProperties(),
            ReplicaSettings.defaults(),
            Duration.ofSeconds(2));
    try (Connection other = admin()) {
      ClusterLocks.lock(
          other, ClusterLocks.key(schema.hash()), false, Duration.ofSeconds(5), "test");
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> cluster.create(schema))
          .as("another session (process) is building this template: wait, bounded, then say so")
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("waited 2 s for another review");
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .as("gave up at the bound")
          .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
      ClusterLocks.unlock(other, ClusterLocks.key(schema.hash()), false);
    }
    try (Replica replica = cluster.create(schema)) {
      assertThat(trace(replica).get(0).status())
          .as("the next attempt builds: nothing cached the failure")
          .isEqualTo(TraceResult.Status.OK);
    } finally {
      cluster.closeAll();
    }
  }

  @Test
  void a_hostile_schema_that_fails_to_build_leaves_nothing_and_fails_the_same_way_again() {
    SchemaSource hostile =
        new SchemaSource.SqlDump(
            "CREATE TABLE t (id int);\n"
                + "COPY t TO PROGRAM 'touch /tmp/warden-pwned-"
                + System.nanoTime()
                + "';\n");
    try (ReplicaProvider provider = serverProvider()) {
      String first = messageOf(() -> provider.create(hostile));
      String again = messageOf(() -> provider.create(hostile));
      assertThat(again)
          .as("a failed build is not cached: the retry builds and fails for its own reason")
          .isEqualTo(first)
          .contains("permission denied");
      assertThat(count("SELECT count(*) FROM pg_database WHERE datname LIKE 'warden\\_b\\_%'"))
          .as("the half-built database is dropped")
          .isZero();
      try (Replica replica = provider.create(freshSchema())) {
        assertThat(trace(replica).get(0).status())
            .as("other schemas still build")
            .isEqualTo(TraceResult.Status.OK);
      }
    }
  }

  @Test
  void a_build_a_crash_left_half_done_is_swept_only_when_no_session_holds_its_lock()
      throws Exception {
    SchemaSource schema = freshSchema();
    String crashed = ClusterLocks.buildPrefix(schema.hash()) + Instant.now().getEpochSecond();
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + crashed);
      st.execute("CREATE DATABASE " + crashed);
    }
    try (Connection builder = admin()) {
      ClusterLocks.lock(
          builder, ClusterLocks.key(schema.hash()), false, Duration.ofSeconds(5), "test");
      serverProvider().close();
      assertThat(count("SELECT count(*) FROM pg_database WHERE datname = '" + crashed + "'"))
          .as("a live session holds its lock: a build in progress, kept")
          .isEqualTo(1);
    }
    serverProvider().close();
    assertThat(count("SELECT count(*) FROM pg_database WHERE datname = '" + crashed + "'"))
        .as("its builder is gone (lock free): dropped although it is seconds old")
        .isZero();
    assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = '" + crashed + "'")).isZero();
  }

  @Test
  void a_leftover_build_of_the_same_name_does_not_stop_the_next_build() {
    SchemaSource schema = freshSchema();
    String crashed = ClusterLocks.buildPrefix(schema.hash()) + Instant.now().getEpochSecond();
    try (ReplicaProvider provider = serverProvider()) {
      try (Connection c = admin();
          Statement st = c.createStatement()) {
        // after the provider's start-up sweep: only the build itself can find it
        st.execute("CREATE ROLE " + crashed);
        st.execute("CREATE DATABASE " + crashed);
      }
      try (Replica replica = provider.create(schema)) {
        assertThat(trace(replica).get(0).status()).isEqualTo(TraceResult.Status.OK);
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  private interface Pick {
    ReplicaProvider provider(int review);
  }

  /** {@code reviews} reviews of {@code schema} started at once, each on the provider {@code pick} names. */
  private List<List<TracedStatement>> concurrently(SchemaSource schema, int reviews, Pick pick)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(reviews);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<List<TracedStatement>>> futures = new ArrayList<>();
      for (int i = 0; i < reviews; i++) {
        ReplicaProvider provider = pick.provider(i);
        Callable<List<TracedStatement>> review =
            () -> {
              go.await();
              try (Replica replica = provider.create(schema)) {
                return trace(replica);
              }
            };
        futures.add(pool.submit(review));
      }
      go.countDown();
      List<List<TracedStatement>> out = new ArrayList<>();
      for (Future<List<TracedStatement>> f : futures) {
        out.add(f.get(5, TimeUnit.MINUTES));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The traced statements without their durations, which differ from run to run. */
  private static List<TracedStatement> trace(Replica replica) {
    TraceResult result =
        LockTracer.postgres()
            .trace(
                replica.connections(),
                List.of(
                    Replicas.migration(
                        true, TRACED, "CREATE INDEX orders_amount_idx ON public.orders (amount)")),
                TraceOptions.defaults());
    return result.statements().stream()
        .map(
            s ->
                new TracedStatement(
                    s.path(),
                    s.statement(),
                    s.status(),
                    new StatementEffects(
                        s.effects().source(),
                        s.effects().locks(),
                        s.effects().rewrites(),
                        s.effects().scans(),
                        Optional.empty(),
                        s.effects().error(),
                        s.effects().impact()),
                    s.sqlState(),
                    s.heldLocks(),
                    s.lockTimeout(),
                    s.inTransaction(),
                    s.createdObjects(),
                    s.droppedObjects()))
        .toList();
  }

  /** The shop schema under a hash no other test used: its template does not exist yet. */
  private static SchemaSource freshSchema() {
    SchemaSource.SqlDump shop = (SchemaSource.SqlDump) Replicas.shopSchema();
    return new SchemaSource.SqlDump(shop.sql() + "\n-- variant " + System.nanoTime() + "\n");
  }

  private ReplicaProvider serverProvider() {
    return ReplicaProvider.server(
        server.jdbcUrl("postgres"),
        LocalPostgres.SUPERUSER,
        server.superuserPassword(),
        "jdbc:postgresql://db.prod/app",
        ReplicaSettings.defaults());
  }

  private Connection connect(String database, java.util.Properties props) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(database), props);
  }

  private Connection admin() throws SQLException {
    return connect("postgres", server.superuserProperties());
  }

  private long count(String sql) {
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      return Long.parseLong(AbstractReplicaSandboxTest.query(st, sql));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static String messageOf(Runnable r) {
    try {
      r.run();
    } catch (WardenException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected the build to fail");
  }
}
