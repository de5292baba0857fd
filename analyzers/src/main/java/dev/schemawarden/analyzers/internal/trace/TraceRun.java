package dev.schemawarden.analyzers.internal.trace;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.StatementEffects.ObservedLock;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.TraceResult.Status;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import dev.schemawarden.analyzers.internal.postgres.PostgresLexer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;

/** One trace: the state that lives from the first statement to the last (caches, transaction, stop reason). */
final class TraceRun {
  private static final Pattern TX_CONTROL =
      Pattern.compile(
          "^(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\\b", Pattern.CASE_INSENSITIVE);

  private final Connection main;
  private final Connection poller;
  private final LockTracer.Connections connections;
  private final TraceOptions options;
  private final ExecutorService worker;
  private final int pid;
  private final int timeoutSeconds;
  private final boolean hasRewriteLog;
  private final Map<Long, CatalogProbe.Relation> preexisting;
  private final Map<String, TraceResult.RelationFacts> facts;
  private final long oidFloor;
  private final String baselineLockTimeout;
  private final Map<Long, Long> filenodes = new HashMap<>();
  private final Set<Long> createdSoFar = new HashSet<>();
  private final Set<Long> droppedSoFar = new HashSet<>();
  private final List<TracedStatement> out = new ArrayList<>();
  private final Set<String> heldInTx = new HashSet<>();
  private Map<Long, long[]> scanCounters = new HashMap<>();
  private long rewriteId;
  private String lockTimeout;
  private boolean wrapperOpen;

  /** The after-statement probe, prepared once per trace (see {@link CatalogProbe#afterStatementSql}). */
  private java.sql.PreparedStatement probe;

  /** lock_timeout as the probe read it after the last statement; empty when it must be read separately. */
  private Optional<String> probedLockTimeout = Optional.empty();

  private Optional<String> stopReason = Optional.empty();

  /** The main session was ended from outside (the replica's watchdog) or lost: nothing more runs on it. */
  private boolean broken;

  private final TraceCaps caps;

  /** The replica's own version: what it refuses inside a transaction block depends on it. */
  private final ServerVersion version;

  TraceRun(
      Connection main,
      Connection poller,
      LockTracer.Connections connections,
      TraceOptions options,
      ExecutorService worker)
      throws SQLException {
    this.main = main;
    this.poller = poller;
    this.connections = connections;
    this.options = options;
    this.worker = worker;
    this.caps = new TraceCaps(options);
    this.version = serverVersion(main);
    long budgetMs = options.statementBudget().toMillis();
    this.timeoutSeconds = (int) Math.max(1, (budgetMs + 1999) / 1000);
    try (Statement st = main.createStatement()) {
      st.execute("SET max_parallel_maintenance_workers = 0");
      st.execute("SET statement_timeout = '" + budgetMs + "ms'");
      st.execute("SET lock_timeout = '" + options.sandboxLockTimeout().toMillis() + "ms'");
      st.execute("SET application_name = 'schemawarden-trace'");
    }
    this.pid = (int) CatalogProbe.single(main, "SELECT pg_backend_pid()");
    this.hasRewriteLog =
        CatalogProbe.single(
                    main,
                    "SELECT count(*) FROM pg_event_trigger WHERE evtname = 'warden_table_rewrite' AND evtenabled <> 'D'")
                > 0
            && CatalogProbe.single(
                    main,
                    "SELECT count(*) FROM pg_class WHERE oid = to_regclass('"
                        + TraceSupport.REWRITES
                        + "')")
                > 0;
    this.rewriteId =
        hasRewriteLog
            ? CatalogProbe.single(main, "SELECT coalesce(max(id), 0) FROM " + TraceSupport.REWRITES)
            : 0;
    this.preexisting = CatalogProbe.userRelations(main);
    this.facts = CatalogProbe.relationFacts(main);
    preexisting.values().forEach(r -> filenodes.put(r.oid(), r.filenode()));
    this.oidFloor = CatalogProbe.maxOid(main);
    this.baselineLockTimeout = CatalogProbe.text(main, "SELECT current_setting('lock_timeout')");
    this.lockTimeout = baselineLockTimeout;
  }

  static ServerVersion serverVersion(Connection c) throws SQLException {
    return ServerVersion.fromVersionNum(
        (int) CatalogProbe.single(c, "SELECT current_setting('server_version_num')::int"));
  }

  List<TracedStatement> execute(List<Migration> migrations) throws SQLException {
    try {
      for (Migration m : migrations) {
        if (m.runInTransaction() && stopReason.isEmpty()) {
          begin();
          wrapperOpen = true;
        }
        for (SqlStatement s : m.statements()) {
          Optional<String> pastCap = stopReason.isPresent() ? Optional.empty() : caps.count(s);
          if (stopReason.isPresent()) {
            out.add(skipped(m, s, Status.NOT_RUN, stopReason.get()));
          } else if (pastCap.isPresent()) {
            out.add(capped(m, s, pastCap.get()));
          } else {
            traceGuarded(m, s);
          }
        }
        if (wrapperOpen && stopReason.isEmpty() && txOpen()) {
          exec("COMMIT");
        }
        wrapperOpen = false;
      }
    } finally {
      if (!broken && txOpen()) {
        exec("ROLLBACK"); // the last, failed or unfinished transaction: nothing of it is kept
      }
      if (probe != null && !broken) {
        probe.close();
      }
    }
    return out;
  }

  /**
   * Traces one statement; when the session is ended under it (the watchdog terminated the backend, even between
   * the statement and its probe or COMMIT), the statement is reported as stopped instead of failing the trace.
   */
  private void traceGuarded(Migration m, SqlStatement s) throws SQLException {
    int before = out.size();
    long t0 = System.nanoTime();
    try {
      traceOne(m, s);
    } catch (SQLException e) {
      if (!connectionLost(e)) {
        throw e;
      }
      if (out.size() > before) {
        out.remove(
            out.size()
                - 1); // it ran, but its transaction ended with the session: report the stop on it
      }
      out.add(
          failed(
              m,
              s,
              e,
              Duration.ofNanos(System.nanoTime() - t0),
              Map.of(),
              Optional.empty(),
              wrapperOpen));
    }
  }

  private TracedStatement capped(Migration m, SqlStatement s, String cap) {
    stopReason =
        Optional.of("not run: the trace stopped at " + m.path() + ":" + s.line() + ", past " + cap);
    return new TracedStatement(
        m.path(),
        s,
        Status.TIMED_OUT,
        new StatementEffects(
            StatementEffects.Source.TRACED,
            List.of(),
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.of(
                "not run: past "
                    + cap
                    + "; nothing from here on was traced, split the change into"
                    + " smaller pull requests"),
            Optional.empty()),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        false,
        List.of(),
        List.of());
  }

  private boolean connectionLost(SQLException e) throws SQLException {
    return TraceCaps.sessionLost(e, main.isClosed());
  }

  private void traceOne(Migration m, SqlStatement s) throws SQLException {
    Optional<String> refusal = PostgresSandboxGuard.refusal(s.sql());
    if (refusal.isPresent()) {
      out.add(skipped(m, s, Status.REFUSED, refusal.get()));
      return;
    }
    if (s.change() instanceof Change.MetaCommand mc) {
      out.add(
          skipped(
              m,
              s,
              Status.REFUSED,
              "psql meta-command " + mc.command() + " is not SQL; not executed"));
      return;
    }
    if (isTransactionControl(s)) {
      runTransactionControl(m, s);
      return;
    }
    probedLockTimeout = Optional.empty();
    boolean outside = options.runsOutsideTransaction().test(s, version);
    boolean reopen = false;
    if (outside && wrapperOpen && txOpen()) {
      // The tool runs a non-transactional statement outside its wrapper (Flyway executes such
      // scripts without one).
      exec("COMMIT");
      reopen = true;
    }
    if (outside && !txOpen()) {
      traceOutside(m, s);
    } else {
      traceInside(m, s);
    }
    if (reopen && stopReason.isEmpty()) {
      begin();
    }
    if (stopReason.isEmpty()) {
      lockTimeout =
          probedLockTimeout.isPresent() && !reopen
              ? probedLockTimeout.get()
              : CatalogProbe.text(main, "SELECT current_setting('lock_timeout')");
    }
  }

  private void traceInside(Migration m, SqlStatement s) throws SQLException {
    boolean autoWrap = !txOpen();
    if (autoWrap) {
      begin(); // an autocommit statement is its own transaction: make it explicit so it can be
      // observed
    }
    Optional<String> effectiveLockTimeout = effectiveLockTimeout();
    long t0 = System.nanoTime();
    try (Statement st = main.createStatement()) {
      st.setQueryTimeout(timeoutSeconds);
      st.execute(s.sql());
    } catch (SQLException e) {
      out.add(
          failed(
              m,
              s,
              e,
              Duration.ofNanos(System.nanoTime() - t0),
              Map.of(),
              effectiveLockTimeout,
              true));
      return;
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - t0);
    if (probe == null) {
      probe = main.prepareStatement(CatalogProbe.afterStatementSql(hasRewriteLog));
    }
    CatalogProbe.AfterStatement after =
        CatalogProbe.afterStatement(probe, hasRewriteLog, oidFloor, rewriteId);
    if (!autoWrap) {
      probedLockTimeout =
          Optional.of(after.lockTimeout()); // after a COMMIT a SET LOCAL would be gone: re-read
    }
    Map<Long, LockMode> appeared = new HashMap<>();
    Map<Long, LockMode> held = new HashMap<>();
    for (CatalogProbe.LockRow row : after.locks()) {
      if (preexisting.containsKey(row.oid())) {
        held.merge(row.oid(), row.mode(), TraceRun::stronger);
        if (heldInTx.add(row.oid() + ":" + row.mode())) {
          appeared.merge(row.oid(), row.mode(), TraceRun::stronger);
        }
      }
    }
    Map<Long, CatalogProbe.Detail> details = new LinkedHashMap<>(after.details());
    details.keySet().retainAll(held.keySet());
    Observed observed = observe(s, details, after.rewrites(), after.created(), true);
    out.add(
        new TracedStatement(
            m.path(),
            s,
            Status.OK,
            effects(appeared, observed, duration, Optional.empty()),
            Optional.empty(),
            toLocks(held),
            effectiveLockTimeout,
            true,
            observed.created(),
            observed.dropped()));
    if (autoWrap && txOpen()) {
      exec("COMMIT");
    }
  }

  private void traceOutside(Migration m, SqlStatement s) throws SQLException {
    Optional<String> effectiveLockTimeout = effectiveLockTimeout();
    List<String> targets = TargetTables.resolve(main, s.change(), preexisting);
    OutsideTransactionObserver.Outcome outcome =
        OutsideTransactionObserver.run(
            worker, main, pid, poller, connections, targets, s.sql(), timeoutSeconds);
    Map<Long, LockMode> seen = new HashMap<>(outcome.strongest());
    seen.keySet().retainAll(preexisting.keySet());
    if (outcome.error().isPresent()) {
      out.add(
          failed(
              m, s, outcome.error().get(), outcome.duration(), seen, effectiveLockTimeout, false));
      return;
    }
    // The poller samples: a short statement (VACUUM FULL of a small table) can rewrite a relation
    // whose lock it never saw, so every pre-existing relation's file is compared, not only the
    // locked ones.
    Set<Long> inspected = new HashSet<>(preexisting.keySet());
    Observed observed =
        observe(
            s,
            CatalogProbe.details(main, inspected),
            hasRewriteLog
                ? CatalogProbe.rewriteEvents(main, rewriteId)
                : new CatalogProbe.RewriteEvents(Map.of(), rewriteId),
            CatalogProbe.createdSince(main, oidFloor),
            false);
    out.add(
        new TracedStatement(
            m.path(),
            s,
            Status.OK,
            effects(seen, observed, outcome.duration(), Optional.empty()),
            Optional.empty(),
            List.of(),
            effectiveLockTimeout,
            false,
            observed.created(),
            observed.dropped()));
  }

  private record Observed(
      List<StatementEffects.Rewrite> rewrites,
      List<StatementEffects.Scan> scans,
      List<String> created,
      List<String> dropped) {}

  private Observed observe(
      SqlStatement s,
      Map<Long, CatalogProbe.Detail> details,
      CatalogProbe.RewriteEvents events,
      Map<Long, String> createdNow,
      boolean inTransaction) {
    rewriteId = events.lastId();
    Map<Long, Integer> reasons = events.reasons();
    List<StatementEffects.Rewrite> rewrites = new ArrayList<>();
    List<StatementEffects.Scan> scans = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (CatalogProbe.Detail d : details.values()) {
      CatalogProbe.Relation rel = preexisting.get(d.oid());
      if (!d.exists()) {
        if (droppedSoFar.add(d.oid())) {
          dropped.add(rel.name());
        }
        continue;
      }
      boolean rewritten =
          d.filenode() != 0 && d.filenode() != filenodes.getOrDefault(d.oid(), d.filenode());
      if (rewritten) {
        Integer bits = reasons.get(d.oid());
        rewrites.add(
            new StatementEffects.Rewrite(
                rel.name(),
                bits != null ? TraceSupport.describeReason(bits) : fallbackReason(s, rel)));
      }
      filenodes.put(d.oid(), d.filenode());
      if (inTransaction && (rel.kind() == 'r' || rel.kind() == 'm')) {
        long[] base = scanCounters.getOrDefault(d.oid(), new long[2]);
        long scanDelta = d.scans() - base[0];
        long blockDelta = d.blocksFetched() - base[1];
        scanCounters.put(d.oid(), new long[] {d.scans(), d.blocksFetched()});
        if (!rewritten && scanDelta > 0 && d.pages() > 0 && blockDelta >= d.pages()) {
          scans.add(
              new StatementEffects.Scan(
                  rel.name(),
                  "read in full: "
                      + blockDelta
                      + " blocks fetched for a "
                      + d.pages()
                      + "-page table"));
        }
      }
    }
    // pg_locks (and so the details) come in no fixed order: sort, so one input always gives one
    // report
    rewrites.sort(Comparator.comparing(StatementEffects.Rewrite::relation));
    scans.sort(Comparator.comparing(StatementEffects.Scan::relation));
    dropped.sort(Comparator.naturalOrder());
    List<String> created = new ArrayList<>();
    createdNow.forEach(
        (oid, name) -> {
          if (createdSoFar.add(oid)) {
            created.add(name);
          }
        });
    return new Observed(rewrites, scans, created, dropped);
  }

  private static String fallbackReason(SqlStatement s, CatalogProbe.Relation rel) {
    String[] words = PostgresLexer.withoutComments(s.sql()).toUpperCase(Locale.ROOT).split(" ");
    String what = words.length > 1 ? words[0] + " " + words[1] : words[0];
    return (rel.kind() == 'i' ? StatementEffects.Rewrite.INDEX_REBUILT : "new storage file")
        + " ("
        + what
        + ")";
  }

  private void runTransactionControl(Migration m, SqlStatement s) throws SQLException {
    long t0 = System.nanoTime();
    try {
      exec(s.sql());
    } catch (SQLException e) {
      out.add(
          failed(
              m,
              s,
              e,
              Duration.ofNanos(System.nanoTime() - t0),
              Map.of(),
              Optional.empty(),
              txOpen()));
      return;
    }
    if (txOpen() && heldInTx.isEmpty()) {
      startTx();
    } else if (!txOpen()) {
      heldInTx.clear();
      wrapperOpen = false;
    }
    out.add(
        new TracedStatement(
            m.path(),
            s,
            Status.OK,
            effects(
                Map.of(),
                new Observed(List.of(), List.of(), List.of(), List.of()),
                Duration.ofNanos(System.nanoTime() - t0),
                Optional.empty()),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            txOpen(),
            List.of(),
            List.of()));
  }

  private static boolean isTransactionControl(SqlStatement s) {
    if (s.change() instanceof Change.Transaction t) {
      return t.kind() != Change.Transaction.TxKind.PREPARE;
    }
    return (s.change() instanceof Change.Other || s.change() instanceof Change.Unknown)
        && TX_CONTROL.matcher(PostgresLexer.withoutComments(s.sql())).find();
  }

  private TracedStatement failed(
      Migration m,
      SqlStatement s,
      SQLException e,
      Duration d,
      Map<Long, LockMode> locks,
      Optional<String> lockTimeoutThen,
      boolean inTransaction)
      throws SQLException {
    String state = Optional.ofNullable(e.getSQLState()).orElse("?????");
    boolean lost = connectionLost(e);
    broken |= lost;
    // The watchdog records its reason before it cancels or terminates, so it is there when the
    // error arrives.
    Optional<String> fromOutside =
        lost || "57014".equals(state) ? connections.stopReason() : Optional.empty();
    // 53400: a limit the replica sets on the sandbox (temp_file_limit), not something production
    // would refuse
    boolean overLimit = "53400".equals(state);
    boolean timedOut = "57014".equals(state) || overLimit || fromOutside.isPresent();
    String message =
        e instanceof PSQLException p && p.getServerErrorMessage() != null
            ? p.getServerErrorMessage().getMessage()
            : e.getMessage();
    // PostgreSQL, not the text filter, decides what is an escape: a privilege error the sandbox
    // role got for it
    Optional<String> escape =
        timedOut || lost || fromOutside.isPresent()
            ? Optional.empty()
            : PostgresSandboxGuard.refusedByServer(s.sql(), state, String.valueOf(message));
    String error =
        fromOutside.isPresent()
            ? fromOutside.get() + " (" + message + ", SQLSTATE " + state + ")"
            : overLimit
                ? "stopped by the replica's resource limit: "
                    + message
                    + " (SQLSTATE "
                    + state
                    + ")"
                : timedOut
                    ? "stopped after the statement budget of "
                        + options.statementBudget().toSeconds()
                        + " s (statement_timeout): "
                        + message
                        + " (SQLSTATE "
                        + state
                        + ")"
                    : lost
                        ? "the replica ended the session during this statement: "
                            + message
                            + " (SQLSTATE "
                            + state
                            + ")"
                        : escape.orElse(message + " (SQLSTATE " + state + ")");
    stopReason =
        Optional.of(
            lost || fromOutside.isPresent()
                ? "not run: the trace stopped at "
                    + m.path()
                    + ":"
                    + s.line()
                    + ": "
                    + fromOutside.orElse("the replica ended the session")
                : "not run: "
                    + m.path()
                    + ":"
                    + s.line()
                    + " failed before it"
                    + (inTransaction ? " and aborted its transaction" : "")
                    + ", and the migration tool stops there");
    return new TracedStatement(
        m.path(),
        s,
        timedOut ? Status.TIMED_OUT : escape.isPresent() ? Status.REFUSED : Status.FAILED,
        new StatementEffects(
            StatementEffects.Source.TRACED,
            toLocks(locks),
            List.of(),
            List.of(),
            Optional.of(d),
            Optional.of(error),
            Optional.empty()),
        Optional.of(state),
        List.of(),
        lockTimeoutThen,
        inTransaction,
        List.of(),
        List.of());
  }

  private static TracedStatement skipped(Migration m, SqlStatement s, Status status, String why) {
    return new TracedStatement(
        m.path(),
        s,
        status,
        new StatementEffects(
            StatementEffects.Source.TRACED,
            List.of(),
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.of(why),
            Optional.empty()),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        false,
        List.of(),
        List.of());
  }

  private StatementEffects effects(
      Map<Long, LockMode> locks, Observed o, Duration d, Optional<String> error) {
    return new StatementEffects(
        StatementEffects.Source.TRACED,
        toLocks(locks),
        o.rewrites(),
        o.scans(),
        Optional.of(d),
        error,
        Optional.empty());
  }

  /** Catalog facts of every pre-existing relation, read before the first statement. */
  Map<String, TraceResult.RelationFacts> facts() {
    return facts;
  }

  private List<ObservedLock> toLocks(Map<Long, LockMode> locks) {
    return locks.entrySet().stream()
        .map(e -> new ObservedLock(preexisting.get(e.getKey()).name(), e.getValue()))
        .sorted(Comparator.comparing(ObservedLock::relation))
        .toList();
  }

  private Optional<String> effectiveLockTimeout() {
    return lockTimeout.equals(baselineLockTimeout) ? Optional.empty() : Optional.of(lockTimeout);
  }

  private static LockMode stronger(LockMode a, LockMode b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private void begin() throws SQLException {
    exec("BEGIN");
    startTx();
  }

  private void startTx() throws SQLException {
    heldInTx.clear();
    // xact statistics may carry counts not yet flushed from earlier transactions: take a baseline,
    // use deltas.
    scanCounters = CatalogProbe.scanBaseline(main);
  }

  private boolean txOpen() throws SQLException {
    return main.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
  }

  private void exec(String sql) throws SQLException {
    try (Statement st = main.createStatement()) {
      st.execute(sql);
    }
  }
}
