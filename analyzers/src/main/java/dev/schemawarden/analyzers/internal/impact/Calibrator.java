package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.TraceAnalysis.Throughput;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Measures the replica server's rewrite, sequential-scan and index-build throughput on a generated table of about
 * {@code sampleBytes}, inside one transaction that is rolled back, so the replica keeps nothing. A constant would
 * be wrong by an order of magnitude between a laptop and a CI runner; the replica is the machine we can measure.
 */
public final class Calibrator {
  private static final long ROW_BYTES = 100; // 8 id + ~56 text + tuple header and line pointer

  private Calibrator() {}

  public static Throughput calibrate(Connection c, long sampleBytes) throws SQLException {
    long start = System.nanoTime();
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SET LOCAL max_parallel_workers_per_gather = 0");
      st.execute("SET LOCAL max_parallel_maintenance_workers = 0");
      st.execute("SET LOCAL statement_timeout = '60s'");
      long rows = Math.max(10_000, sampleBytes / ROW_BYTES);
      st.execute("CREATE TABLE warden_calibration (id bigint, payload text)");
      st.execute(
          "INSERT INTO warden_calibration SELECT g, md5(g::text) || md5((g * 7)::text)"
              + " FROM generate_series(1, "
              + rows
              + ") g");
      long bytes = bytes(st);
      // Warm the cache once so the scan measures the server, not the first read after the insert's
      // hint bits.
      st.execute("SELECT count(*) FROM warden_calibration");
      long t0 = System.nanoTime();
      st.execute("SELECT count(*) FROM warden_calibration WHERE payload IS NULL");
      long scan = System.nanoTime() - t0;
      t0 = System.nanoTime();
      st.execute("ALTER TABLE warden_calibration ALTER COLUMN id TYPE numeric");
      long rewrite = System.nanoTime() - t0;
      long rewritten = bytes(st);
      t0 = System.nanoTime();
      st.execute("CREATE INDEX ON warden_calibration (payload)");
      long index = System.nanoTime() - t0;
      return new Throughput(
          perSecond(rewritten, rewrite),
          perSecond(bytes, scan),
          perSecond(bytes, index),
          bytes,
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      c.rollback();
      c.setAutoCommit(auto);
    }
  }

  private static long bytes(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT pg_table_size('warden_calibration')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double perSecond(long bytes, long nanos) {
    return bytes / (Math.max(nanos, 1_000) / 1e9);
  }
}
