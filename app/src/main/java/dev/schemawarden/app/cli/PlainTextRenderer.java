package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.report.ReviewReport;

/**
 * A stand-in used only while the report renderers are not on the classpath: findings one per line in the
 * {@code path:line:column} form terminals link, each with its safer rewrite. Other formats are refused with a
 * message.
 */
final class PlainTextRenderer implements Renderers {

  @Override
  public String render(ReviewReport report, String format) {
    if (!format.equals("text")) {
      throw new WardenException(
          ErrorCode.USAGE, "--format " + format + " is not available in this build: use --format text");
    }
    StringBuilder sb = new StringBuilder();
    for (Finding f : report.findings()) {
      sb.append(f.span()).append(": ").append(f.severity().label()).append(' ').append(f.rule()).append(": ")
          .append(f.message()).append('\n');
      for (Fix fix : f.fixes()) {
        sb.append("    fix: ").append(fix.description()).append('\n');
        fix.sql().lines().forEach(l -> sb.append("      ").append(l).append('\n'));
      }
    }
    int statements = report.migrations().stream().mapToInt(m -> m.statements().size()).sum();
    sb.append(report.migrations().size()).append(" migration(s), ").append(statements).append(" statement(s), ")
        .append(report.findings().size()).append(" finding(s): ")
        .append(report.blocked() ? "blocked (fail-on " + report.failOn().label() + ")" : "passes").append('\n');
    return sb.toString();
  }
}
