package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ReportFormat}: the CLI's --format values and their renderers. */
class ReportRendererFactoryTest {

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void each_format_parses_from_its_label_and_renders(ReportFormat format) {
    assertThat(ReportFormat.parse(" " + format.label().toUpperCase() + " ")).isEqualTo(format);
    assertThat(format.renderer(ReportFixtures.TOOL).render(ReportFixtures.blocked())).isNotBlank();
  }

  @Test
  void labels_are_the_documented_cli_values() {
    assertThat(ReportFormat.values())
        .extracting(ReportFormat::label)
        .containsExactly("markdown", "json", "sarif", "codequality", "github", "text");
  }

  @Test
  void unknown_format_is_a_usage_error_that_lists_the_choices() {
    assertThatThrownBy(() -> ReportFormat.parse("xml"))
        .isInstanceOf(WardenException.class)
        .hasMessage(
            "unknown --format 'xml': use one of markdown, json, sarif, codequality, github, text")
        .extracting(e -> ((WardenException) e).code())
        .isEqualTo(ErrorCode.USAGE);
  }

  @Test
  void factory_builds_the_matching_renderer_type() {
    assertThat(ReportFormat.JSON.renderer(ReportFixtures.TOOL))
        .isInstanceOf(JsonReportRenderer.class);
    assertThat(ReportFormat.SARIF.renderer(ReportFixtures.TOOL))
        .isInstanceOf(SarifReportRenderer.class);
    assertThat(ReportFormat.MARKDOWN.renderer(ReportFixtures.TOOL))
        .isInstanceOf(MarkdownReportRenderer.class);
    assertThat(ReportFormat.CODEQUALITY.renderer(ReportFixtures.TOOL))
        .isInstanceOf(CodeQualityReportRenderer.class);
    assertThat(ReportFormat.GITHUB.renderer(ReportFixtures.TOOL))
        .isInstanceOf(GithubAnnotationsRenderer.class);
    assertThat(ReportFormat.TEXT.renderer(ReportFixtures.TOOL))
        .isInstanceOf(TextReportRenderer.class);
  }
}
