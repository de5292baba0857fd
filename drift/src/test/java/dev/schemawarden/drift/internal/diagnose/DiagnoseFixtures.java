package dev.schemawarden.drift.internal.diagnose;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Linter;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.drift.api.ProposedFix;
import dev.schemawarden.drift.internal.snapshot.TestClusters;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** Databases with real data and real statistics: one with every problem diagnose checks, one without. */
final class DiagnoseFixtures {
  private DiagnoseFixtures() {}

  static void sick(String db) throws Exception {
    exec(
        db,
        "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL,"
            + " CONSTRAINT customers_email_key UNIQUE (email))",
        "CREATE INDEX customers_email_idx ON customers (email)",
        "INSERT INTO customers (email) SELECT 'c' || g || '@example.com' FROM generate_series(1, 1000) g",
        "CREATE TABLE orders (id serial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),"
            + " note text, created date NOT NULL DEFAULT current_date)",
        "CREATE INDEX orders_customer_id_idx ON orders (customer_id)",
        "CREATE INDEX orders_note_idx ON orders (note)",
        "INSERT INTO orders (customer_id, note) SELECT 1 + g % 1000, md5(g::text) FROM generate_series(1, 40000) g",
        "UPDATE orders SET note = md5(note) WHERE id <= 2000",
        "CREATE TABLE order_lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " order_id int NOT NULL REFERENCES orders (id), qty int NOT NULL)",
        "INSERT INTO order_lines (order_id, qty) SELECT g, 1 FROM generate_series(1, 500) g",
        "DELETE FROM orders WHERE id > 39000",
        "CREATE TABLE partial_refs (id int PRIMARY KEY, customer_id bigint REFERENCES customers (id))",
        "CREATE INDEX partial_refs_customer_id_idx ON partial_refs (customer_id) WHERE customer_id IS NOT NULL",
        "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL,"
            + " at timestamptz NOT NULL)",
        "INSERT INTO events (kind, at) SELECT 'k' || (g % 50), now() - g * interval '1 minute'"
            + " FROM generate_series(1, 5000) g",
        "CREATE INDEX events_kind_at_idx ON events (kind, at)",
        "CREATE INDEX events_kind_idx ON events (kind)",
        "CREATE TABLE dupes (id int PRIMARY KEY, val int)",
        "INSERT INTO dupes SELECT g, g % 10 FROM generate_series(1, 100) g",
        "CREATE TABLE tickets (id serial PRIMARY KEY, subject text)",
        "SELECT setval('tickets_id_seq', 1825361100)",
        "CREATE TABLE audit_log (at timestamptz NOT NULL, what text)",
        "INSERT INTO audit_log SELECT now(), 'x' FROM generate_series(1, 10)",
        "UPDATE audit_log SET what = 'y'",
        "CREATE TABLE codes (code text NOT NULL, CONSTRAINT codes_code_key UNIQUE (code))",
        "CREATE TABLE measurements (customer_id bigint REFERENCES customers (id), at date NOT NULL, v int)"
            + " PARTITION BY RANGE (at)",
        "CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
        "CREATE INDEX measurements_v_idx ON measurements (v)",
        "ANALYZE");
    bloated(db, "bloated");
    failedConcurrentBuild(db, "CREATE UNIQUE INDEX CONCURRENTLY dupes_val_idx ON dupes (val)");
    // Scans that make the wider index and the constraint indexes used; the narrow one overlaps it
    // all the same.
    exec(
        db,
        "SET enable_seqscan = off",
        "SET enable_bitmapscan = off",
        "SELECT count(*) FROM events WHERE kind = 'k1' AND at > now() - interval '1 day'",
        "SELECT count(*) FROM orders WHERE customer_id = 5",
        "SELECT count(kind) FROM events WHERE kind = 'k2'",
        "SELECT pg_stat_force_next_flush()");
    awaitStats(
        db,
        "SELECT least((SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'events_kind_at_idx'),"
            + " (SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'events_kind_idx'))");
  }

  /**
   * 20,000 rows of which 90% deleted with autovacuum off for the table, then analyzed: about 1.4 MB of pages for
   * 2,000 live rows, the dead space real and never vacuumed.
   */
  static void bloated(String db, String table) throws SQLException {
    String t = dev.schemawarden.analyzers.api.Identifiers.quote(table);
    exec(
        db,
        "CREATE TABLE "
            + t
            + " (id int PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = off)",
        "INSERT INTO "
            + t
            + " SELECT g, md5(g::text) || md5(g::text) FROM generate_series(1, 20000) g",
        "DELETE FROM " + t + " WHERE id % 10 <> 0",
        "ANALYZE " + t);
  }

  static void healthy(String db) throws Exception {
    exec(
        db,
        "CREATE TABLE parents (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)",
        "CREATE TABLE children (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " parent_id bigint NOT NULL REFERENCES parents (id) ON DELETE CASCADE)",
        "CREATE INDEX children_parent_id_idx ON children (parent_id)",
        "INSERT INTO parents (name) SELECT 'p' || g FROM generate_series(1, 100) g",
        "INSERT INTO children (parent_id) SELECT 1 + g % 100 FROM generate_series(1, 1000) g",
        "ANALYZE",
        "SET enable_seqscan = off",
        "DELETE FROM parents WHERE id = 1",
        "SELECT pg_stat_force_next_flush()");
    awaitStats(
        db,
        "SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'children_parent_id_idx'");
  }

  /** Lints a proposed migration as its tool would run it: in a transaction unless it must not be. */
  static List<Finding> lint(ProposedFix fix, String path) {
    DatabaseEngine postgres = Engines.forName("postgres");
    SqlParser.ParsedSql parsed = postgres.parser().parse(path, fix.sql());
    Migration m =
        new Migration(
            path,
            MigrationTool.PLAIN,
            Migration.Kind.PLAIN,
            Optional.empty(),
            fix.summary(),
            !fix.outsideTransaction(),
            parsed.statements(),
            parsed.comments());
    return Linter.builtIn(postgres, LintSettings.defaults()).lint(List.of(m));
  }

  static void exec(String db, String... sql) throws SQLException {
    try (Connection c = TestClusters.admin(db);
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  /** A concurrent build that fails (duplicates for a unique index) leaves its index INVALID. */
  static void failedConcurrentBuild(String db, String sql) throws SQLException {
    try {
      exec(db, sql);
      throw new IllegalStateException("expected the build to fail: " + sql);
    } catch (SQLException expected) {
      // 23505: the index stays, invalid
    }
  }

  /** Statistics reach the shared counters asynchronously: wait until {@code sql} counts at least one. */
  static void awaitStats(String db, String sql) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Connection c = TestClusters.admin(db);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        if (rs.next() && rs.getLong(1) > 0) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("statistics never showed: " + sql);
  }
}
