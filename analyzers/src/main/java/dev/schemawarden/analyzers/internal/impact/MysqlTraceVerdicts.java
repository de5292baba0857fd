package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects.Impact;
import dev.schemawarden.analyzers.api.TraceAnalysis.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The TR findings of a change traced on a MySQL or MariaDB replica (see {@link OnlineDdl#findings}). */
public final class MysqlTraceVerdicts {

  private MysqlTraceVerdicts() {}

  public static List<Finding> findings(String engine, List<OnlineDdl.Run> runs) {
    return findings(engine, runs, Map.of(), Statistics.NONE);
  }

  /**
   * With production statistics, a rebuild's TR102 takes its severity from the statement's impact
   * ({@link ImpactEstimator#severity}) and says the estimate; without them, the rule's: error when writes wait.
   *
   * @param impacts by identity of the runs' statements
   */
  public static List<Finding> findings(
      String engine,
      List<OnlineDdl.Run> runs,
      Map<SqlStatement, Impact> impacts,
      Statistics statistics) {
    String server = engine.equals("mariadb") ? "MariaDB" : "MySQL";
    List<Finding> out = new ArrayList<>();
    for (OnlineDdl.Run run : runs) {
      SqlStatement s = run.statement();
      String error = run.error().orElse("an error");
      switch (run.status()) {
        case FAILED ->
            out.add(
                finding(
                    TraceRules.TR101,
                    Severity.ERROR,
                    s,
                    TraceRules.TR101.id(),
                    false,
                    "fails on production's schema: "
                        + server
                        + " says "
                        + error
                        + ". The migration passes static checks but would fail in the deploy, and MySQL DDL is not"
                        + " transactional: the statements before it stay applied."));
        case TIMED_OUT ->
            out.add(
                finding(
                    TraceRules.TR107,
                    Severity.ERROR,
                    s,
                    TraceRules.TR107.id(),
                    false,
                    "stopped on the replica by a budget: "
                        + error
                        + "; nothing after it was traced"));
        case REFUSED ->
            out.add(
                finding(
                    TraceRules.TR108,
                    Severity.ERROR,
                    s,
                    TraceRules.TR108.id(),
                    false,
                    "tried to reach outside the replica sandbox (`"
                        + TraceVerdicts.quote(s.sql())
                        + "`): "
                        + error
                        + ". A person must look at it before it runs anywhere."));
        case OK ->
            run.alter()
                .filter(OnlineDdl.Traced::rebuilt)
                .ifPresent(
                    t -> {
                      Optional<Impact> impact = Optional.ofNullable(impacts.get(s));
                      boolean weighed =
                          impact
                              .flatMap(i -> ImpactEstimator.statsForTable(statistics, i.relation()))
                              .isPresent();
                      Severity rule =
                          t.verdict()
                                  .filter(
                                      v -> v.algorithm().equals("COPY") || !v.lock().equals("NONE"))
                                  .isPresent()
                              ? Severity.ERROR
                              : Severity.WARNING;
                      String weight =
                          impact.filter(i -> weighed).map(TraceVerdicts::estimated).orElse("");
                      out.add(
                          finding(
                              TraceRules.TR102,
                              weighed ? ImpactEstimator.severity(impact, statistics) : rule,
                              s,
                              Concerns.rewrite(t.table()),
                              weighed,
                              "rebuilt `"
                                  + t.table()
                                  + "` on "
                                  + server
                                  + t.verdict()
                                      .map(
                                          v ->
                                              " (the cheapest the server accepted: ALGORITHM="
                                                  + v.algorithm()
                                                  + ", LOCK="
                                                  + v.lock()
                                                  + ")")
                                      .orElse("")
                                  + ": every row is copied"
                                  + (t.verdict().filter(v -> !v.lock().equals("NONE")).isPresent()
                                      ? " while writes to it wait"
                                      : "")
                                  + "."
                                  + weight));
                    });
        case NOT_RUN -> {}
      }
    }
    return List.copyOf(out);
  }

  private static Finding finding(
      RuleMeta rule,
      Severity severity,
      SqlStatement s,
      String concern,
      boolean weighed,
      String message) {
    return new Finding(
        rule.id(),
        severity,
        s.span(),
        message,
        Optional.empty(),
        List.of(),
        s.sql(),
        concern,
        List.of(
            new Finding.Evidence(Finding.Evidence.Kind.TRACED, rule.id(), s.line(), weighed, "")));
  }
}
