package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every format of every representative report against its committed golden file. */
class GoldenRendererTest {

  static Stream<Arguments> cases() {
    return ReportFixtures.all().keySet().stream()
        .sorted()
        .flatMap(
            name -> Stream.of(ReportFormat.values()).map(format -> Arguments.of(name, format)));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cases")
  void rendered_report_matches_its_golden_file(String name, ReportFormat format) {
    ReviewReport report = ReportFixtures.all().get(name);
    ReportRenderer renderer = format.renderer(ReportFixtures.TOOL, ReportFixtures.RULES);

    String rendered = renderer.render(report);

    assertThat(renderer.render(report)).as("rendering is deterministic").isEqualTo(rendered);
    Golden.assertMatches(fileName(name, format), rendered);
  }

  /** {@code blocked.json}, {@code blocked.sarif}, {@code blocked.md}, {@code blocked.codequality.json}, ... */
  static String fileName(String report, ReportFormat format) {
    if (format == ReportFormat.MARKDOWN
        || format.label().equals(format.extension())
        || format == ReportFormat.TEXT) {
      return report + "." + format.extension();
    }
    return report + "." + format.label() + "." + format.extension();
  }
}
