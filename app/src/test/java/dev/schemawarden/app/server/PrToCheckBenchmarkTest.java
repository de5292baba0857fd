package dev.schemawarden.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Time from a signed {@code pull_request} delivery to the completed check, for a 10-statement Flyway migration in a
 * repository of 500 migrations, on a 1,000-table production snapshot, through the production wiring
 * (what {@code warden serve} runs: clone or incremental fetch into the repository cache, static review, tracing and
 * drift on the shared embedded replica, policy). The first review clones; each next one follows a push (new commits) and
 * fetches incrementally. The local GitHub answers instantly, so host latency is excluded.
 * Run: {@code mvn -pl app -am test -Dtest=PrToCheckBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwarden.excludedGroups=none}. Numbers go to docs/benchmarks.md.
 */
@Tag("bench")
class PrToCheckBenchmarkTest {
  static final String REPO = "Codertocat/Hello-World";
  static final String BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  static final String SNAPSHOT = ".warden/prod-schema.json";
  static final int TABLES = 1_000;
  static final int WARM_RUNS = 5;
  static final int MIGRATIONS = 500;
  static final Pattern STEPS = Pattern.compile("<sub>(changes .*?)</sub>", Pattern.DOTALL);

  /** The DDL of table {@code i}: key, foreign key on every 10th table, an index. The history and production agree. */
  static String tableDdl(int i) {
    String t = table(i);
    return "CREATE TABLE "
        + t
        + " (id bigint PRIMARY KEY, ref_id bigint"
        + (i > 1 && i % 10 == 0 ? " REFERENCES " + table(i - 1) + " (id)" : "")
        + ", name text, amount integer, created_at timestamptz NOT NULL DEFAULT now());\n"
        + "CREATE INDEX "
        + t
        + "_name_idx ON "
        + t
        + " (name);\n";
  }

  /** Production: 1,000 tables, taken as a JSON snapshot (with statistics: t0002 has 5,000 rows). */
  static String productionSnapshot() throws Exception {
    String url = ServiceHarness.freshDatabase();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      StringBuilder ddl = new StringBuilder();
      for (int i = 1; i <= TABLES; i++) {
        ddl.append(tableDdl(i));
      }
      s.execute(ddl.toString());
      s.execute(
          "INSERT INTO t0002 SELECT g, NULL, 'n' || g, g, now() FROM generate_series(1, 5000) g");
      s.execute("ANALYZE");
      SchemaSnapshot snap = Snapshots.take(c, new SnapshotOptions(List.of(), true));
      assertThat(snap.tables())
          .as("the snapshot holds every table")
          .hasSizeGreaterThanOrEqualTo(TABLES);
      return Snapshots.toJson(snap);
    }
  }

  /** The base branch: 500 Flyway migrations building those 1,000 tables (two each), the config, the snapshot. */
  static void baseBranch(FakeGitHub github, String snapshot) {
    for (int v = 1; v <= MIGRATIONS; v++) {
      github.content(
          BASE,
          String.format("db/migration/V%d__tables_%d.sql", v, v),
          tableDdl(2 * v - 1) + tableDdl(2 * v));
    }
    github.content(BASE, ".schemawarden.yml", CONFIG);
    github.content(BASE, SNAPSHOT, snapshot);
  }

  static String table(int i) {
    return String.format("t%04d", i);
  }

  /** Ten statements touching the snapshot's tables: the usual mix of safe, risky and blocking changes. */
  static final String MIGRATION =
      """
      ALTER TABLE t0001 ADD COLUMN note text;
      ALTER TABLE t0002 ADD COLUMN status text NOT NULL DEFAULT 'new';
      CREATE INDEX t0003_created_idx ON t0003 (created_at);
      ALTER TABLE t0004 ADD CONSTRAINT t0004_ref_fk FOREIGN KEY (ref_id) REFERENCES t0003 (id) NOT VALID;
      ALTER TABLE t0004 VALIDATE CONSTRAINT t0004_ref_fk;
      ALTER TABLE t0005 ALTER COLUMN name SET NOT NULL;
      ALTER TABLE t0006 ALTER COLUMN amount TYPE bigint;
      CREATE TABLE t1001 (id bigint PRIMARY KEY, t0007_id bigint REFERENCES t0007 (id));
      DROP INDEX t0008_name_idx;
      ALTER TABLE t0009 RENAME COLUMN name TO title;
      """;

  static final String CONFIG =
      """
      engine: postgres
      migrations:
        tool: flyway
        locations: [db/migration]
      snapshot:
        path: %s
        max-age: 3650d
      fail-on: error
      """
          .formatted(SNAPSHOT);

  /**
   * @param toCheckMillis POST to the check's completion reaching GitHub (the figure)
   * @param pickupMillis POST to the first GitHub call (acknowledgement, queue, claim)
   * @param fetchMillis first GitHub call to the file listing (pull, check created, files listed); the git fetch
   *     follows and is inside {@code reviewMillis}
   * @param reviewMillis file listing to the completion (fetch and trees, the review, rendering)
   * @param gitRequests, gitBytes what git transferred for this review
   * @param toDoneMillis POST to the job marked done (comments and line comments published too)
   */
  record Run(
      String label,
      long toCheckMillis,
      long pickupMillis,
      long fetchMillis,
      long reviewMillis,
      long toDoneMillis,
      String steps,
      int gitRequests,
      long gitBytes) {}

  @Test
  void pull_request_opened_to_completed_check_on_a_1000_table_snapshot() throws Exception {
    String snapshot = productionSnapshot();
    try (FakeGitHub github = new FakeGitHub(REPO, 2, BASE, HEAD)) {
      baseBranch(github, snapshot);
      String migration = "db/migration/V501__bench.sql";
      github.file(
          migration, "added", GithubWebhookEndToEndTest.addedPatch(MIGRATION), MIGRATION, null);
      String stateUrl = ServiceHarness.freshDatabase();
      // what `warden serve` runs: trace and drift on one replica holder, policy
      WardenServer server =
          WardenServer.start(
              ServiceHarness.config(stateUrl, github.url()),
              dev.schemawarden.app.Main.reviewService(
                  dev.schemawarden.app.testing.Reviews.replicas(),
                  dev.schemawarden.app.review.SnapshotDrift.Settings.defaults(),
                  java.time.Clock.systemUTC()));
      try {
        List<Run> runs = new ArrayList<>();
        runs.add(measure("cold (opened)", github, server, stateUrl, "pull_request.opened.json", 1));
        for (int i = 0; i < WARM_RUNS; i++) {
          github.content(
              HEAD, "docs/push-" + i + ".md", "push " + i + "\n"); // a push: new commits to fetch
          runs.add(
              measure(
                  "warm " + (i + 1) + " (synchronize)",
                  github,
                  server,
                  stateUrl,
                  "pull_request.synchronize.json",
                  i + 2));
        }
        System.out.printf(
            "snapshot: %d tables, %d KiB JSON; history: %d migrations; change: 10 statements%n",
            TABLES, snapshot.length() / 1024, MIGRATIONS);
        runs.forEach(
            r ->
                System.out.printf(
                    "%s: completed check %d ms after the POST (pickup %d, until the"
                        + " review starts %d, review+render %d; job done %d ms; git %d request(s), %d KiB)%n  steps: %s%n",
                    r.label(),
                    r.toCheckMillis(),
                    r.pickupMillis(),
                    r.fetchMillis(),
                    r.reviewMillis(),
                    r.toDoneMillis(),
                    r.gitRequests(),
                    r.gitBytes() / 1024,
                    r.steps()));
        List<Long> warm =
            runs.subList(1, runs.size()).stream().map(Run::toCheckMillis).sorted().toList();
        System.out.printf(
            "cold %d ms; warm median %d ms (min %d, max %d) over %d runs%n",
            runs.get(0).toCheckMillis(),
            warm.get(warm.size() / 2),
            warm.get(0),
            warm.get(warm.size() - 1),
            warm.size());
        for (Run r : runs) {
          assertThat(r.steps())
              .as("the trace ran on the snapshot: %s", r.steps())
              .contains("trace ok")
              .contains("drift ok")
              .contains("schema from snapshot " + SNAPSHOT)
              .contains("10 statement(s) traced");
        }
      } finally {
        server.stop(Duration.ZERO);
      }
    }
  }

  static Run measure(
      String label,
      FakeGitHub github,
      WardenServer server,
      String stateUrl,
      String payload,
      int jobsDone) {
    int callsBefore = github.calls().size();
    int gitBefore = github.gitRequests().size();
    Instant posted = Instant.now();
    assertThat(
            ServiceHarness.deliver(server.port(), "pull_request", ServiceHarness.payload(payload))
                .statusCode())
        .isEqualTo(202);
    ServiceHarness.await(
        "the check completed",
        Duration.ofMinutes(5),
        () -> completion(github, callsBefore).isPresent());
    Instant completed = completion(github, callsBefore).orElseThrow().at();
    List<FakeGitHub.Call> calls = github.calls().subList(callsBefore, github.calls().size());
    Instant firstCall = calls.get(0).at();
    Instant lastRead =
        calls.stream()
            .filter(c -> c.path().endsWith("/files"))
            .map(FakeGitHub.Call::at)
            .filter(at -> !at.isAfter(completed))
            .max(Instant::compareTo)
            .orElse(firstCall);
    ServiceHarness.await(
        "the job done",
        Duration.ofMinutes(1),
        () ->
            ServiceHarness.count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'done'")
                >= jobsDone);
    Instant done = Instant.now();
    JsonNode run = github.checkRuns.values().stream().reduce((a, b) -> b).orElseThrow();
    assertThat(run.path("status").asText()).isEqualTo("completed");
    Matcher m = STEPS.matcher(run.path("output").path("summary").asText());
    String steps = m.find() ? m.group(1) : "(no steps in the summary)";
    return new Run(
        label,
        Duration.between(posted, completed).toMillis(),
        Duration.between(posted, firstCall).toMillis(),
        Duration.between(firstCall, lastRead).toMillis(),
        Duration.between(lastRead, completed).toMillis(),
        Duration.between(posted, done).toMillis(),
        steps,
        github.gitRequests().size() - gitBefore,
        github.gitRequests().subList(gitBefore, github.gitRequests().size()).stream()
            .mapToLong(dev.schemawarden.app.testing.GitHttpServer.Request::bytes)
            .sum());
  }

  static Optional<FakeGitHub.Call> completion(FakeGitHub github, int from) {
    List<FakeGitHub.Call> calls = github.calls();
    return calls.subList(from, calls.size()).stream()
        .filter(c -> c.method().equals("PATCH") && c.path().contains("/check-runs/"))
        .filter(c -> c.body().contains("\"completed\""))
        .findFirst();
  }
}
