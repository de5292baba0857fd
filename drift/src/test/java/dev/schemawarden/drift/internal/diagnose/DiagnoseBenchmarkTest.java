package dev.schemawarden.drift.internal.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.internal.snapshot.TestClusters;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code warden diagnose} on a generated 1,000-table database (each table: serial, primary key, an unindexed
 * foreign key to the previous table, two indexes), and what it costs production. Tagged {@code bench}: excluded
 * from default runs; see docs/benchmarks.md for the command and the figures.
 */
@Tag("bench")
class DiagnoseBenchmarkTest {
  @Test
  void diagnose_of_1000_tables() throws Exception {
    String db = TestClusters.createDatabase("diag_bench");
    StringBuilder ddl = new StringBuilder("CREATE TABLE t0 (id serial PRIMARY KEY);");
    for (int i = 1; i <= 1000; i++) {
      ddl.append("CREATE TABLE t")
          .append(i)
          .append(" (id serial PRIMARY KEY, parent int REFERENCES t")
          .append(i - 1)
          .append(" (id), a int NOT NULL DEFAULT 0, b text);")
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
    TestClusters.script(db, ddl.toString());
    DiagnoseSettings now = DiagnoseSettings.defaults().withWindow(Duration.ZERO);
    try (Connection c = TestClusters.admin(db)) {
      Diagnoses.run(c, now); // warm-up: JIT and catalog caches
      long t0 = System.nanoTime();
      Diagnosis d = Diagnoses.run(c, now);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println(
          "BENCH diagnose of 1001 tables: "
              + ms
              + " ms wall, "
              + d.queries()
              + " queries, "
              + d.queryTime().toMillis()
              + " ms of queries, "
              + d.problems().size()
              + " problems");
      assertThat(d.problems()).filteredOn(p -> p.check().equals("DG105")).hasSize(1000);
      assertThat(ms).as("the issue's budget").isLessThan(5_000);
    }
  }
}
