package dev.schemawarden.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ChangeKind;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.SchemaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code --format json} document: the stable, versioned contract described in {@code docs/report-format.md}
 * and {@code schemas/report-v1.schema.json}. Keys are snake_case and always written in the same order; absent
 * values are {@code null}, never missing, so consumers can rely on every documented key being there.
 */
public final class JsonReportRenderer implements ReportRenderer {

  private final ToolInfo tool;

  public JsonReportRenderer(ToolInfo tool) {
    this.tool = Objects.requireNonNull(tool, "tool");
  }

  @Override
  public String render(ReviewReport report) {
    try {
      return ReportSupport.Json.WRITER.writeValueAsString(toJson(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new WardenException(
          ErrorCode.INTERNAL, "could not write the JSON report: " + e.getMessage(), e);
    }
  }

  /** The document as a tree, for callers that embed it (e.g. the webhook service's API). */
  public ObjectNode toJson(ReviewReport report) {
    ObjectNode root = ReportSupport.object();
    root.put("format_version", ReviewReport.FORMAT_VERSION);
    root.put("kind", report.kind());
    root.put("engine", report.engine());
    root.put("engine_version", report.engineVersion());
    ObjectNode t = root.putObject("tool");
    t.put("name", tool.name());
    t.put("version", tool.version());
    report
        .target()
        .ifPresentOrElse(
            target -> target(root.putObject("target"), target), () -> root.putNull("target"));
    summary(root.putObject("summary"), report);
    ArrayNode migrations = root.putArray("migrations");
    report.migrations().forEach(m -> migration(migrations.addObject(), m));
    ArrayNode findings = root.putArray("findings");
    List<String> fingerprints = ReportSupport.uniqueFingerprints(report.findings());
    Map<Finding, MigrationReport> rollbackPlans = ReportSupport.rollbackPlans(report);
    for (int i = 0; i < report.findings().size(); i++) {
      Finding f = report.findings().get(i);
      finding(
          findings.addObject(), f, fingerprints.get(i), Optional.ofNullable(rollbackPlans.get(f)));
    }
    ArrayNode drift = root.putArray("drift");
    report.drift().forEach(d -> drift(drift.addObject(), d));
    report
        .decision()
        .ifPresentOrElse(
            d -> decision(root.putObject("decision"), d), () -> root.putNull("decision"));
    ArrayNode steps = root.putArray("steps");
    for (ReviewReport.Step s : report.steps()) {
      ObjectNode step = steps.addObject();
      step.put("name", s.name());
      step.put("status", s.status());
      step.put("duration_ms", s.millis());
      step.put("detail", s.detail().orElse(null));
    }
    ArrayNode errors = root.putArray("errors");
    report.errors().forEach(errors::add);
    return root;
  }

  private static void target(ObjectNode node, ReviewReport.ReviewTarget t) {
    node.put("repository", t.repository());
    node.put("base_ref", t.baseRef());
    node.put("base_sha", t.baseSha());
    node.put("head_ref", t.headRef());
    node.put("head_sha", t.headSha());
    if (t.pullRequest().isPresent()) {
      node.put("pull_request", t.pullRequest().getAsInt());
      node.put("title", t.title());
    }
  }

  private static void summary(ObjectNode node, ReviewReport report) {
    node.put("migrations", report.changedMigrationCount());
    node.put("statements", ReportSupport.statements(report).size());
    node.put("error", report.count(Severity.ERROR));
    node.put("warning", report.count(Severity.WARNING));
    node.put("info", report.count(Severity.INFO));
    node.put("blocked", report.blocked());
    node.put("fail_on", report.failOn().label());
  }

  private static void migration(ObjectNode node, MigrationReport mr) {
    Migration m = mr.migration();
    node.put("path", m.path());
    node.put("tool", m.tool().configName());
    node.put("kind", ReportSupport.lower(m.kind()));
    node.put("id", m.id().orElse(null));
    node.put("description", m.description());
    node.put("status", mr.status());
    node.put("run_in_transaction", m.runInTransaction());
    ArrayNode statements = node.putArray("statements");
    mr.statements().forEach(s -> statement(statements.addObject(), s));
    ArrayNode downs = node.putArray("downs");
    mr.downs().forEach(d -> migration(downs.addObject(), d));
  }

  private static void statement(ObjectNode node, StatementReport sr) {
    SqlStatement s = sr.statement();
    StatementEffects e = sr.effects();
    node.put("path", s.span().path());
    node.put("line", s.span().line());
    node.put("column", s.span().column());
    node.put("end_line", s.span().endLine());
    node.put("sql", s.sql());
    node.put("change", ChangeKind.of(s.change()).jsonName());
    node.put("parsed_by", ReportSupport.lower(s.parsedBy()));
    node.put("parse_error", s.parseError().orElse(null));
    ArrayNode locks = node.putArray("locks");
    for (StatementEffects.ObservedLock l : e.locks()) {
      ObjectNode lock = locks.addObject();
      lock.put("relation", l.relation());
      lock.put("mode", l.mode().pgLocksName());
      lock.put("held_earlier", l.heldEarlier());
    }
    ArrayNode rewrites = node.putArray("rewrites");
    e.rewrites()
        .forEach(r -> rewrites.addObject().put("relation", r.relation()).put("reason", r.reason()));
    ArrayNode scans = node.putArray("scans");
    e.scans()
        .forEach(r -> scans.addObject().put("relation", r.relation()).put("reason", r.reason()));
    node.put("source", ReportSupport.lower(e.source()));
    sr.onlineDdl()
        .ifPresentOrElse(
            o ->
                node.putObject("online_ddl")
                    .put("algorithm", o.algorithm())
                    .put("lock", o.lock())
                    .put("source", ReportSupport.lower(o.source())),
            () -> node.putNull("online_ddl"));
    e.impact()
        .ifPresentOrElse(i -> impact(node.putObject("impact"), i), () -> node.putNull("impact"));
    if (e.duration().isPresent()) {
      node.put("duration_ms", e.duration().get().toMillis());
    } else {
      node.putNull("duration_ms");
    }
    node.put("error", e.error().orElse(null));
  }

  private static void impact(ObjectNode node, StatementEffects.Impact i) {
    node.put("relation", i.relation());
    node.put("mode", i.mode().pgLocksName());
    node.put("relation_bytes", i.relationBytes());
    node.put("rows", i.rows());
    node.put("writes_per_second", i.writesPerSecond());
    node.put("estimated_lock_held_ms", i.estimatedLockHeld().toMillis());
    node.put("blocks", i.blocks());
    node.put("computation", i.computation());
  }

  private static void finding(
      ObjectNode node, Finding f, String fingerprint, Optional<MigrationReport> rollbackOf) {
    node.put("rule", f.rule());
    node.put("severity", f.severity().label());
    node.put("path", f.span().path());
    node.put("line", f.span().line());
    node.put("column", f.span().column());
    node.put("end_line", f.span().endLine());
    node.put("message", FindingMessages.shown(f));
    node.put("details", FindingMessages.details(f).orElse(null));
    node.put("help", f.help().orElse(null));
    Optional<Fix> first = f.fixes().stream().findFirst();
    node.put("fix", first.map(Fix::sql).orElse(null));
    ArrayNode fixes = node.putArray("fixes");
    for (Fix fix : f.fixes()) {
      fixes
          .addObject()
          .put("description", fix.description())
          .put("sql", fix.sql())
          .put("replaces_statement", fix.replacesStatement());
    }
    node.put("fingerprint", fingerprint);
    node.put("doc", RuleMeta.docPath(f.rule()));
    node.put("concern", f.concern());
    node.put("rollback_of", rollbackOf.map(m -> m.migration().path()).orElse(null));
    ArrayNode evidence = node.putArray("evidence");
    for (Finding.Evidence e : f.evidence()) {
      ObjectNode item =
          evidence
              .addObject()
              .put("kind", e.kind().label())
              .put("rule", e.rule())
              .put("line", e.line());
      if (e.kind() == Finding.Evidence.Kind.TRACED) {
        item.put("weighed", e.weighed());
      }
      item.put("detail", e.detail().isEmpty() ? null : FindingMessages.cap(e.detail()));
    }
  }

  private static void drift(ObjectNode node, DriftItem d) {
    node.put("kind", d.kind());
    node.put("object_type", d.objectType());
    node.put("object", d.object());
    node.put("expected", d.expected().orElse(null));
    node.put("actual", d.actual().orElse(null));
    node.put("message", d.message());
  }

  /** A decision as the report's {@code decision} object ({@code warden policy explain --format json}). */
  public static ObjectNode decisionJson(Decision d) {
    ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    decision(node, d);
    return node;
  }

  private static void decision(ObjectNode node, Decision d) {
    node.put("outcome", d.outcome().label());
    ArrayNode reasons = node.putArray("reasons");
    d.reasons().forEach(reasons::add);
    ArrayNode approvals = node.putArray("required_approvals");
    for (Decision.ApprovalRequirement a : d.requiredApprovals()) {
      ObjectNode approval = approvals.addObject();
      approval.put("policy", a.policyId());
      ArrayNode approvers = approval.putArray("approvers");
      a.approvers().forEach(approvers::add);
      approval.put("count", a.count());
      approval.put("reason", a.reason());
      ArrayNode satisfied = approval.putArray("satisfied_by");
      a.satisfiedBy().forEach(satisfied::add);
    }
    ArrayNode evaluated = node.putArray("evaluated");
    for (Decision.EvaluatedPolicy p : d.evaluated()) {
      ObjectNode e = evaluated.addObject();
      e.put("policy", p.policyId());
      e.put("description", p.description());
      e.put("result", p.result().label());
      ArrayNode details = e.putArray("details");
      p.details().forEach(details::add);
    }
    ArrayNode overrides = node.putArray("overrides");
    for (Decision.OverrideRecord o : d.overrides()) {
      ObjectNode e = overrides.addObject();
      e.put("user", o.user());
      e.put("target", o.targetId());
      e.put("reason", o.reason());
      e.put("sha", o.sha());
      e.put("applied", o.applied());
      e.put("note", o.note());
    }
    ArrayNode objects = node.putArray("objects");
    for (SchemaContext.ObjectInfo o : d.objects()) {
      ObjectNode e = objects.addObject();
      e.put("object", o.object());
      ArrayNode tags = e.putArray("tags");
      o.tags().forEach(tags::add);
      ArrayNode owners = e.putArray("owners");
      o.owners().forEach(owners::add);
    }
    node.put("head_sha", d.headSha());
    node.put("evaluated_at", d.evaluatedAt());
  }

  /**
   * The decision back from a report's {@code decision} object ({@code warden policy explain}); keys added after
   * version 1 of the format may be missing from older reports and read as empty.
   */
  public static Decision readDecision(JsonNode node, String file) {
    Decision.Outcome outcome;
    try {
      outcome = Decision.Outcome.valueOf(text(node, "outcome").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new WardenException(
          ErrorCode.INPUT,
          file
              + ": decision.outcome '"
              + text(node, "outcome")
              + "' is not allow, needs_approval or deny: is this a Schema Warden JSON report?",
          e);
    }
    List<Decision.ApprovalRequirement> approvals =
        items(node, "required_approvals").stream()
            .map(
                a ->
                    new Decision.ApprovalRequirement(
                        text(a, "policy"),
                        strings(a, "approvers"),
                        a.path("count").asInt(1),
                        text(a, "reason"),
                        strings(a, "satisfied_by")))
            .toList();
    List<Decision.EvaluatedPolicy> evaluated =
        items(node, "evaluated").stream()
            .map(
                e ->
                    new Decision.EvaluatedPolicy(
                        text(e, "policy"),
                        text(e, "description"),
                        result(text(e, "result"), file),
                        strings(e, "details")))
            .toList();
    List<Decision.OverrideRecord> overrides =
        items(node, "overrides").stream()
            .map(
                o ->
                    new Decision.OverrideRecord(
                        text(o, "user"),
                        text(o, "target"),
                        text(o, "reason"),
                        text(o, "sha"),
                        o.path("applied").asBoolean(false),
                        text(o, "note")))
            .toList();
    List<SchemaContext.ObjectInfo> objects =
        items(node, "objects").stream()
            .map(
                o ->
                    new SchemaContext.ObjectInfo(
                        text(o, "object"), strings(o, "tags"), strings(o, "owners")))
            .toList();
    return new Decision(
        outcome,
        strings(node, "reasons"),
        approvals,
        evaluated,
        overrides,
        objects,
        text(node, "head_sha"),
        text(node, "evaluated_at"));
  }

  private static Decision.PolicyResult result(String label, String file) {
    try {
      return Decision.PolicyResult.valueOf(label.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new WardenException(
          ErrorCode.INPUT,
          file
              + ": decision.evaluated[].result '"
              + label
              + "' is unknown: was the report written by a newer Schema Warden?",
          e);
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static List<JsonNode> items(JsonNode node, String key) {
    List<JsonNode> out = new ArrayList<>();
    node.path(key).forEach(out::add);
    return out;
  }

  private static List<String> strings(JsonNode node, String key) {
    return items(node, key).stream().map(JsonNode::asText).toList();
  }
}
