package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.StatementEffects.Impact;
import dev.schemawarden.analyzers.api.TraceAnalysis.ForeignKeyGap;
import dev.schemawarden.analyzers.api.TraceAnalysis.Result;
import dev.schemawarden.analyzers.api.TraceAnalysis.Statistics;
import dev.schemawarden.analyzers.api.TraceAnalysis.Throughput;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.TraceResult.Status;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns a trace plus impact into TR101-TR110 findings (TR109/TR110: {@link UnnamedRelations}). Pure: no I/O. */
public final class TraceVerdicts {

  private TraceVerdicts() {}

  public static Result analyze(
      TraceResult trace,
      Function<TracedStatement, Optional<StatementEffects>> predicted,
      Statistics statistics,
      Optional<Throughput> measured,
      List<ForeignKeyGap> gaps) {
    if (measured.isEmpty()) {
      statistics =
          Statistics
              .NONE; // estimates divide by the throughput: without it statistics cannot be used
    }
    Throughput throughput = measured.orElse(new Throughput(1, 1, 1, 0, Duration.ZERO));
    List<StatementEffects> effects = new ArrayList<>();
    List<Optional<Impact>> impacts = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (TracedStatement ts : trace.statements()) {
      Optional<String> predictedScan =
          statistics.present() && ts.effects().scans().isEmpty()
              ? predicted
                  .apply(ts)
                  .flatMap(p -> p.scans().stream().map(StatementEffects.Scan::relation).findFirst())
              : Optional.empty();
      Optional<Impact> impact =
          ts.status() == Status.OK
              ? ImpactEstimator.estimate(ts, predictedScan.isPresent(), statistics, throughput)
              : Optional.empty();
      impacts.add(impact);
      StatementEffects e = ts.effects();
      effects.add(
          new StatementEffects(
              e.source(),
              withHeldLocks(ts, predicted.apply(ts)),
              e.rewrites(),
              e.scans(),
              e.duration(),
              e.error(),
              impact));
      Severity bySeverity = ImpactEstimator.severity(impact, statistics);
      String weight = impact.map(TraceVerdicts::estimated).orElse("");
      switch (ts.status()) {
        case FAILED ->
            findings.add(
                finding(
                    TraceRules.TR101,
                    Severity.ERROR,
                    ts,
                    "fails on production's schema: PostgreSQL says "
                        + e.error().orElse("an error")
                        + ts.sqlState()
                            .filter(c -> !e.error().orElse("").contains(c))
                            .map(c -> " (SQLSTATE " + c + ")")
                            .orElse("")
                        + ". The migration passes static checks but would fail in the deploy."));
        case TIMED_OUT ->
            findings.add(
                finding(
                    TraceRules.TR107,
                    Severity.ERROR,
                    ts,
                    "stopped on the replica by a budget: "
                        + e.error().orElse("timed out")
                        + (ts.sqlState().filter("57014"::equals).isPresent()
                            ? "; on production, with data, it would run longer still"
                            : "; nothing after it was traced")));
        case REFUSED ->
            findings.add(
                finding(
                    TraceRules.TR108,
                    Severity.ERROR,
                    ts,
                    "tried to reach outside the replica sandbox (`"
                        + quote(ts.statement().sql())
                        + "`): "
                        + e.error().orElse("refused")
                        + ". A person must look at it before it runs anywhere."));
        case OK -> {
          if (!e.rewrites().isEmpty()) {
            String what =
                e.rewrites().stream()
                    .map(r -> r.relation() + " (" + r.reason() + ")")
                    .collect(Collectors.joining(", "));
            // The concern is the table's rewrite (as LK113 predicts it): its indexes, rebuilt with
            // it, may sort first.
            String table =
                e.rewrites().stream()
                    .filter(r -> !r.indexRebuilt())
                    .findFirst()
                    .orElse(e.rewrites().get(0))
                    .relation();
            findings.add(
                finding(
                    TraceRules.TR102,
                    bySeverity,
                    ts,
                    Concerns.rewrite(table),
                    weighed(statistics, impact),
                    "rewrote "
                        + what
                        + " under "
                        + impact.map(i -> i.mode().sqlName()).orElse("ACCESS EXCLUSIVE")
                        + "."
                        + weight));
          }
          for (StatementEffects.Scan scan : scans(ts, predictedScan)) {
            Optional<LockMode> lock = ts.lockOn(scan.relation());
            if (lock.isPresent() && lock.get().blocksWrites()) {
              findings.add(
                  finding(
                      TraceRules.TR103,
                      bySeverity,
                      ts,
                      Concerns.scan(scan.relation()),
                      weighed(statistics, impact),
                      "full scan of "
                          + scan.relation()
                          + " ("
                          + scan.reason()
                          + ") while holding "
                          + lock.get().sqlName()
                          + ", which blocks writes."
                          + weight));
            }
          }
          Optional<StatementEffects.ObservedLock> dangerous = strongest(trace, ts);
          if (dangerous.isPresent() && lockTimeoutUnset(ts)) {
            findings.add(
                finding(
                    TraceRules.TR104,
                    lockTimeoutSeverity(dangerous.get().mode(), impact, statistics),
                    ts,
                    Concerns.LOCK_TIMEOUT,
                    weighed(statistics, impact),
                    dangerous.get().mode().sqlName()
                        + " on "
                        + onTable(trace, dangerous.get().relation())
                        + " taken with lock_timeout not set (0: waits forever behind any conflicting transaction, and "
                        + "every later query on the table queues behind it); "
                        + LockConflicts.describe(dangerous.get().mode())
                        + ".",
                    Fix.advice(
                        "set a lock_timeout before the statement and retry on timeout",
                        "SET lock_timeout = '2s';")));
          }
        }
        case NOT_RUN -> {}
      }
    }
    findings.addAll(afterAccessExclusive(trace.statements(), impacts, statistics));
    findings.addAll(UnnamedRelations.findings(trace, statistics));
    for (ForeignKeyGap gap : gaps) {
      findings.add(foreignKey(gap, trace.statements()));
    }
    return new Result(effects, findings);
  }

  /**
   * The strongest write-blocking lock of the statement, preferring a relation the statement names on a tie (a
   * dropped foreign key locks its referenced table as hard as its own).
   */
  private static Optional<StatementEffects.ObservedLock> strongest(
      TraceResult trace, TracedStatement ts) {
    List<QualifiedName> named = UnnamedRelations.named(ts.statement().change());
    java.util.function.Predicate<String> isNamed =
        r ->
            named.stream().anyMatch(n -> n.matches(QualifiedName.parse(trace.tableOf(r))))
                || named.stream().anyMatch(n -> n.matches(QualifiedName.parse(r)));
    return ts.effects().locks().stream()
        .filter(l -> l.mode().blocksWrites())
        .max(
            java.util.Comparator.comparing(StatementEffects.ObservedLock::mode)
                .thenComparing(l -> isNamed.test(l.relation())));
  }

  /** {@code public.orders} for a lock on the table or on one of its indexes (which then is named too). */
  private static String onTable(TraceResult trace, String relation) {
    String table = trace.tableOf(relation);
    return table.equals(relation) ? relation : table + " (index " + relation + ")";
  }

  /** Whether production statistics weighed the statement's impact (else its severity is only a default). */
  /**
   * The sentence TR102 adds when production's statistics weigh a statement, on either engine: {@code Estimated on
   * production (public.orders is 41 GiB, ~2,100,000 rows): 6.2 min (...); blocks writes.}
   */
  static String estimated(Impact i) {
    return " Estimated on production"
        + (i.relationBytes() > 0
            ? String.format(
                Locale.ROOT,
                " (%s is %s, ~%,d rows)",
                i.relation(),
                ByteSize.format(i.relationBytes()),
                i.rows())
            : "")
        + ": "
        + HumanDuration.format(i.estimatedLockHeld())
        + " ("
        + i.computation()
        + "); "
        + i.blocks()
        + ".";
  }

  private static boolean weighed(Statistics statistics, Optional<Impact> impact) {
    return impact.isPresent()
        && ImpactEstimator.stats(statistics, impact.get().relation()).isPresent();
  }

  private static List<StatementEffects.Scan> scans(
      TracedStatement ts, Optional<String> predictedScan) {
    if (!ts.effects().scans().isEmpty() || predictedScan.isEmpty()) {
      return ts.effects().scans();
    }
    return List.of(
        new StatementEffects.Scan(
            predictedScan.get(),
            "predicted by the static analyzer: the schema-only replica has no rows to read"));
  }

  private static boolean lockTimeoutUnset(TracedStatement ts) {
    return ts.lockTimeout().map(v -> v.isBlank() || v.trim().equals("0")).orElse(true);
  }

  private static Severity lockTimeoutSeverity(
      LockMode mode, Optional<Impact> impact, Statistics statistics) {
    Optional<Impact> i = impact;
    if (i.isEmpty() || ImpactEstimator.stats(statistics, i.get().relation()).isEmpty()) {
      return Severity.INFO;
    }
    var s = ImpactEstimator.stats(statistics, i.get().relation()).get();
    if (s.rows() == 0 && s.tableBytes() < ImpactEstimator.EMPTY_BYTES) {
      return Severity.INFO;
    }
    return mode == LockMode.ACCESS_EXCLUSIVE && s.hot() ? Severity.ERROR : Severity.WARNING;
  }

  /** TR105: one finding per ACCESS EXCLUSIVE that stays held while later statements of its transaction run. */
  private static List<Finding> afterAccessExclusive(
      List<TracedStatement> statements, List<Optional<Impact>> impacts, Statistics statistics) {
    List<Finding> out = new ArrayList<>();
    int i = 0;
    while (i < statements.size()) {
      TracedStatement first = statements.get(i);
      Optional<String> relation =
          first.status() == Status.OK && first.inTransaction()
              ? first.effects().locks().stream()
                  .filter(l -> l.mode() == LockMode.ACCESS_EXCLUSIVE)
                  .map(StatementEffects.ObservedLock::relation)
                  .findFirst()
              : Optional.empty();
      if (relation.isEmpty()) {
        i++;
        continue;
      }
      int j = i + 1;
      Duration replica = Duration.ZERO;
      Duration production = Duration.ZERO;
      while (j < statements.size()
          && holdsAccessExclusive(statements.get(j), relation.get())
          && statements.get(j).path().equals(first.path())) {
        replica = replica.plus(statements.get(j).effects().duration().orElse(Duration.ZERO));
        production =
            production.plus(
                impacts
                    .get(j)
                    .map(Impact::estimatedLockHeld)
                    .orElse(statements.get(j).effects().duration().orElse(Duration.ZERO)));
        j++;
      }
      int after = j - i - 1;
      if (after > 0) {
        TracedStatement last = statements.get(j - 1);
        Optional<Impact> own = impacts.get(i);
        Duration total = production.plus(own.map(Impact::estimatedLockHeld).orElse(Duration.ZERO));
        Severity sev =
            ImpactEstimator.stats(statistics, relation.get()).isEmpty()
                ? Severity.INFO
                : ImpactEstimator.severity(
                    own.map(
                        x ->
                            new Impact(
                                x.relation(),
                                x.mode(),
                                x.relationBytes(),
                                x.rows(),
                                x.writesPerSecond(),
                                total,
                                x.blocks(),
                                x.computation())),
                    statistics);
        boolean weighed = ImpactEstimator.stats(statistics, relation.get()).isPresent();
        out.add(
            finding(
                TraceRules.TR105,
                sev,
                first,
                Concerns.lockHeld(relation.get()),
                weighed,
                "ACCESS EXCLUSIVE on "
                    + relation.get()
                    + " stays held while "
                    + after
                    + " more statement"
                    + (after == 1 ? "" : "s")
                    + " run (through line "
                    + last.statement().span().line()
                    + "): held "
                    + HumanDuration.format(replica)
                    + " longer on the replica, estimated "
                    + HumanDuration.format(total)
                    + " in total on production; blocks every read and write on "
                    + relation.get()
                    + " until COMMIT."));
      }
      i = Math.max(j, i + 1);
    }
    return out;
  }

  private static boolean holdsAccessExclusive(TracedStatement ts, String relation) {
    return ts.inTransaction()
        && ts.status() == Status.OK
        && ts.heldLocks().stream()
            .anyMatch(l -> l.relation().equals(relation) && l.mode() == LockMode.ACCESS_EXCLUSIVE)
        && !isTransactionEnd(ts.statement());
  }

  private static boolean isTransactionEnd(SqlStatement s) {
    String head = s.sql().strip().toUpperCase(Locale.ROOT);
    return head.startsWith("COMMIT") || head.startsWith("END") || head.startsWith("ROLLBACK");
  }

  private static Finding foreignKey(ForeignKeyGap gap, List<TracedStatement> statements) {
    String table = gap.table().substring(gap.table().indexOf('.') + 1).toLowerCase(Locale.ROOT);
    String constraint = gap.constraint().toLowerCase(Locale.ROOT);
    TracedStatement at =
        statements.stream()
            .filter(s -> s.status() == Status.OK)
            .filter(
                s -> {
                  String sql = s.statement().sql().toLowerCase(Locale.ROOT);
                  return sql.contains("references")
                      && (sql.contains(constraint) || sql.contains(table));
                })
            .reduce((a, b) -> b)
            .orElse(statements.get(0));
    String cols = String.join(", ", gap.columns());
    // Names are quoted identifiers when they need to be; the suggested index name keeps only plain
    // characters.
    String raw =
        gap.table().substring(gap.table().indexOf('.') + 1)
            + "_"
            + String.join("_", gap.columns())
            + "_idx";
    String plain = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    String index = plain.length() <= 63 ? plain : plain.substring(plain.length() - 63);
    return finding(
        TraceRules.TR106,
        Severity.WARNING,
        at,
        "foreign key "
            + gap.constraint()
            + " on "
            + gap.table()
            + " ("
            + cols
            + ") references "
            + gap.referencedTable()
            + " but no index on "
            + gap.table()
            + " starts with ("
            + cols
            + "): every DELETE or key UPDATE on "
            + gap.referencedTable()
            + " scans "
            + gap.table()
            + ".",
        Fix.advice(
            "index the referencing columns, in a migration that runs outside a transaction",
            "CREATE INDEX CONCURRENTLY " + index + " ON " + gap.table() + " (" + cols + ");"));
  }

  /** The start of {@code sql} on one line, so the finding says what the statement tried. */
  static String quote(String sql) {
    String oneLine = sql.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…";
  }

  private static Finding finding(
      RuleMeta rule, Severity severity, TracedStatement ts, String message, Fix... fixes) {
    return finding(rule, severity, ts, rule.id(), false, message, fixes);
  }

  /** {@code weighed}: the severity comes from production statistics, so it decides when findings are merged. */
  static Finding finding(
      RuleMeta rule,
      Severity severity,
      TracedStatement ts,
      String concern,
      boolean weighed,
      String message,
      Fix... fixes) {
    SqlStatement s = ts.statement();
    return new Finding(
        rule.id(),
        severity,
        s.span(),
        message,
        Optional.empty(),
        List.of(fixes),
        s.sql(),
        concern,
        List.of(
            new Finding.Evidence(Finding.Evidence.Kind.TRACED, rule.id(), s.line(), weighed, "")));
  }

  /**
   * The statement's new locks plus, for each relation the static analysis says it locks but the trace saw no new
   * request on, the lock an earlier statement of the same transaction already holds there: inside one transaction
   * PostgreSQL grants a lock the backend holds without a new entry in pg_locks, yet the statement runs under it.
   */
  private static List<StatementEffects.ObservedLock> withHeldLocks(
      TracedStatement ts, Optional<StatementEffects> predicted) {
    List<StatementEffects.ObservedLock> locks = new ArrayList<>(ts.effects().locks());
    if (predicted.isEmpty() || ts.status() != Status.OK) {
      return locks;
    }
    for (StatementEffects.ObservedLock wanted : predicted.get().locks()) {
      boolean seen = locks.stream().anyMatch(l -> sameRelation(l.relation(), wanted.relation()));
      if (seen) {
        continue;
      }
      ts.heldLocks().stream()
          .filter(h -> sameRelation(h.relation(), wanted.relation()))
          .max(java.util.Comparator.comparing(StatementEffects.ObservedLock::mode))
          .ifPresent(
              h -> locks.add(new StatementEffects.ObservedLock(h.relation(), h.mode(), true)));
    }
    return locks;
  }

  /** {@code orders} (as a statement names it) and {@code public.orders} (as the catalog does) are one relation. */
  private static boolean sameRelation(String a, String b) {
    return QualifiedName.parse(a).matches(QualifiedName.parse(b));
  }
}
