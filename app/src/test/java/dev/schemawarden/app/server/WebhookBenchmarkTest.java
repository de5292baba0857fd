package dev.schemawarden.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.host.github.GithubCodeHost;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhook acknowledgement latency and burst handling, on the real server and state store with a job handler that
 * only counts its effects. Run: {@code mvn -pl app -am test -Dtest=WebhookBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dwarden.excludedGroups=none}. Numbers go to docs/benchmarks.md.
 */
@Tag("bench")
class WebhookBenchmarkTest {
  final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();

  WardenServer start(String stateUrl) {
    ServiceConfig config = ServiceHarness.config(stateUrl, "http://127.0.0.1:9");
    return WardenServer.start(
        config.withQueue(ServiceHarness.fastQueue()),
        List.of(new GithubCodeHost(config.github().orElseThrow())),
        (store, hosts) ->
            job ->
                effects
                    .computeIfAbsent(job.deliveryId(), k -> new AtomicInteger())
                    .incrementAndGet());
  }

  static byte[] opened(int number) {
    String payload =
        new String(ServiceHarness.payload("pull_request.opened.json"), StandardCharsets.UTF_8);
    // Each delivery is for its own pull request, so none is coalesced with another.
    return payload
        .replace("\"number\": 2,", "\"number\": " + number + ",")
        .getBytes(StandardCharsets.UTF_8);
  }

  static HttpRequest request(int port, int number) {
    byte[] body = opened(number);
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", ServiceHarness.sign(body, ServiceHarness.SECRET))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  @Test
  void ack_latency_at_200_deliveries_per_second_and_a_5000_delivery_burst() throws Exception {
    String stateUrl = ServiceHarness.freshDatabase();
    WardenServer server = start(stateUrl);
    try {
      // Service time: 500 deliveries one after another (also warms the JIT and the connection
      // pool).
      List<Long> serial = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        long sent = System.nanoTime();
        HttpResponse<String> resp =
            ServiceHarness.HTTP.send(
                request(server.port(), 1_000 + i), HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(202);
        serial.add((System.nanoTime() - sent) / 1_000);
      }
      Collections.sort(serial);
      System.out.printf(
          "serial 500: p50 %.1f ms, p99 %.1f ms%n",
          serial.get(250) / 1000.0, serial.get(495) / 1000.0);

      // Steady rate: 200/s for 15 s, each request timed from send to response.
      int rate = 200;
      int total = rate * 15;
      List<Long> micros = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<?>> inFlight = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = start + i * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        HttpRequest r = request(server.port(), 10_000 + i);
        long sent = System.nanoTime();
        inFlight.add(
            ServiceHarness.HTTP
                .sendAsync(r, HttpResponse.BodyHandlers.ofString())
                .thenAccept(
                    resp -> {
                      assertThat(resp.statusCode()).isEqualTo(202);
                      micros.add((System.nanoTime() - sent) / 1_000);
                    }));
      }
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
      List<Long> sorted = new ArrayList<>(micros);
      Collections.sort(sorted);
      System.out.printf(
          "steady %d deliveries at %d/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          total,
          rate,
          sorted.get(total / 2) / 1000.0,
          sorted.get((int) (total * 0.99)) / 1000.0,
          sorted.get(total - 1) / 1000.0);

      // Burst: 5,000 deliveries as fast as 64 concurrent requests allow.
      int burst = 5_000;
      AtomicInteger next = new AtomicInteger();
      AtomicInteger acked = new AtomicInteger();
      long burstStart = System.nanoTime();
      List<CompletableFuture<Void>> lanes = new ArrayList<>();
      for (int lane = 0; lane < 64; lane++) {
        lanes.add(
            CompletableFuture.runAsync(
                () -> {
                  int n;
                  while ((n = next.getAndIncrement()) < burst) {
                    try {
                      HttpResponse<String> resp =
                          ServiceHarness.HTTP.send(
                              request(server.port(), 100_000 + n),
                              HttpResponse.BodyHandlers.ofString());
                      if (resp.statusCode() == 202) {
                        acked.incrementAndGet();
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                }));
      }
      CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
      double ackSeconds = (System.nanoTime() - burstStart) / 1e9;
      ServiceHarness.await(
          "every job done",
          Duration.ofMinutes(5),
          () ->
              ServiceHarness.count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'done'")
                  == 500 + total + burst);
      double doneSeconds = (System.nanoTime() - burstStart) / 1e9;
      System.out.printf(
          "burst %d: all acknowledged in %.1f s (%.0f/s), all processed in %.1f s%n",
          burst, ackSeconds, burst / ackSeconds, doneSeconds);
      assertThat(acked.get()).isEqualTo(burst);
      assertThat(effects).hasSize(500 + total + burst);
      assertThat(effects.values())
          .as("each delivery processed exactly once")
          .allMatch(c -> c.get() == 1);
    } finally {
      server.stop(Duration.ZERO);
    }
  }
}
