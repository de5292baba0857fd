package dev.schemawarden.replica.bench;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Replica and tracing benchmark on a generated 1,000-table schema. Not a JUnit test: run it with plain java (see
 * docs/benchmarks.md). Arguments: [tables] [path of a second-major binaries jar].
 */
public final class TraceBench {
  private TraceBench() {}

  public static void main(String[] args) {
    int tables = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    ReplicaSettings settings = ReplicaSettings.defaults();
    if (args.length > 1) {
      settings = settings.withBinariesJar(Path.of(args[1]));
    }
    long t0 = System.nanoTime();
    try (ReplicaProvider provider = ReplicaProvider.embedded(settings)) {
      System.out.printf("PostgreSQL %s, cluster start %d ms%n", provider.serverVersion(), ms(t0));
      SchemaSource schema = new SchemaSource.SqlDump(schema(tables));
      long t1 = System.nanoTime();
      Replica first = provider.create(schema);
      System.out.printf(
          "template build (%d tables) + first clone: %d ms (clone %d ms)%n",
          tables, ms(t1), first.cloneTime().toMillis());
      first.close();
      long[] clones = new long[7];
      for (int i = 0; i < clones.length; i++) {
        try (Replica r = provider.create(schema)) {
          clones[i] = r.cloneTime().toMillis();
        }
      }
      Arrays.sort(clones);
      System.out.printf(
          "clone (median of %d): %d ms, min %d, max %d%n",
          clones.length, clones[clones.length / 2], clones[0], clones[clones.length - 1]);
      rawClone(provider, first.database().isEmpty() ? "" : templateOf(provider, schema));
      long[] traces = new long[5];
      long[] overheads = new long[5];
      long[] setups = new long[5];
      for (int i = 0; i < traces.length; i++) {
        try (Replica r = provider.create(schema)) {
          TraceResult result =
              LockTracer.postgres()
                  .trace(r.connections(), List.of(migration()), TraceOptions.defaults());
          long setup;
          try (Replica empty = provider.create(schema)) {
            setup =
                LockTracer.postgres()
                    .trace(empty.connections(), List.of(), TraceOptions.defaults())
                    .total()
                    .toNanos();
          }
          long own =
              result.statements().stream()
                  .mapToLong(s -> s.effects().duration().orElse(Duration.ZERO).toNanos())
                  .sum();
          traces[i] = result.total().toMillis();
          overheads[i] =
              (result.total().toNanos() - setup - own) / result.statements().size() / 1000;
          setups[i] = setup / 1_000_000;
          result.firstProblem().ifPresent(p -> System.out.println("problem: " + p));
        }
      }
      Arrays.sort(traces);
      Arrays.sort(overheads);
      Arrays.sort(setups);
      System.out.printf(
          "trace of a 10-statement migration (median of %d): %d ms, of which session setup %d ms;"
              + " overhead per statement beyond its own time %.2f ms%n",
          traces.length,
          traces[traces.length / 2],
          setups[setups.length / 2],
          overheads[overheads.length / 2] / 1000.0);
    }
  }

  private static String templateOf(ReplicaProvider provider, SchemaSource schema) {
    return "warden_t_" + schema.hash().substring(0, 16) + "_%";
  }

  /** CREATE DATABASE alone, without the role hand-over, to show where clone time goes. */
  private static void rawClone(ReplicaProvider provider, String templatePattern) {
    if (!(provider
        instanceof dev.schemawarden.replica.internal.postgres.EmbeddedReplicaProvider e)) {
      return;
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(e.adminJdbcUrl());
        java.sql.Statement st = c.createStatement()) {
      java.sql.ResultSet rs =
          st.executeQuery(
              "SELECT datname FROM pg_database WHERE datname LIKE '" + templatePattern + "'");
      rs.next();
      String template = rs.getString(1);
      long[] times = new long[5];
      for (int i = 0; i < times.length; i++) {
        long t = System.nanoTime();
        st.execute("CREATE DATABASE bench_raw TEMPLATE " + template + " STRATEGY FILE_COPY");
        times[i] = ms(t);
        st.execute("DROP DATABASE bench_raw");
      }
      Arrays.sort(times);
      System.out.printf(
          "raw CREATE DATABASE ... STRATEGY FILE_COPY (median of 5): %d ms%n", times[2]);
    } catch (java.sql.SQLException ex) {
      System.out.println("raw clone failed: " + ex.getMessage());
    }
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  static String schema(int tables) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tables; i++) {
      sb.append("CREATE TABLE public.t")
          .append(i)
          .append(" (id bigint PRIMARY KEY, account_id bigint NOT NULL,")
          .append(
              " name varchar(100), status text DEFAULT 'new', amount numeric(12,2), created_at timestamptz")
          .append(" DEFAULT now());\n");
      sb.append("CREATE INDEX t")
          .append(i)
          .append("_account_idx ON public.t")
          .append(i)
          .append(" (account_id);\n");
      if (i > 0 && i % 10 == 0) {
        sb.append("ALTER TABLE public.t")
            .append(i)
            .append(" ADD CONSTRAINT t")
            .append(i)
            .append("_fk FOREIGN KEY (account_id) REFERENCES public.t0 (id);\n");
      }
    }
    sb.append(
        "INSERT INTO public.t1 SELECT g, g, 'n' || g, 'new', g, now() FROM generate_series(1, 10000) g;\n");
    return sb.toString();
  }

  static Migration migration() {
    String[] sqls = {
      "SET lock_timeout = '5s'",
      "ALTER TABLE t1 ADD COLUMN note text",
      "ALTER TABLE t1 ALTER COLUMN status SET DEFAULT 'open'",
      "ALTER TABLE t1 ADD CONSTRAINT t1_amount_check CHECK (amount >= 0) NOT VALID",
      "ALTER TABLE t1 VALIDATE CONSTRAINT t1_amount_check",
      "CREATE INDEX t1_status_idx ON t1 (status)",
      "ALTER TABLE t2 ADD COLUMN flag boolean DEFAULT false",
      "CREATE TABLE t_new (id bigint PRIMARY KEY, t1_id bigint REFERENCES t1 (id))",
      "ALTER TABLE t3 RENAME COLUMN name TO title",
      "UPDATE t1 SET note = 'x' WHERE id < 100"
    };
    List<SqlStatement> statements = new ArrayList<>();
    for (int i = 0; i < sqls.length; i++) {
      statements.add(
          new SqlStatement(
              i,
              sqls[i],
              SourceSpan.ofLine("V2__bench.sql", i + 1),
              new Change.Other("BENCH", Change.ObjectKind.OTHER, Optional.empty()),
              SqlStatement.ParsedBy.NONE,
              Optional.empty()));
    }
    return new Migration(
        "V2__bench.sql",
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.of("2"),
        "bench",
        true,
        statements,
        List.of());
  }
}
