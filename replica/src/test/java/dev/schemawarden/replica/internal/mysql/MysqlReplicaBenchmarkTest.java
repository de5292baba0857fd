package dev.schemawarden.replica.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.OnlineDdl.Run;
import dev.schemawarden.analyzers.api.OnlineDdl.Status;
import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.MysqlReplicaProvider.MysqlReplica;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's figures on the embedded MariaDB 11.4.5: the server start, the per-review copy of a generated
 * 1,000-table schema (a Flyway history of 100 files; ~9 columns, a primary key, 1-2 secondary indexes, a foreign key
 * on every third table) and the trace of a 10-ALTER migration with the algorithm/lock search. Tagged {@code bench}:
 * excluded from default runs; see docs/benchmarks.md for the command and the figures. {@code -Dbench.runs=N}
 * changes the number of measured runs (5). Each run measures a fresh copy ({@code create} + {@code replay}) and then
 * a pooled one ({@code replayed}: the spare built in the background between runs, untimed).
 */
@Tag("bench")
class MysqlReplicaBenchmarkTest {
  private static final int TABLES = 1000;
  private static final int RUNS = Integer.getInteger("bench.runs", 5);
  private static final Duration BUDGET = Duration.ofSeconds(30);

  private static MysqlReplicaProvider provider;
  private static EmbeddedMariadb server;
  private static long startMs;

  @BeforeAll
  static void start() throws Exception {
    long t0 = System.nanoTime();
    server = EmbeddedMariadb.shared();
    startMs = (System.nanoTime() - t0) / 1_000_000;
    provider =
        MysqlReplicaProvider.server("mariadb", server.adminUrl(), ReplicaSettings.defaults());
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static Migration migration(String version, String sql) {
    String file = "V" + version + "__bench.sql";
    String path = "db/migration/" + file;
    return new Migration(
        path,
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.of(version),
        file,
        false,
        Engines.forName("mariadb").parser().parse(path, sql).statements(),
        List.of());
  }

  private static String table(int i) {
    return String.format(Locale.ROOT, "t%04d", i);
  }

  /** 100 migrations of 10 tables each; a table's foreign key points at the table before it. */
  static List<Migration> history() {
    List<Migration> out = new ArrayList<>();
    for (int file = 0; file < TABLES / 10; file++) {
      StringBuilder sql = new StringBuilder();
      for (int i = file * 10; i < file * 10 + 10; i++) {
        String t = table(i);
        sql.append("CREATE TABLE `")
            .append(t)
            .append("` (\n")
            .append("  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n")
            .append("  parent_id BIGINT NULL,\n")
            .append("  name VARCHAR(100) NOT NULL,\n")
            .append("  email VARCHAR(200) NULL,\n")
            .append("  qty INT NOT NULL DEFAULT 0,\n")
            .append("  price DECIMAL(10,2) NULL,\n")
            .append("  note TEXT NULL,\n")
            .append("  status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',\n")
            .append("  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n")
            .append("  KEY ")
            .append(t)
            .append("_name_idx (name)");
        if (i % 2 == 0) {
          sql.append(",\n  KEY ").append(t).append("_created_idx (created_at, status)");
        }
        if (i % 3 == 1) {
          sql.append(",\n  CONSTRAINT ")
              .append(t)
              .append("_parent_fk FOREIGN KEY (parent_id) REFERENCES ")
              .append(table(i - 1))
              .append(" (id)");
        }
        sql.append("\n) ENGINE=InnoDB DEFAULT CHARSET=")
            .append(i % 5 == 0 ? "latin1" : "utf8mb4")
            .append(";\n");
      }
      out.add(migration(String.format(Locale.ROOT, "%03d", file + 1), sql.toString()));
    }
    return List.copyOf(out);
  }

  /** Ten ALTERs of the kinds a review meets, each on its own table: INSTANT, INPLACE and COPY ones. */
  static Migration change() {
    return migration(
        "101",
        """
        ALTER TABLE t0010 ADD COLUMN extra INT NULL;
        ALTER TABLE t0011 MODIFY qty BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE t0012 ADD INDEX t0012_price_idx (price);
        ALTER TABLE t0013 DROP COLUMN note;
        ALTER TABLE t0014 RENAME COLUMN note TO remark;
        ALTER TABLE t0015 CONVERT TO CHARACTER SET utf8mb4;
        ALTER TABLE t0016 MODIFY name VARCHAR(150) NOT NULL;
        ALTER TABLE t0017 ADD COLUMN flag TINYINT NOT NULL DEFAULT 0 AFTER id;
        ALTER TABLE t0018 DROP INDEX t0018_created_idx;
        ALTER TABLE t0020 ADD CONSTRAINT t0020_parent_fk FOREIGN KEY (parent_id) REFERENCES t0019 (id);
        """);
  }

  @Test
  void per_review_copy_of_1000_tables_and_trace_of_10_alters() throws Exception {
    List<Migration> history = history();
    Migration change = change();
    System.out.println(
        "BENCH embedded MariaDB start (EmbeddedMariadb.shared, first in this JVM): "
            + startMs
            + " ms");

    long t0 = System.nanoTime();
    try (MysqlReplica first = provider.replayed(history, BUDGET)) {
      assertThat(first.pooled()).as("no spare before the first review").isFalse();
      assertThat(first.replayFailures())
          .as("the generated history replays without a failure")
          .isEmpty();
    }
    System.out.println(
        "BENCH first build of the 1,000-table replica: "
            + (System.nanoTime() - t0) / 1_000_000
            + " ms");

    List<Long> copies = new ArrayList<>();
    List<Long> traces = new ArrayList<>();
    List<Long> takes = new ArrayList<>();
    List<Long> pooledTraces = new ArrayList<>();
    List<Run> lastRuns = List.of();
    for (int run = 0; run < RUNS; run++) {
      // The spare for the next pooled take builds here, untimed: nothing else runs on the server
      // meanwhile.
      long w0 = System.nanoTime();
      assertThat(provider.awaitSpares(Duration.ofMinutes(5))).as("the spare was built").isTrue();
      long buildWaitMs = (System.nanoTime() - w0) / 1_000_000;
      long c0 = System.nanoTime();
      try (MysqlReplica replica = provider.create(BUDGET)) {
        List<Run> failed = replica.replay(history);
        long copyMs = (System.nanoTime() - c0) / 1_000_000;
        assertThat(failed).as("run %d: the copy is complete", run).isEmpty();
        long r0 = System.nanoTime();
        lastRuns = replica.trace(List.of(change));
        long traceMs = (System.nanoTime() - r0) / 1_000_000;
        copies.add(copyMs);
        traces.add(traceMs);
        System.out.println(
            "BENCH run " + run + ": copy " + copyMs + " ms, trace of 10 ALTERs " + traceMs + " ms");
      }
      long p0 = System.nanoTime();
      try (MysqlReplica spare = provider.replayed(history, BUDGET)) {
        long takeMs = (System.nanoTime() - p0) / 1_000_000;
        assertThat(spare.pooled()).as("run %d: the spare built in between", run).isTrue();
        assertThat(spare.replayFailures()).isEmpty();
        long r0 = System.nanoTime();
        List<Run> runs = spare.trace(List.of(change));
        long traceMs = (System.nanoTime() - r0) / 1_000_000;
        assertThat(runs)
            .extracting(Run::status)
            .as("the change traces on the spare")
            .containsOnly(Status.OK);
        takes.add(takeMs);
        pooledTraces.add(traceMs);
        System.out.println(
            "BENCH run "
                + run
                + ": pooled take "
                + takeMs
                + " ms (its build waited for before: "
                + buildWaitMs
                + " ms), trace of 10 ALTERs on it "
                + traceMs
                + " ms");
      }
    }
    for (Run r : lastRuns) {
      System.out.println(
          "BENCH   "
              + r.statement().sql().strip()
              + " -> "
              + r.status()
              + " "
              + r.alter()
                  .flatMap(OnlineDdl.Traced::verdict)
                  .map(v -> v.algorithm() + "/" + v.lock())
                  .orElse("-")
              + r.alter().map(a -> a.rebuilt() ? " rebuilt" : "").orElse("")
              + " "
              + r.duration().toMillis()
              + " ms");
    }
    System.out.println(
        "BENCH per-review copy of 1,000 tables (create + replay), "
            + RUNS
            + " runs: median "
            + median(copies)
            + " ms, max "
            + copies.stream().mapToLong(Long::longValue).max().orElse(0)
            + " ms");
    System.out.println(
        "BENCH trace of 10 ALTERs, "
            + RUNS
            + " runs: median "
            + median(traces)
            + " ms, max "
            + traces.stream().mapToLong(Long::longValue).max().orElse(0)
            + " ms");
    System.out.println(
        "BENCH per-review copy of 1,000 tables from the pool (a spare taken), "
            + RUNS
            + " runs: median "
            + median(takes)
            + " ms, max "
            + takes.stream().mapToLong(Long::longValue).max().orElse(0)
            + " ms");
    System.out.println(
        "BENCH trace of 10 ALTERs on a pooled spare, "
            + RUNS
            + " runs: median "
            + median(pooledTraces)
            + " ms, max "
            + pooledTraces.stream().mapToLong(Long::longValue).max().orElse(0)
            + " ms");

    System.out.println(
        "BENCH server floor: the same history over one admin connection, no sandbox or watchdog: "
            + floorMs(history)
            + " ms");

    assertThat(lastRuns)
        .extracting(Run::status)
        .as("every ALTER ran: %s", lastRuns)
        .containsOnly(Status.OK)
        .hasSize(10);
    assertThat(lastRuns)
        .as("every ALTER got a traced algorithm and lock")
        .allSatisfy(r -> assertThat(r.alter().flatMap(OnlineDdl.Traced::verdict)).isPresent());
  }

  /** What the server itself takes for the 1,000 CREATE TABLEs: the part a faster replay cannot remove. */
  private static long floorMs(List<Migration> history) throws Exception {
    try (Connection admin = DriverManager.getConnection(server.adminUrl());
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE bench_floor");
      try {
        st.execute("USE bench_floor");
        long t0 = System.nanoTime();
        for (Migration m : history) {
          for (var s : m.statements()) {
            st.execute(s.sql());
          }
        }
        return (System.nanoTime() - t0) / 1_000_000;
      } finally {
        st.execute("DROP DATABASE bench_floor");
      }
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
