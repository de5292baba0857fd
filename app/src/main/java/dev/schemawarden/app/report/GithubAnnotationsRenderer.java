package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * GitHub Actions workflow commands, one line per finding:
 * {@code ::error file=PATH,line=N,endLine=M,col=C,title=ID slug::message}. Warnings become {@code ::warning},
 * infos {@code ::notice}. The message carries the first fix so the annotation alone says what to do.
 *
 * <p>Escaping follows the runner's rules: in the message {@code %}, CR and LF are percent-encoded; in property
 * values {@code :} and {@code ,} are too, because they delimit properties.
 */
public final class GithubAnnotationsRenderer implements ReportRenderer {

  private final ToolInfo tool;
  private final Function<String, Optional<RuleMeta>> rules;

  public GithubAnnotationsRenderer(ToolInfo tool, Function<String, Optional<RuleMeta>> rules) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  @Override
  public String render(ReviewReport report) {
    StringBuilder out = new StringBuilder();
    for (Finding f : report.findings()) {
      String title = f.rule() + rules.apply(f.rule()).map(m -> " " + m.slug()).orElse("");
      out.append("::")
          .append(command(f.severity()))
          .append(" file=")
          .append(escapeProperty(f.span().path()))
          .append(",line=")
          .append(f.span().line())
          .append(",endLine=")
          .append(f.span().endLine())
          .append(",col=")
          .append(f.span().column())
          .append(",title=")
          .append(escapeProperty(title))
          .append("::")
          .append(escapeData(message(f)))
          .append('\n');
    }
    return out.toString();
  }

  private String message(Finding f) {
    StringBuilder m = new StringBuilder(FindingMessages.shown(f));
    f.help().ifPresent(h -> m.append('\n').append(h));
    f.fixes().stream()
        .findFirst()
        .ifPresent(
            (Fix fix) ->
                m.append("\n\nSafer: ").append(fix.description()).append('\n').append(fix.sql()));
    m.append("\n\nSee ").append(tool.ruleDocUri(f.rule()));
    return m.toString();
  }

  static String command(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO, OFF -> "notice";
    };
  }

  /** Escaping for the text after {@code ::}. */
  static String escapeData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escaping for {@code key=value} properties, where {@code :} and {@code ,} delimit. */
  static String escapeProperty(String s) {
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
  }
}
