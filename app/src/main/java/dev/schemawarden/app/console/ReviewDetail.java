package dev.schemawarden.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.LockMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the review page shows, read from the stored JSON report (docs/report-format.md): each migration's statements
 * with the locks they took and how long each is held, the findings with their fixes, drift and the decision. Every
 * text here is the repository's or the host's and is escaped by the template.
 */
public record ReviewDetail(
    ReviewSummary summary,
    List<MigrationView> migrations,
    List<FindingView> findings,
    List<DriftView> drift,
    DecisionView decision,
    List<String> errors) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ReviewDetail {
    migrations = List.copyOf(migrations);
    findings = List.copyOf(findings);
    drift = List.copyOf(drift);
    errors = List.copyOf(errors);
  }

  /**
   * One migration's statements and its lock timeline.
   *
   * @param columns the statement numbers, 1-based, for the timeline's header
   */
  public record MigrationView(
      String path,
      boolean inTransaction,
      List<StatementView> statements,
      List<LockView> locks,
      List<Integer> columns) {}

  /** A statement as written, with where it is and what the replica said. */
  public record StatementView(
      int number, int line, String sql, String change, String source, String error) {}

  /**
   * One lock on one relation, from the statement that took it until it is released.
   *
   * @param mode as in SQL ({@code ACCESS EXCLUSIVE})
   * @param heldUntil {@code commit} when the migration runs in one transaction, else {@code end of statement}
   * @param cells one per statement of the migration: true while the lock is held (the timeline bar)
   * @param impact the production estimate of the statement, when statistics were available; {@code ""} else
   */
  public record LockView(
      int statement,
      String mode,
      String relation,
      String sql,
      String heldUntil,
      List<Boolean> cells,
      String impact,
      boolean strong) {}

  public record FindingView(
      String rule,
      String severity,
      String path,
      int line,
      String message,
      String help,
      List<FixView> fixes) {}

  public record FixView(String description, String sql) {}

  public record DriftView(String kind, String objectType, String object, String message) {}

  /** @param outcome {@code allow}, {@code needs_approval}, {@code deny} or {@code none} */
  public record DecisionView(
      String outcome, List<String> reasons, List<ApprovalView> approvals, List<String> overrides) {}

  public record ApprovalView(
      String policy, String approvers, int count, String satisfiedBy, String reason) {}

  public static ReviewDetail of(ReviewLog.Stored stored) {
    JsonNode report;
    try {
      report = JSON.readTree(stored.reportJson());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "review " + stored.summary().id() + " has a report that is not JSON", e);
    }
    List<MigrationView> migrations = new ArrayList<>();
    report.path("migrations").forEach(m -> migrations.add(migration(m)));
    List<FindingView> findings = new ArrayList<>();
    report
        .path("findings")
        .forEach(
            f -> {
              List<FixView> fixes = new ArrayList<>();
              f.path("fixes")
                  .forEach(
                      x ->
                          fixes.add(
                              new FixView(
                                  x.path("description").asText(""), x.path("sql").asText(""))));
              findings.add(
                  new FindingView(
                      f.path("rule").asText(""),
                      f.path("severity").asText(""),
                      f.path("path").asText(""),
                      f.path("line").asInt(),
                      f.path("message").asText(""),
                      text(f.path("help")),
                      fixes));
            });
    List<DriftView> drift = new ArrayList<>();
    report
        .path("drift")
        .forEach(
            d ->
                drift.add(
                    new DriftView(
                        d.path("kind").asText(""),
                        d.path("object_type").asText(""),
                        d.path("object").asText(""),
                        d.path("message").asText(""))));
    List<String> errors = new ArrayList<>();
    report.path("errors").forEach(e -> errors.add(e.asText("")));
    return new ReviewDetail(
        stored.summary(), migrations, findings, drift, decision(report.path("decision")), errors);
  }

  private static MigrationView migration(JsonNode m) {
    boolean tx = m.path("run_in_transaction").asBoolean(false);
    List<StatementView> statements = new ArrayList<>();
    List<LockView> locks = new ArrayList<>();
    int n = m.path("statements").size();
    int i = 0;
    for (JsonNode s : m.path("statements")) {
      i++;
      statements.add(
          new StatementView(
              i,
              s.path("line").asInt(),
              s.path("sql").asText(""),
              s.path("change").asText(""),
              s.path("source").asText(""),
              text(s.path("error"))));
      for (JsonNode l : s.path("locks")) {
        if (l.path("held_earlier").asBoolean(false)) {
          continue; // taken by an earlier statement: already on the timeline from there
        }
        int from = i;
        int until = tx ? n : i;
        String mode = mode(l.path("mode").asText(""));
        locks.add(
            new LockView(
                i,
                mode,
                l.path("relation").asText(""),
                s.path("sql").asText(""),
                tx ? "commit" : "end of statement",
                IntStream.rangeClosed(1, n).mapToObj(c -> c >= from && c <= until).toList(),
                impact(s.path("impact"), l.path("relation").asText("")),
                mode.equals("ACCESS EXCLUSIVE")));
      }
    }
    return new MigrationView(
        m.path("path").asText(""),
        tx,
        statements,
        locks,
        IntStream.rangeClosed(1, n).boxed().toList());
  }

  /** {@code AccessExclusiveLock} as SQL spells it; an unknown spelling as it came. */
  static String mode(String pgLocks) {
    try {
      return LockMode.fromPgLocks(pgLocks).sqlName();
    } catch (IllegalArgumentException e) {
      return pgLocks;
    }
  }

  private static String impact(JsonNode impact, String relation) {
    if (!impact.isObject() || !impact.path("relation").asText("").equals(relation)) {
      return "";
    }
    // blocks reads "blocks SELECT, ..." (or "blocks writes ..."): a sentence of its own
    return "~"
        + impact.path("estimated_lock_held_ms").asLong()
        + " ms, "
        + impact.path("blocks").asText("")
        + " ("
        + impact.path("rows").asLong()
        + " rows)";
  }

  private static DecisionView decision(JsonNode d) {
    if (!d.isObject()) {
      return new DecisionView("none", List.of(), List.of(), List.of());
    }
    List<String> reasons = new ArrayList<>();
    d.path("reasons").forEach(r -> reasons.add(r.asText("")));
    List<ApprovalView> approvals = new ArrayList<>();
    d.path("required_approvals")
        .forEach(
            a ->
                approvals.add(
                    new ApprovalView(
                        a.path("policy").asText(""),
                        join(a.path("approvers")),
                        a.path("count").asInt(),
                        join(a.path("satisfied_by")),
                        a.path("reason").asText(""))));
    List<String> overrides = new ArrayList<>();
    d.path("overrides")
        .forEach(
            o ->
                overrides.add(
                    o.path("user").asText("")
                        + " overrode "
                        + o.path("target").asText("")
                        + " at "
                        + o.path("sha").asText("")
                        + ": "
                        + o.path("reason").asText("")
                        + (o.path("applied").asBoolean(false)
                            ? ""
                            : " (not applied: " + o.path("note").asText("") + ")")));
    return new DecisionView(d.path("outcome").asText("none"), reasons, approvals, overrides);
  }

  private static String join(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.isObject() ? x.path("user").asText(x.toString()) : x.asText("")));
    return String.join(", ", out);
  }

  private static String text(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? "" : n.asText("");
  }
}
