package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.testing.Cli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden snapshot --url} never waits for production forever: a server that accepts the connection and never
 * answers, and a table locked by someone else, each end at the configured limit with one line naming the host and
 * the setting to raise.
 */
class ProductionTimeoutsTest {
  private static TestPostgres pg;
  @TempDir Path tmp;
  private ServerSocket silent;

  @BeforeAll
  static void postgres() {
    pg = new TestPostgres();
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  /** Accepts every connection and never sends a byte: a hung server, a black-holing proxy. */
  @BeforeEach
  void silent_server() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread t =
        new Thread(
            () -> {
              while (!silent.isClosed()) {
                try {
                  accepted.add(silent.accept());
                } catch (IOException e) {
                  return;
                }
              }
            },
            "silent-server");
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void close() throws IOException {
    silent.close();
    for (Socket s : accepted) {
      s.close();
    }
  }

  private String silentUrl() {
    return "jdbc:postgresql://127.0.0.1:"
        + silent.getLocalPort()
        + "/shop?user=snap&password=hunter2";
  }

  @Test
  void snapshot_of_a_silent_server_stops_at_the_connect_timeout_with_one_line_naming_the_host() {
    Path out = tmp.resolve("prod.json");
    long t0 = System.nanoTime();
    Cli.Run run =
        Cli.run(
            "snapshot",
            "--url",
            silentUrl(),
            "--connect-timeout",
            "2s",
            "--output",
            out.toString());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(elapsed)
        .as("stopped at the 2 s limit, not the default or never")
        .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
    assertThat(accepted).as("the server did accept: only the answer was missing").isNotEmpty();
    assertThat(run.err().strip().lines()).as("one line: " + run.err()).hasSize(1);
    assertThat(run.err())
        .as("names the host and the setting to raise")
        .contains("127.0.0.1:" + silent.getLocalPort())
        .contains("connect timeout of 2 s")
        .contains("WARDEN_PG_CONNECT_TIMEOUT")
        .contains("--connect-timeout")
        .as("never the password or the URL's query")
        .doesNotContain("hunter2")
        .doesNotContain("user=snap");
    assertThat(out).as("nothing written").doesNotExist();
  }

  @Test
  void a_hostile_timeout_value_is_a_usage_error_naming_the_flag() {
    Cli.Run run =
        Cli.run(
            "snapshot",
            "--url",
            silentUrl(),
            "--connect-timeout",
            "2s; DROP TABLE x",
            "--output",
            tmp.resolve("x.json").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("--connect-timeout").contains("is not a duration");
    assertThat(accepted).as("refused before connecting").isEmpty();
  }

  @Test
  void a_socket_timeout_not_longer_than_the_statement_timeout_is_refused_with_the_fix() {
    Cli.Run run =
        Cli.run(
            "snapshot",
            "--url",
            silentUrl(),
            "--statement-timeout",
            "60s",
            "--socket-timeout",
            "30s",
            "--output",
            tmp.resolve("x.json").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("must be longer than the statement timeout")
        .contains("--socket-timeout");
  }

  @Test
  void snapshot_from_a_server_that_goes_silent_after_login_stops_at_the_socket_timeout()
      throws Exception {
    try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      String url = pg.newDatabase("silent");
      Thread t = new Thread(() -> freezeOnSnapshot(proxy, pg.port()), "freezing-proxy");
      t.setDaemon(true);
      t.start();
      String viaProxy = url.replace("localhost:" + pg.port(), "127.0.0.1:" + proxy.getLocalPort());
      long t0 = System.nanoTime();
      Cli.Run run =
          Cli.run(
              "snapshot",
              "--url",
              viaProxy,
              "--statement-timeout",
              "1s",
              "--socket-timeout",
              "2s",
              "--output",
              tmp.resolve("prod.json").toString());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(elapsed).as("the 2 s read timeout, not forever").isLessThan(Duration.ofSeconds(8));
      assertThat(run.err().strip().lines()).as("one line: " + run.err()).hasSize(1);
      assertThat(run.err())
          .contains("127.0.0.1:" + proxy.getLocalPort())
          .contains("did not answer within the socket timeout of 2 s")
          .contains("--socket-timeout");
    }
  }

  /**
   * Forwards one connection to PostgreSQL until the client sends the snapshot's first query, then forwards
   * nothing more either way: login succeeded, and the server went silent.
   */
  private void freezeOnSnapshot(ServerSocket proxy, int port) {
    try (Socket client = proxy.accept();
        Socket server = new Socket("127.0.0.1", port)) {
      accepted.add(client);
      java.util.concurrent.atomic.AtomicBoolean frozen =
          new java.util.concurrent.atomic.AtomicBoolean();
      Thread down = new Thread(() -> pump(server, client, frozen, false));
      down.setDaemon(true);
      down.start();
      pump(client, server, frozen, true);
    } catch (IOException e) {
      // the test is over
    }
  }

  private static void pump(
      Socket from, Socket to, java.util.concurrent.atomic.AtomicBoolean frozen, boolean watch) {
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = from.getInputStream().read(buf)) > 0) {
        if (watch
            && new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("transaction_timestamp")) {
          frozen.set(true);
        }
        if (!frozen.get()) {
          to.getOutputStream().write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // a side closed
    }
  }

  @Test
  void snapshot_blocked_by_a_lock_stops_at_the_lock_timeout() throws Exception {
    String url = pg.newDatabase("locked");
    TestPostgres.exec(pg.dataSource(url), "CREATE TABLE public.orders (id bigint PRIMARY KEY)");
    try (Connection holder = pg.dataSource(url).getConnection();
        Statement st = holder.createStatement()) {
      holder.setAutoCommit(false);
      st.execute("LOCK TABLE public.orders IN ACCESS EXCLUSIVE MODE");
      long t0 = System.nanoTime();
      Cli.Run run =
          Cli.run(
              "snapshot",
              "--url",
              url,
              "--lock-timeout",
              "1s",
              "--output",
              tmp.resolve("prod.json").toString());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(elapsed)
          .as("the statistics query waited 1 s for the lock, not 60 s")
          .isLessThan(Duration.ofSeconds(10));
      assertThat(run.err().strip().lines()).as("one line: " + run.err()).hasSize(1);
      assertThat(run.err())
          .contains("lock timeout of 1 s")
          .contains("--lock-timeout")
          .contains("localhost:" + pg.port());
      holder.rollback();
    }
    Cli.Run ok =
        Cli.run(
            "snapshot",
            "--url",
            url,
            "--lock-timeout",
            "1s",
            "--output",
            tmp.resolve("prod.json").toString());
    assertThat(ok.exitCode()).as("the same snapshot once the lock is gone: " + ok).isZero();
    assertThat(Files.readString(tmp.resolve("prod.json"))).contains("orders");
  }
}
