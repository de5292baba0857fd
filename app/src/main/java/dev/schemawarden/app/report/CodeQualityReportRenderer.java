package dev.schemawarden.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * GitLab Code Quality report (the {@code artifacts:reports:codequality} JSON array): one issue per finding with
 * {@code description}, {@code check_name}, {@code fingerprint}, {@code severity} and {@code location.path} /
 * {@code location.lines.begin}.
 *
 * <p>Severity mapping: error is {@code critical} (it blocks the merge at the default fail-on), warning is
 * {@code major}, info is {@code info}. Fingerprints are unique within the report, as GitLab requires.
 */
public final class CodeQualityReportRenderer implements ReportRenderer {

  private final Function<String, Optional<RuleMeta>> rules;

  public CodeQualityReportRenderer(Function<String, Optional<RuleMeta>> rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  @Override
  public String render(ReviewReport report) {
    ArrayNode issues = ReportSupport.Json.MAPPER.createArrayNode();
    List<String> fingerprints = ReportSupport.uniqueFingerprints(report.findings());
    for (int i = 0; i < report.findings().size(); i++) {
      Finding f = report.findings().get(i);
      ObjectNode issue = issues.addObject();
      issue.put("description", f.rule() + ": " + FindingMessages.shown(f));
      issue.put("check_name", f.rule() + rules.apply(f.rule()).map(m -> " " + m.slug()).orElse(""));
      issue.put("fingerprint", fingerprints.get(i));
      issue.put("severity", severity(f.severity()));
      ObjectNode location = issue.putObject("location");
      location.put("path", f.span().path());
      location.putObject("lines").put("begin", f.span().line());
    }
    try {
      return ReportSupport.Json.WRITER.writeValueAsString(issues) + "\n";
    } catch (JsonProcessingException e) {
      throw new WardenException(
          ErrorCode.INTERNAL, "could not write the Code Quality report: " + e.getMessage(), e);
    }
  }

  static String severity(Severity s) {
    return switch (s) {
      case ERROR -> "critical";
      case WARNING -> "major";
      case INFO, OFF -> "info";
    };
  }
}
