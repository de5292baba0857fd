package dev.schemawarden.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.server.ServiceHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kill -9} of a real {@code warden serve} JVM, then a normal start on the same state directory: the server the
 * dead JVM left running is stopped, its directory reused, the queue kept, at the first try.
 */
@Timeout(180)
class ServeKilledTest {
  final Path base = Faults.openDirectory("warden-faults-serve-");
  final Path state = base.resolve("state");

  @AfterEach
  void clean() {
    Faults.deleteTree(base);
  }

  Map<String, String> env() {
    return Map.of(
        "WARDEN_STATE_DIR",
        state.toString(),
        "WARDEN_PORT",
        "0",
        "WARDEN_WORKERS",
        "1",
        "WARDEN_GITHUB_WEBHOOK_SECRET",
        ServiceHarness.SECRET,
        "WARDEN_GITHUB_TOKEN",
        ServiceHarness.TOKEN,
        // nothing listens there: the job stays in the queue, retried, which is all this test needs
        "WARDEN_GITHUB_API_URL",
        "http://127.0.0.1:9/api/v3");
  }

  @Test
  void a_restart_after_kill_9_succeeds_at_once_with_the_queue_intact_and_no_orphaned_postmaster()
      throws Exception {
    long orphan;
    try (ChildWarden first =
        ChildWarden.start(base.resolve("first.log"), env(), "serve", "--verbose")) {
      int port = first.awaitServing(Duration.ofSeconds(90));
      assertThat(
              ServiceHarness.deliver(
                      port, "pull_request", ServiceHarness.payload("pull_request.opened.json"))
                  .statusCode())
          .as(first.output())
          .isEqualTo(202);
      orphan = ChildWarden.postmasterPid(state);
      first.kill9();
    }
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
        .as("kill -9 leaves the postmaster running")
        .hasValue(true);

    long t0 = System.nanoTime();
    try (ChildWarden second =
        ChildWarden.start(base.resolve("second.log"), env(), "serve", "--verbose")) {
      int port = second.awaitServing(Duration.ofSeconds(60));
      Duration took = Faults.since(t0);

      assertThat(took)
          .as("second start, first try (%s):%n%s", took, second.output())
          .isLessThan(Duration.ofSeconds(15));
      assertThat(ServiceHarness.get(port, "/readyz").statusCode()).isEqualTo(200);
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
          .as("the dead JVM's postmaster was stopped")
          .isFalse();
      long current = ChildWarden.postmasterPid(state);
      assertThat(ChildWarden.postgresProcessesIn(state))
          .as("only the new server's processes work in the directory")
          .isNotEmpty()
          .allSatisfy(
              pid ->
                  assertThat(
                          ProcessHandle.of(pid)
                              .flatMap(ProcessHandle::parent)
                              .map(ProcessHandle::pid)
                              .orElse(-1L))
                      .isIn(current, -1L, second.pid()));
      assertThat(jobs(state)).as("the delivery's job survived").isEqualTo(1);
      System.out.printf(
          "FAULTS serve restart after kill -9: %d ms to 'serving'%n%s%n",
          took.toMillis(), second.output());
    }
    Faults.await(
        "no postgres left in " + state,
        Duration.ofSeconds(30),
        () -> ChildWarden.postgresProcessesIn(state).isEmpty());
  }

  /** Rows in the jobs table, read as the bot role with its stored password, on the port postmaster.pid names. */
  static long jobs(Path state) throws Exception {
    List<String> pidFile = Files.readAllLines(state.resolve("postmaster.pid"));
    String password =
        Files.readString(state.resolveSibling("state.secrets").resolve("warden_bot.password"))
            .strip();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pidFile.get(3).strip() + "/postgres",
                "warden_bot",
                password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM jobs")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
