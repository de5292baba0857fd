package dev.schemawarden.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.jobs.QueueSettings;
import dev.schemawarden.app.server.ServiceConfig;
import dev.schemawarden.app.server.ServiceHarness;
import dev.schemawarden.app.server.WardenServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded state store's postmaster killed ({@code kill -9}) under a running {@code warden serve} with the
 * embedded store: the supervisor starts it again, {@code /readyz} is 503 only meanwhile, {@code /healthz} stays 200,
 * a delivery posted during the outage is stored, and every job runs exactly once — without restarting the service.
 */
@Timeout(180)
class StateStoreKilledTest {
  final Path base = Faults.openDirectory("warden-faults-store-");
  final Path state = base.resolve("state");
  final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
  WardenServer server;

  @BeforeEach
  void start() {
    ServiceConfig config =
        ServiceConfig.fromEnv(
                Map.of(
                    "WARDEN_STATE_DIR",
                    state.toString(),
                    "WARDEN_PORT",
                    "0",
                    "WARDEN_WORKERS",
                    "2",
                    "WARDEN_GITHUB_WEBHOOK_SECRET",
                    ServiceHarness.SECRET,
                    "WARDEN_GITHUB_TOKEN",
                    ServiceHarness.TOKEN,
                    "WARDEN_GITHUB_API_URL",
                    "http://127.0.0.1:9/api/v3"))
            .withQueue(
                new QueueSettings(
                    Duration.ofSeconds(30),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    Duration.ofMillis(50),
                    Duration.ofMinutes(1),
                    5,
                    Duration.ofSeconds(2)));
    server =
        WardenServer.start(
            config,
            List.of(new GithubCodeHost(config.github().orElseThrow())),
            (store, hosts) ->
                job -> runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet(),
            Optional.empty());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(Duration.ofSeconds(5));
    }
    Faults.await(
        "no postgres left in " + state,
        Duration.ofSeconds(30),
        () -> ChildWarden.postgresProcessesIn(state).isEmpty());
    Faults.deleteTree(base);
  }

  int port() {
    return server.port();
  }

  HttpResponse<String> deliver(String payload) {
    return ServiceHarness.deliver(port(), "pull_request", ServiceHarness.payload(payload));
  }

  int done() {
    return server.queue().countByStatus().getOrDefault("done", 0);
  }

  @Test
  void the_supervisor_restarts_a_killed_store_and_deliveries_are_stored_and_run_once() {
    assertThat(deliver("pull_request.opened.json").statusCode()).isEqualTo(202);
    Faults.await("first job done", Duration.ofSeconds(30), () -> done() == 1);
    long postmaster = ChildWarden.postmasterPid(state);

    long t0 = System.nanoTime();
    Faults.kill9(postmaster);
    List<Integer> readiness = new ArrayList<>();
    List<Integer> liveness = new ArrayList<>();
    while (readiness.isEmpty() || readiness.get(readiness.size() - 1) != 200) {
      assertThat(Faults.since(t0))
          .as("back within 30 s; readyz so far %s", readiness)
          .isLessThan(Duration.ofSeconds(30));
      readiness.add(ServiceHarness.get(port(), "/readyz").statusCode());
      liveness.add(ServiceHarness.get(port(), "/healthz").statusCode());
      ChildWarden.sleep(20);
    }
    Duration outage = Faults.since(t0);
    System.out.printf(
        "FAULTS state store postmaster killed: readyz 200 again after %d ms%n", outage.toMillis());

    assertThat(readiness).as("unready while the store was down").contains(503);
    assertThat(liveness).as("alive throughout: the process heals itself").containsOnly(200);
    assertThat(ChildWarden.postmasterPid(state)).as("a new postmaster").isNotEqualTo(postmaster);

    assertThat(deliver("pull_request.synchronize.json").statusCode()).isEqualTo(202);
    Faults.await("second job done", Duration.ofSeconds(30), () -> done() == 2);
    assertThat(runs.values())
        .as("each job ran exactly once")
        .hasSize(2)
        .allMatch(n -> n.get() == 1);
  }

  @Test
  void a_delivery_posted_right_after_the_store_died_is_stored_not_answered_503() {
    assertThat(deliver("pull_request.opened.json").statusCode()).isEqualTo(202);
    Faults.await("first job done", Duration.ofSeconds(30), () -> done() == 1);

    Faults.kill9(ChildWarden.postmasterPid(state));
    long t0 = System.nanoTime();
    HttpResponse<String> during = deliver("pull_request.synchronize.json");
    System.out.printf(
        "FAULTS delivery during a state store restart: %d in %d ms%n",
        during.statusCode(), Faults.since(t0).toMillis());

    assertThat(during.statusCode())
        .as("the service waited for its store: %s", during.body())
        .isEqualTo(202);
    Faults.await("second job done", Duration.ofSeconds(30), () -> done() == 2);
    assertThat(runs.values())
        .as("each job ran exactly once")
        .hasSize(2)
        .allMatch(n -> n.get() == 1);
    assertThat(ServiceHarness.get(port(), "/readyz").statusCode()).isEqualTo(200);
  }
}
