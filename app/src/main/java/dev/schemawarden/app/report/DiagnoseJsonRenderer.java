package dev.schemawarden.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code warden diagnose} as JSON (docs/diagnose.md#json) and as SARIF 2.1.0. A problem is about a database
 * object, not a file, so SARIF results carry a logical location ({@code database/object}) and no physical one; the
 * partial fingerprint is the problem's key, stable across runs.
 */
public final class DiagnoseJsonRenderer {
  private final ToolInfo tool;
  private final Function<String, Optional<RuleMeta>> rules;

  public DiagnoseJsonRenderer(ToolInfo tool, Function<String, Optional<RuleMeta>> rules) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public String json(DiagnoseReport report) {
    Diagnosis d = report.diagnosis();
    ObjectNode root = ReportSupport.object();
    root.put("kind", "diagnose");
    ObjectNode t = root.putObject("tool");
    t.put("name", tool.name());
    t.put("version", tool.version());
    root.put("environment", report.environment());
    root.put("database", d.database());
    root.put("server_version", d.serverVersion());
    root.put("read_at", d.readAt().toString());
    root.put("counters_since", d.countersSince().toString());
    root.put("observed_seconds", d.observed().toSeconds());
    root.put("window_seconds", d.window().toSeconds());
    root.put("fail_on", report.failOn().label());
    root.put("blocked", report.blocked());
    ObjectNode cost = root.putObject("cost");
    cost.put("queries", d.queries());
    cost.put("query_ms", d.queryTime().toMillis());
    ArrayNode problems = root.putArray("problems");
    for (Problem p : d.problems()) {
      ObjectNode n = problems.addObject();
      n.put("id", p.check());
      rules.apply(p.check()).ifPresent(m -> n.put("slug", m.slug()));
      n.put("severity", p.severity().label());
      n.put("object", p.object());
      n.put("key", p.key());
      n.put("message", p.message());
      n.put("doc", tool.ruleDocUri(p.check()));
      ArrayNode evidence = n.putArray("evidence");
      for (Problem.Measure m : p.evidence()) {
        ObjectNode e = evidence.addObject();
        e.put("name", m.name());
        if (m.value() == Math.rint(m.value()) && Math.abs(m.value()) < 1e15) {
          e.put("value", (long) m.value());
        } else {
          e.put("value", m.value());
        }
        e.put("unit", m.unit());
      }
      p.fix().ifPresent(f -> fix(n.putObject("fix"), f));
    }
    d.notes().forEach(root.putArray("notes")::add);
    return write(root, "JSON");
  }

  private static void fix(ObjectNode n, ProposedFix f) {
    n.put("summary", f.summary());
    n.put("kind", ReportSupport.lower(f.kind()));
    n.put("sql", f.sql());
    f.rollback().ifPresent(r -> n.put("rollback", r));
    n.put("outside_transaction", f.outsideTransaction());
    f.onlinePlan().ifPresent(p -> n.put("online_plan", p));
  }

  public String sarif(DiagnoseReport report) {
    Diagnosis d = report.diagnosis();
    ObjectNode root = ReportSupport.object();
    ObjectNode run = SarifReportRenderer.run(root, tool);
    ObjectNode driver = (ObjectNode) run.path("tool").path("driver");
    Map<String, Integer> index = new LinkedHashMap<>();
    ArrayNode rulesNode = driver.putArray("rules");
    ArrayNode results = run.putArray("results");
    for (Problem p : d.problems()) {
      if (!index.containsKey(p.check())) {
        index.put(p.check(), index.size());
        ObjectNode r = rulesNode.addObject();
        Optional<RuleMeta> meta = rules.apply(p.check());
        r.put("id", p.check());
        r.put("name", meta.map(RuleMeta::slug).orElse(p.check()));
        r.putObject("shortDescription").put("text", meta.map(RuleMeta::title).orElse(p.check()));
        r.put("helpUri", tool.ruleDocUri(p.check()));
      }
      ObjectNode res = results.addObject();
      res.put("ruleId", p.check());
      res.put("ruleIndex", index.get(p.check()));
      res.put("level", ReportSupport.sarifLevel(p.severity()));
      res.putObject("message")
          .put(
              "text",
              p.message()
                  + p.fix().map(f -> "\nProposed fix: " + f.summary() + "\n" + f.sql()).orElse(""));
      ObjectNode logical =
          res.putArray("locations").addObject().putArray("logicalLocations").addObject();
      logical.put("fullyQualifiedName", d.database() + "/" + p.object());
      logical.put("kind", "object");
      res.putObject("partialFingerprints").put("schemaWardenDiagnose/v1", p.key());
      ObjectNode props = res.putObject("properties");
      p.evidence().forEach(m -> props.put(m.name(), m.value()));
    }
    run.put("columnKind", "unicodeCodePoints");
    return write(root, "SARIF");
  }

  private static String write(ObjectNode root, String what) {
    try {
      return ReportSupport.Json.WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new WardenException(
          ErrorCode.INTERNAL,
          "could not write the " + what + " diagnose report: " + e.getMessage(),
          e);
    }
  }
}
