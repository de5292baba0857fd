package dev.schemawarden.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the driver's {@code rules} limited to the
 * rules that fired (in first-seen order, which is {@link Finding#ORDER}), one result per finding.
 *
 * <p>Rule metadata comes from a lookup function so the renderer works with or without the rule catalog; without
 * metadata a rule is described by its id and its default level is the highest severity it was reported at.
 */
public final class SarifReportRenderer implements ReportRenderer {

  static final String SCHEMA_URI =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  /** Key under {@code partialFingerprints}; versioned so a future fingerprint scheme can sit beside it. */
  static final String FINGERPRINT_KEY = "schemaWardenFingerprint/v1";

  private final ToolInfo tool;
  private final Function<String, Optional<RuleMeta>> rules;

  public SarifReportRenderer(ToolInfo tool, Function<String, Optional<RuleMeta>> rules) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /**
   * Writes the SARIF 2.1.0 envelope every SARIF file of ours starts with (schema, version, one run and its tool's
   * driver) into {@code root}; returns the run, whose {@code tool.driver} is there to add rules to.
   */
  static ObjectNode run(ObjectNode root, ToolInfo tool) {
    root.put("$schema", SCHEMA_URI);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", tool.name());
    driver.put("version", tool.version());
    driver.put("informationUri", tool.informationUri());
    return run;
  }

  @Override
  public String render(ReviewReport report) {
    ObjectNode root = ReportSupport.object();
    ObjectNode run = run(root, tool);
    ObjectNode driver = (ObjectNode) run.path("tool").path("driver");

    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode rulesNode = driver.putArray("rules");
    for (Finding f : report.findings()) {
      if (!ruleIndex.containsKey(f.rule())) {
        ruleIndex.put(f.rule(), ruleIndex.size());
        rule(rulesNode.addObject(), f.rule(), highestSeverity(report.findings(), f.rule()));
      }
    }

    ArrayNode results = run.putArray("results");
    List<String> fingerprints = ReportSupport.uniqueFingerprints(report.findings());
    for (int i = 0; i < report.findings().size(); i++) {
      Finding f = report.findings().get(i);
      result(results.addObject(), f, ruleIndex.get(f.rule()), fingerprints.get(i));
    }
    run.put("columnKind", "unicodeCodePoints");
    try {
      return ReportSupport.Json.WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new WardenException(
          ErrorCode.INTERNAL, "could not write the SARIF report: " + e.getMessage(), e);
    }
  }

  private void rule(ObjectNode node, String id, Severity seen) {
    Optional<RuleMeta> meta = rules.apply(id);
    node.put("id", id);
    node.put("name", meta.map(RuleMeta::slug).orElse(id));
    node.putObject("shortDescription")
        .put("text", meta.map(RuleMeta::title).orElse("Schema Warden rule " + id));
    meta.ifPresent(m -> node.putObject("fullDescription").put("text", m.effect()));
    node.put("helpUri", tool.ruleDocUri(id));
    meta.ifPresent(m -> node.putObject("help").put("text", m.workaround()));
    Severity level = meta.map(RuleMeta::defaultSeverity).orElse(seen);
    node.putObject("defaultConfiguration").put("level", ReportSupport.sarifLevel(level));
  }

  private static Severity highestSeverity(List<Finding> findings, String rule) {
    return findings.stream()
        .filter(f -> f.rule().equals(rule))
        .map(Finding::severity)
        .max(Enum::compareTo)
        .orElse(Severity.WARNING);
  }

  private static void result(ObjectNode node, Finding f, int ruleIndex, String fingerprint) {
    node.put("ruleId", f.rule());
    node.put("ruleIndex", ruleIndex);
    node.put("level", ReportSupport.sarifLevel(f.severity()));
    node.putObject("message")
        .put("text", FindingMessages.shown(f) + f.help().map(h -> "\n" + h).orElse(""));
    ObjectNode physical = node.putArray("locations").addObject().putObject("physicalLocation");
    physical.set("artifactLocation", artifact(f.span().path()));
    ObjectNode region = physical.putObject("region");
    region.put("startLine", f.span().line());
    region.put("startColumn", f.span().column());
    node.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint);
    // Only drop-in replacements become SARIF fixes: a fix object means "replace this region with
    // this text".
    List<Fix> replacements = f.fixes().stream().filter(Fix::replacesStatement).toList();
    if (!replacements.isEmpty()) {
      ArrayNode fixes = node.putArray("fixes");
      for (Fix fix : replacements) {
        fix(fixes.addObject(), f.span(), fix);
      }
    }
  }

  private static void fix(ObjectNode node, SourceSpan span, Fix fix) {
    node.putObject("description").put("text", fix.description());
    ObjectNode change = node.putArray("artifactChanges").addObject();
    change.set("artifactLocation", artifact(span.path()));
    ObjectNode replacement = change.putArray("replacements").addObject();
    ObjectNode deleted = replacement.putObject("deletedRegion");
    deleted.put("startLine", span.line());
    deleted.put("startColumn", span.column());
    deleted.put("endLine", span.endLine());
    // Our spans end at the last character; SARIF's endColumn is the column after it.
    deleted.put("endColumn", span.endColumn() + 1);
    replacement.putObject("insertedContent").put("text", fix.sql());
  }

  private static ObjectNode artifact(String path) {
    ObjectNode node = ReportSupport.object();
    node.put("uri", uri(path));
    node.put("uriBaseId", "%SRCROOT%");
    return node;
  }

  /**
   * A repository-relative path as a relative URI reference: characters outside RFC 3986's unreserved set and
   * {@code /} are percent-encoded (UTF-8), so spaces, {@code #} or {@code %} in file names stay part of the path.
   */
  static String uri(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
