package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.Snapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the review's snapshot comes from: a file, a path in the repository, a URL (real HTTP on localhost). */
class SnapshotLoaderTest {
  private static final Instant TAKEN = Instant.parse("2025-06-01T08:00:00Z");
  private static final String SNAPSHOT =
      Snapshots.toJson(
          new SchemaSnapshot(
              1,
              TAKEN,
              new SchemaSnapshot.Server("16.4", 160004, Map.of()),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              SchemaSnapshot.Statistics.NONE,
              List.of(),
              List.of()));

  @TempDir Path tmp;
  private HttpServer http;
  private final AtomicReference<String> authorization = new AtomicReference<>();

  @BeforeEach
  void serve() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/prod.json",
        ex -> {
          authorization.set(ex.getRequestHeaders().getFirst("Authorization"));
          respond(ex, 200, SNAPSHOT.getBytes(StandardCharsets.UTF_8));
        });
    http.createContext("/big.json", ex -> respond(ex, 200, new byte[4096]));
    http.createContext("/gone.json", ex -> respond(ex, 404, new byte[0]));
    http.start();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body)
      throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(body);
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + path;
  }

  private static WardenConfig config(WardenConfig.SnapshotConfig snapshot) {
    return WardenConfig.defaults().withSnapshot(snapshot);
  }

  private static WardenConfig.SnapshotConfig fromUrl(String url) {
    return new WardenConfig.SnapshotConfig(Optional.empty(), Optional.of(url), Optional.empty());
  }

  private SnapshotLoader loader(long maxBytes, Map<String, String> env) {
    return new SnapshotLoader(Duration.ofSeconds(5), maxBytes, env::get);
  }

  @Test
  void a_url_is_fetched_with_the_token_and_named_without_its_query() {
    SnapshotLoader.Loaded l =
        loader(1 << 20, Map.of("WARDEN_SNAPSHOT_TOKEN", "s3cret"))
            .load(config(fromUrl(url("/prod.json?sig=abc"))), Optional.empty(), () -> tmp, tmp)
            .orElseThrow();

    assertThat(l.snapshot().takenAt()).isEqualTo(TAKEN);
    assertThat(authorization.get()).isEqualTo("Bearer s3cret");
    assertThat(l.origin()).as("a signed URL's query is a secret").isEqualTo(url("/prod.json"));
    assertThat(l.anchor())
        .as("findings about a fetched snapshot point at the config")
        .isEqualTo(".schemawarden.yml");
  }

  @Test
  void a_response_over_the_size_limit_or_not_200_is_an_error_naming_the_url() {
    assertThatThrownBy(
            () ->
                loader(1024, Map.of())
                    .load(config(fromUrl(url("/big.json"))), Optional.empty(), () -> tmp, tmp))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("big.json is larger than");
    assertThatThrownBy(
            () ->
                loader(1024, Map.of())
                    .load(config(fromUrl(url("/gone.json"))), Optional.empty(), () -> tmp, tmp))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("gone.json answered HTTP 404");
  }

  @Test
  void a_schema_only_sql_dump_in_snapshot_path_feeds_the_trace_but_gives_no_drift_snapshot()
      throws IOException {
    Files.writeString(tmp.resolve("prod.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
    WardenConfig c =
        config(
            new WardenConfig.SnapshotConfig(
                Optional.of("prod.sql"), Optional.empty(), Optional.empty()));

    assertThat(loader(1024, Map.of()).load(c, Optional.empty(), () -> tmp, tmp))
        .as("not read as JSON, not an error")
        .isEmpty();
  }

  @Test
  void the_pull_request_cannot_supply_or_replace_the_snapshot() throws IOException {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Path head = Files.createDirectories(tmp.resolve("head"));
    Files.writeString(head.resolve("prod.json"), SNAPSHOT.replace("\"orders\"", "\"forged\""));
    WardenConfig c =
        config(
            new WardenConfig.SnapshotConfig(
                Optional.of("prod.json"), Optional.empty(), Optional.empty()));

    assertThat(loader(1 << 20, Map.of()).load(c, Optional.empty(), () -> base, head))
        .as("a snapshot only the head has is ignored until merged")
        .isEmpty();

    Files.writeString(base.resolve("prod.json"), SNAPSHOT);
    SnapshotLoader.Loaded loaded =
        loader(1 << 20, Map.of()).load(c, Optional.empty(), () -> base, head).orElseThrow();
    assertThat(Snapshots.toJson(loaded.snapshot()))
        .as("the base side's file, not the head's")
        .isEqualTo(Snapshots.toJson(Snapshots.fromJson(SNAPSHOT)));
  }

  @Test
  void a_live_snapshot_from_a_silent_server_stops_at_the_connect_timeout_with_one_line()
      throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // and never answer
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      int port = silent.getLocalPort();
      Map<String, String> env =
          Map.of(
              "PROD_RO_URL",
              "jdbc:postgresql://127.0.0.1:" + port + "/shop?password=hunter2",
              "WARDEN_PG_CONNECT_TIMEOUT",
              "2s");
      WardenConfig c =
          config(
              new WardenConfig.SnapshotConfig(
                  Optional.empty(), Optional.empty(), Optional.of("PROD_RO_URL")));
      long t0 = System.nanoTime();

      assertThatThrownBy(() -> loader(1024, env).load(c, Optional.empty(), () -> tmp, tmp))
          .isInstanceOf(WardenException.class)
          .satisfies(e -> assertThat(e.getMessage().lines()).as("one line").hasSize(1))
          .hasMessageContaining("$PROD_RO_URL")
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("connect timeout of 2 s")
          .hasMessageContaining("WARDEN_PG_CONNECT_TIMEOUT")
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .as("never the URL's secrets")
                      .doesNotContain("hunter2"));
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .as("the configured 2 s, not forever")
          .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
      assertThat(held).as("the connection was accepted: only the answer never came").isNotEmpty();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void an_unset_env_variable_is_a_config_error_that_names_the_variable() {
    WardenConfig c =
        config(
            new WardenConfig.SnapshotConfig(
                Optional.empty(), Optional.empty(), Optional.of("PROD_RO_URL")));

    assertThatThrownBy(() -> loader(1024, Map.of()).load(c, Optional.empty(), () -> tmp, tmp))
        .hasMessageContaining("snapshot.env PROD_RO_URL is not set");
  }

  @Test
  void a_repository_path_is_read_from_the_base_tree_and_the_option_wins_over_the_config()
      throws IOException {
    Files.writeString(tmp.resolve("prod.json"), SNAPSHOT);
    WardenConfig c =
        config(
            new WardenConfig.SnapshotConfig(
                Optional.of("prod.json"), Optional.empty(), Optional.empty(), Duration.ofHours(2)));

    SnapshotLoader.Loaded fromRepo =
        loader(1 << 20, Map.of()).load(c, Optional.empty(), () -> tmp, tmp).orElseThrow();
    SnapshotLoader.Loaded fromOption =
        loader(1 << 20, Map.of())
            .load(
                config(fromUrl(url("/gone.json"))),
                Optional.of(tmp.resolve("prod.json")),
                () -> tmp,
                tmp)
            .orElseThrow();

    assertThat(fromRepo.anchor()).isEqualTo("prod.json");
    assertThat(fromRepo.maxAge()).isEqualTo(Duration.ofHours(2));
    assertThat(fromOption.snapshot().takenAt())
        .as("--snapshot is used, the URL is not fetched")
        .isEqualTo(TAKEN);
  }

  @Test
  void
      the_drift_stage_gives_the_snapshots_server_version_and_age_and_a_bad_config_source_does_not_throw() {
    SnapshotDrift stage =
        new SnapshotDrift(
            new ReplicaHolder(
                () -> {
                  throw new AssertionError("no replica is needed to open a run");
                }),
            SnapshotDrift.Settings.defaults()
                .withCacheDir(tmp)
                .withClock(Clock.fixed(TAKEN.plus(Duration.ofHours(30)), ZoneOffset.UTC)));
    DriftCheck.DriftInputs inputs =
        new DriftCheck.DriftInputs(
            config(fromUrl(url("/prod.json"))),
            Optional.empty(),
            tmp,
            List::of,
            () -> tmp,
            List::of);

    DriftCheck.DriftRun run = stage.open(inputs).orElseThrow();
    DriftCheck.DriftRun broken =
        stage
            .open(
                new DriftCheck.DriftInputs(
                    config(fromUrl(url("/gone.json"))),
                    Optional.empty(),
                    tmp,
                    List::of,
                    () -> tmp,
                    List::of))
            .orElseThrow();

    assertThat(run.serverVersion()).contains(new ServerVersion(16, 4));
    assertThat(run.description()).contains("PostgreSQL 16.4").contains("30 h ago");
    assertThat(
            WardenConfig.defaults()
                .withDefaultEngineVersion(new ServerVersion(16, 4))
                .engineVersion())
        .as("an unset engine-version follows production")
        .isEqualTo(new ServerVersion(16, 4));
    assertThat(broken.check(List.of(), WardenConfig.defaults()).errors())
        .singleElement()
        .asString()
        .contains("drift not checked")
        .contains("HTTP 404");
  }
}
