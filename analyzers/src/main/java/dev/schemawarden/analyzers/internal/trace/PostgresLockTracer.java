package dev.schemawarden.analyzers.internal.trace;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.WardenException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Traces migrations on a PostgreSQL replica. Per statement it reads the backend's own relation locks from
 * pg_locks (the ones that appeared during the statement, strongest per relation), compares relfilenodes
 * (rewrites, with the reason from a {@code table_rewrite} event trigger), takes the delta of the transaction's scan
 * counters against the relation's size (validation scans), and records created and dropped relations.
 * Non-transactional statements are observed from a second connection (see {@link OutsideTransactionObserver}).
 */
public final class PostgresLockTracer implements LockTracer {

  @Override
  public List<String> supportSql() {
    return TraceSupport.SQL;
  }

  @Override
  public TraceResult trace(
      Connections connections, List<Migration> migrations, TraceOptions options) {
    long t0 = System.nanoTime();
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "schemawarden-trace");
              t.setDaemon(true);
              return t;
            });
    try (Connection main = connections.open();
        Connection poller = connections.open()) {
      main.setAutoCommit(true);
      poller.setAutoCommit(true);
      ServerVersion version = TraceRun.serverVersion(main);
      TraceRun run = new TraceRun(main, poller, connections, options, worker);
      List<TraceResult.TracedStatement> statements = run.execute(migrations);
      return new TraceResult(
          statements,
          version,
          Duration.ofNanos(System.nanoTime() - t0),
          CatalogProbe.factsOf(run.facts(), statements));
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "lock tracing failed on the replica: "
              + e.getMessage()
              + "; check that the replica database is running and the sandbox role can connect",
          e);
    } finally {
      worker.shutdownNow();
    }
  }
}
