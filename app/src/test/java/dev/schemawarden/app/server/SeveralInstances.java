package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static dev.schemawarden.app.server.ServiceHarness.repoFile;

import dev.schemawarden.app.faults.ChildWarden;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Instances of {@code warden serve} on one PostgreSQL state store against one fake GitHub: in-process ones
 * ({@link WardenServer}) and one real process, signed deliveries spread over all of them by a few sender threads,
 * and, optionally, the process killed with {@code kill -9} while it runs a review. A delivery whose instance died
 * under it is redelivered elsewhere with the same id, as GitHub's redelivery does.
 */
final class SeveralInstances implements AutoCloseable {
  static final String NO_TRACE = "replica:\n  provider: off\n";
  static final Duration LEASE = Duration.ofSeconds(2);

  final FakeGitHub github;
  final String stateUrl;
  final List<WardenServer> inProcess = new ArrayList<>();
  volatile ChildWarden process;
  volatile int processPort;

  /** Process instances that are never killed: with {@link #process}, three real {@code warden serve} JVMs. */
  final List<ChildWarden> steady = new CopyOnWriteArrayList<>();

  final List<Integer> steadyPorts = new CopyOnWriteArrayList<>();
  final List<Long> ackNanos = new CopyOnWriteArrayList<>();
  final Map<String, Integer> acks = new ConcurrentHashMap<>();
  final AtomicInteger redelivered = new AtomicInteger();
  volatile long killedPid = -1;
  volatile long killedJob = -1;
  volatile long killedAt;
  volatile long takenOverAt;
  private Thread watcher;

  SeveralInstances() {
    github =
        new FakeGitHub(
            GithubWebhookEndToEndTest.REPO,
            2,
            GithubWebhookEndToEndTest.BASE,
            GithubWebhookEndToEndTest.HEAD);
    String config = repoFile("schemawarden.yml") + NO_TRACE;
    for (String f : List.of("db/migration/V4__orders_status.sql", "db/migration/V5__events.sql")) {
      String text = repoFile(f);
      github.file(f, "added", GithubWebhookEndToEndTest.addedPatch(text), text, null);
    }
    github.content(GithubWebhookEndToEndTest.BASE, ".schemawarden.yml", config);
    github.content(GithubWebhookEndToEndTest.HEAD, ".schemawarden.yml", config);
    stateUrl = ServiceHarness.freshDatabase();
  }

  /** What a process instance is configured with: the same as the in-process ones. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("WARDEN_PORT", "0");
    env.put("WARDEN_GITHUB_WEBHOOK_SECRET", ServiceHarness.SECRET);
    env.put("WARDEN_GITHUB_TOKEN", ServiceHarness.TOKEN);
    env.put("WARDEN_GITHUB_API_URL", github.url());
    env.put("WARDEN_GITHUB_GIT_URL", github.gitUrl());
    env.put("WARDEN_REPO_CACHE", ServiceHarness.freshCacheDir().toString());
    env.put("WARDEN_WORKERS", "2");
    env.put("WARDEN_STATE_URL", stateUrl);
    env.put("WARDEN_JOB_LEASE", LEASE.toMillis() + "ms");
    env.put("WARDEN_JOB_POLL", ServiceHarness.fastQueue().poll().toMillis() + "ms");
    env.put("WARDEN_JOB_BACKOFF_BASE", "100ms");
    env.put("WARDEN_JOB_BACKOFF_MAX", "1s");
    env.put("WARDEN_SHUTDOWN_GRACE", "5s");
    return env;
  }

  /** Starts {@code local} in-process instances and, when {@code withProcess}, one process, all at once. */
  SeveralInstances start(int local, boolean withProcess) throws Exception {
    ExecutorService boot = Executors.newCachedThreadPool();
    var proc = withProcess ? boot.submit(this::startProcess) : null;
    List<java.util.concurrent.Future<WardenServer>> servers = new ArrayList<>();
    for (int i = 0; i < local; i++) {
      servers.add(
          boot.submit(
              () ->
                  ServiceHarness.start(
                      ServiceHarness.config(stateUrl, github.url())
                          .withQueue(ServiceHarness.fastQueue().withLease(LEASE)))));
    }
    for (var f : servers) {
      inProcess.add(f.get());
    }
    if (proc != null) {
      proc.get();
    }
    boot.shutdown();
    return this;
  }

  /** Adds {@code n} process instances that are never killed, started at once; waits until each listens. */
  SeveralInstances withSteadyProcesses(int n) throws Exception {
    ExecutorService boot = Executors.newCachedThreadPool();
    List<java.util.concurrent.Future<ChildWarden>> started = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      started.add(
          boot.submit(
              () ->
                  ChildWarden.start(
                      java.nio.file.Files.createTempFile("warden-serve-", ".log"),
                      env(),
                      ChildWarden.AS_SERVE_RUNS,
                      "serve")));
    }
    for (var f : started) {
      ChildWarden p = f.get();
      steady.add(p);
      steadyPorts.add(p.awaitServing(Duration.ofSeconds(90)));
    }
    boot.shutdown();
    return this;
  }

  /** Starts (or starts again) the process instance, and waits until it listens. */
  ChildWarden startProcess() throws java.io.IOException {
    ChildWarden p =
        ChildWarden.start(
            java.nio.file.Files.createTempFile("warden-serve-", ".log"), env(), "serve");
    processPort = p.awaitServing(Duration.ofSeconds(60));
    process = p;
    return p;
  }

  List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    inProcess.forEach(s -> ports.add(s.port()));
    ports.addAll(steadyPorts);
    if (process != null) {
      ports.add(processPort);
    }
    return ports;
  }

  /**
   * Sends {@code n} deliveries from {@code senders} threads, round robin over the instances; with {@code kill}, the
   * process is killed with {@code kill -9} the first time it is seen running a review (sending goes on meanwhile,
   * and past {@code n} at a trickle if need be until that happened). Returns the delivery ids sent.
   */
  List<String> burst(int n, int senders, boolean kill) throws Exception {
    byte[] body = payload("pull_request.synchronize.json");
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    if (kill) {
      // Its own thread, not the pool's: the takeover it times may come after the burst ends and the
      // pool stops.
      watcher = new Thread(this::killWhenBusy, "kill-when-busy");
      watcher.setDaemon(true);
      watcher.start();
    }
    List<java.util.concurrent.Future<?>> work = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      work.add(
          pool.submit(
              () -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                long i;
                while ((i = next.getAndIncrement()) < n
                    || kill && killedPid < 0 && System.nanoTime() < deadline) {
                  String id = UUID.randomUUID().toString();
                  ids.add(id);
                  send(id, body, (int) i);
                  if (i >= n) {
                    Thread.sleep(
                        50); // past the burst, only until the process has run a review: a trickle
                  }
                }
                return null;
              }));
    }
    for (var w : work) {
      w.get(120, TimeUnit.SECONDS);
    }
    pool.shutdownNow();
    return List.copyOf(ids);
  }

  /**
   * Sends {@code n} deliveries at a fixed offered rate (open loop, round robin over the instances): delivery
   * {@code i} is due at {@code i / perSecond} after the start, and its latency counts from when it was due, so a
   * service that falls behind shows it in the percentiles (no coordinated omission). Returns the latencies.
   */
  List<Long> paced(int n, double perSecond) throws Exception {
    byte[] body = payload("pull_request.synchronize.json");
    List<Long> latencies = new CopyOnWriteArrayList<>();
    AtomicLong next = new AtomicLong();
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime() + Duration.ofMillis(20).toNanos();
    List<java.util.concurrent.Future<?>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      work.add(
          pool.submit(
              () -> {
                long i;
                while ((i = next.getAndIncrement()) < n) {
                  long due = t0 + (long) (i * 1e9 / perSecond);
                  long wait = due - System.nanoTime();
                  if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                  }
                  send(UUID.randomUUID().toString(), body, (int) i);
                  latencies.add(System.nanoTime() - due);
                }
                return null;
              }));
    }
    for (var w : work) {
      w.get(120, TimeUnit.SECONDS);
    }
    pool.shutdownNow();
    return List.copyOf(latencies);
  }

  /** The value at percentile {@code p} (0..100) of {@code nanos}. */
  static Duration percentile(List<Long> nanos, double p) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return Duration.ofNanos(
        sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1)));
  }

  private void send(String id, byte[] body, int i) {
    String signature = ServiceHarness.sign(body, ServiceHarness.SECRET);
    for (int attempt = 0; ; attempt++) {
      List<Integer> ports = ports();
      int port =
          attempt == 0
              ? ports.get(i % ports.size())
              : ports.get(0); // redelivered to a live instance
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> r = ServiceHarness.post(port, "pull_request", id, body, signature);
        ackNanos.add(System.nanoTime() - t0);
        acks.put(id, r.statusCode());
        return;
      } catch (UncheckedIOException e) {
        // the instance died under the request: the sender redelivers the same delivery id
        redelivered.incrementAndGet();
        if (attempt > 3) {
          throw e;
        }
      }
    }
  }

  /** Watches the jobs table; kills the process the moment it holds a running review, then times the takeover. */
  private void killWhenBusy() {
    ChildWarden p = process;
    String mine = "lease_owner LIKE '" + p.pid() + "@%'";
    try {
      while (!Thread.currentThread().isInterrupted()) {
        String job =
            ServiceHarness.text(
                stateUrl, "SELECT id FROM jobs WHERE status = 'running' AND " + mine);
        if (!job.isEmpty()) {
          p.kill9();
          killedAt = System.nanoTime();
          killedJob = Long.parseLong(job);
          killedPid = p.pid();
          process = null;
          while (stillLeased(job, mine)) {
            Thread.sleep(10);
          }
          takenOverAt = System.nanoTime();
          return;
        }
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True while the dead instance still holds {@code job}; a failed read (the store is busy) counts as held. */
  private boolean stillLeased(String job, String mine) {
    try {
      return count(stateUrl, "SELECT count(*) FROM jobs WHERE id = " + job + " AND " + mine) > 0;
    } catch (RuntimeException e) {
      return true;
    }
  }

  long jobs(String where) {
    return count(stateUrl, "SELECT count(*) FROM jobs WHERE " + where);
  }

  /** The ack latency at percentile {@code p} (0..100). */
  Duration ackPercentile(double p) {
    return percentile(ackNanos, p);
  }

  /**
   * From the kill to another instance holding the dead one's review; waits for the watcher to see it (the jobs may
   * all be done a moment before its last poll).
   */
  Duration takeover() {
    ServiceHarness.await(
        "the takeover of the killed instance's review is seen",
        Duration.ofSeconds(30),
        () -> takenOverAt != 0);
    return Duration.ofNanos(takenOverAt - killedAt);
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.interrupt();
    }
    for (WardenServer s : inProcess) {
      s.stop(Duration.ZERO);
    }
    ChildWarden p = process;
    if (p != null) {
      p.kill9();
    }
    steady.forEach(ChildWarden::kill9);
    github.close();
  }
}
