package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.Main;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What drift adds to a review once the expected schema is cached: 100 Flyway migrations build 1,000 tables (5,000
 * relations); production is that plus a hand-made view; the change adds one migration. The same review runs
 * with and without {@code --snapshot} (after one warm-up each, which fills the expected-schema cache), and the
 * medians are compared.
 */
@Tag("bench")
class DriftReviewBenchmarkTest {
  private static final int MIGRATIONS = 100;
  private static final int TABLES_PER_MIGRATION = 10;
  private static final int RUNS = 7;

  @TempDir Path tmp;

  @Test
  void review_with_a_cached_expected_schema_adds_under_300_ms_for_drift() throws Exception {
    GitFixture repo = new GitFixture(tmp.resolve("big"));
    for (int m = 1; m <= MIGRATIONS; m++) {
      StringBuilder sql = new StringBuilder();
      for (int t = 0; t < TABLES_PER_MIGRATION; t++) {
        String name = "t" + ((m - 1) * TABLES_PER_MIGRATION + t);
        sql.append("create table ")
            .append(name)
            .append(" (id serial primary key, a int, b text, c timestamptz);\n")
            .append("create index ")
            .append(name)
            .append("_a on ")
            .append(name)
            .append(" (a);\n")
            .append("create index ")
            .append(name)
            .append("_b on ")
            .append(name)
            .append(" (b);\n");
      }
      repo.write("db/migration/V" + m + "__tables_" + m + ".sql", sql.toString());
    }
    repo.commit("history")
        .branch("feature")
        .write(
            "db/migration/V" + (MIGRATIONS + 1) + "__idx.sql",
            "create index concurrently t5_c on t5 (c);\n")
        .commit("change");

    try (TestPostgres pg = new TestPostgres();
        ReplicaHolder replicas =
            new ReplicaHolder(
                () ->
                    ReplicaProvider.server(
                        "jdbc:postgresql://localhost:" + pg.port() + "/postgres",
                        "postgres",
                        "",
                        "",
                        ReplicaSettings.defaults()))) {
      String prod = pg.newDatabase("prod");
      Flyway.configure()
          .dataSource(prod, "postgres", "")
          .locations("filesystem:" + repo.dir().resolve("db/migration"))
          .target(Integer.toString(MIGRATIONS))
          .load()
          .migrate();
      TestPostgres.exec(
          pg.dataSource(prod), "CREATE VIEW public.t1_view AS SELECT id, a FROM public.t1");
      Path snapshot = tmp.resolve("prod.json");
      try (Connection c = DriverManager.getConnection(prod)) {
        Snapshots.write(Snapshots.take(c, SnapshotOptions.defaults()), snapshot);
      }
      ReviewService service =
          Main.reviewService(
              replicas,
              SnapshotDrift.Settings.defaults().withCacheDir(tmp.resolve("cache")),
              java.time.Clock.systemUTC());
      ReviewRequest plain =
          new ReviewRequest(
              repo.dir(),
              new ReviewRequest.Base.GitRef("main"),
              "HEAD",
              Optional.empty(),
              Optional.empty());
      ReviewRequest withDrift =
          new ReviewRequest(
              repo.dir(),
              new ReviewRequest.Base.GitRef("main"),
              "HEAD",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of(snapshot));

      long t0 = System.nanoTime();
      ReviewReport first = service.review(withDrift, Progress.NONE);
      long coldMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(first.drift())
          .as("the hand-made view")
          .anyMatch(d -> d.object().equals("public.t1_view"));
      assertThat(first.errors()).isEmpty();
      service.review(plain, Progress.NONE);

      List<Long> without = new ArrayList<>();
      List<Long> with = new ArrayList<>();
      List<Long> driftStep = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        without.add(time(() -> service.review(plain, Progress.NONE)));
        long s = System.nanoTime();
        ReviewReport r = service.review(withDrift, Progress.NONE);
        with.add((System.nanoTime() - s) / 1_000_000);
        driftStep.add(
            r.steps().stream()
                .filter(st -> st.name().equals("drift") || st.name().equals("snapshot"))
                .mapToLong(ReviewReport.Step::millis)
                .sum());
      }
      long medianWithout = median(without);
      long medianWith = median(with);
      System.out.printf(
          "BENCH review+drift: %d migrations, %d tables; cold (replay + cache) %d ms; review median"
              + " %d ms without snapshot, %d ms with (+%d ms); snapshot+drift steps median %d ms%n",
          MIGRATIONS,
          MIGRATIONS * TABLES_PER_MIGRATION,
          coldMs,
          medianWithout,
          medianWith,
          medianWith - medianWithout,
          median(driftStep));
      breakdown(snapshot, tmp.resolve("cache"));
      assertThat(medianWith - medianWithout)
          .as("drift overhead with a cached expected schema")
          .isLessThan(300);
    }
  }

  /** Where the drift time goes, part by part (best of 3). */
  private static void breakdown(Path snapshot, Path cacheDir) throws Exception {
    Path cached;
    try (var files = java.nio.file.Files.list(cacheDir)) {
      cached = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    var production = Snapshots.read(snapshot);
    var expected = Snapshots.read(cached);
    long read = best(() -> Snapshots.read(snapshot));
    long diff = best(() -> Snapshots.diff(expected, production));
    long relevant = best(() -> Snapshots.relevantDrift(List.of(), expected, production));
    System.out.printf(
        "BENCH drift parts: read snapshot %d ms (x2 with the cached expected), diff %d ms,"
            + " relevantDrift %d ms%n",
        read, diff, relevant);
  }

  private static long best(Runnable r) {
    long b = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      b = Math.min(b, time(r));
    }
    return b;
  }

  private static long time(Runnable r) {
    long s = System.nanoTime();
    r.run();
    return (System.nanoTime() - s) / 1_000_000;
  }

  private static long median(List<Long> xs) {
    List<Long> sorted = xs.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
