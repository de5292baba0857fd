package dev.schemawarden.drift.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Snapshot of a generated 1,000-table / 5,000-relation schema (each table: serial sequence, primary key, two
 * indexes) and the diff of two such snapshots. Tagged {@code bench}: excluded from default runs; see
 * docs/benchmarks.md for the command and the figures.
 */
@Tag("bench")
class SnapshotBenchmarkTest {
  @Test
  void snapshot_of_5000_relations_and_diff_of_two() throws SQLException {
    String db = Clusters.createDatabase(Clusters.Major.PRIMARY, "bench");
    StringBuilder ddl = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      ddl.append("CREATE TABLE t")
          .append(i)
          .append(" (id serial PRIMARY KEY, a int NOT NULL DEFAULT 0, b text,")
          .append(" c timestamptz DEFAULT now());")
          .append("CREATE INDEX t")
          .append(i)
          .append("_a ON t")
          .append(i)
          .append(" (a);")
          .append("CREATE INDEX t")
          .append(i)
          .append("_b ON t")
          .append(i)
          .append(" (lower(b));");
    }
    Clusters.script(Clusters.Major.PRIMARY, db, ddl.toString());
    SchemaSnapshot first;
    SchemaSnapshot second;
    try (Connection c = Clusters.admin(Clusters.Major.PRIMARY, db)) {
      Snapshots.take(c, SnapshotOptions.defaults()); // warm-up: JIT and catalog caches
      long t0 = System.nanoTime();
      first = Snapshots.take(c, SnapshotOptions.defaults());
      long snapshotMs = (System.nanoTime() - t0) / 1_000_000;
      Clusters.exec(c, "ALTER TABLE t7 ADD COLUMN extra int; DROP INDEX t9_a");
      second = Snapshots.take(c, SnapshotOptions.defaults());
      System.out.println(
          "BENCH snapshot of "
              + first.statistics().relations().size()
              + " tables ("
              + (first.tables().size()
                  + first.sequences().size()
                  + first.tables().stream().mapToInt(t -> t.indexes().size()).sum())
              + " relations): "
              + snapshotMs
              + " ms, "
              + Snapshots.toJson(first).length() / 1024
              + " KiB of JSON");
    }
    Snapshots.diff(first, second); // warm-up
    long t1 = System.nanoTime();
    List<DriftItem> drift = Snapshots.diff(first, second);
    long diffMs = (System.nanoTime() - t1) / 1_000_000;
    System.out.println(
        "BENCH diff of two 5,000-relation snapshots: "
            + diffMs
            + " ms, "
            + drift.size()
            + " items");
    assertThat(drift).hasSize(2);
  }
}
