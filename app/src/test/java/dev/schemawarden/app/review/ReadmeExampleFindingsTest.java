package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Finding.Evidence;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.TextReportRenderer;
import dev.schemawarden.app.report.ToolInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's example, reviewed with the production wiring (lint, trace on embedded PostgreSQL, policy): each
 * problem is said once. Before findings were merged by concern it gave 19 findings for its 5 statements.
 */
class ReadmeExampleFindingsTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final String V4 = "db/migration/V4__orders_status.sql";

  private static ReviewReport report;

  @BeforeAll
  static void review() {
    report =
        dev.schemawarden.app.testing.Reviews.service()
            .review(
                new ReviewRequest(
                    EXAMPLES.resolve("shop/head"),
                    new ReviewRequest.Base.Directory(EXAMPLES.resolve("shop/base")),
                    "HEAD",
                    Optional.empty(),
                    Optional.empty()),
                Progress.NONE);
  }

  private static String id(Finding f) {
    return f.span().line() + " " + f.rule() + " " + f.severity().label() + " " + f.concern();
  }

  @Test
  void the_example_gives_one_finding_per_problem_and_the_ids_are_pinned() {
    assertThat(report.findings())
        .extracting(ReadmeExampleFindingsTest::id)
        .as(
            "golden: one finding per concern; a change here must be reviewed (README example output)")
        .containsExactly(
            "5 LK110 error rewrite:orders",
            "5 LK115 warning lock-timeout",
            "5 LK124 info statement-timeout",
            "5 TR105 warning lock-held:orders",
            "8 LK101 error index-build:orders",
            "11 LK113 error rewrite:orders",
            "14 LK106 error scan:orders",
            "17 BC101 error BC101");
    assertThat(report.findings())
        .as("the issue's figure: at most 8 findings")
        .hasSizeLessThanOrEqualTo(8);
  }

  @Test
  void each_dangerous_statement_is_still_an_error_with_a_concrete_fix() {
    for (int line : List.of(5, 8, 11, 14, 17)) {
      assertThat(report.findings())
          .as("line %d", line)
          .anySatisfy(
              f -> {
                assertThat(f.span().line()).isEqualTo(line);
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.fixes()).isNotEmpty();
                assertThat(f.fixes().get(0).sql()).isNotBlank();
              });
    }
  }

  @Test
  void the_rewrite_says_it_was_predicted_and_traced() {
    Finding rewrite =
        report.findings().stream().filter(f -> f.rule().equals("LK110")).findFirst().orElseThrow();

    assertThat(rewrite.evidence())
        .extracting(Evidence::kind, Evidence::rule)
        .as("the static LK110 and the trace's TR102 on the same statement are one finding")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Evidence.Kind.PREDICTED, "LK110"),
            org.assertj.core.groups.Tuple.tuple(Evidence.Kind.TRACED, "TR102"));
  }

  @Test
  void
      the_missing_lock_timeout_is_reported_once_at_the_first_blocking_statement_naming_all_it_covers() {
    List<Finding> timeouts =
        report.findings().stream().filter(f -> f.concern().equals(Concerns.LOCK_TIMEOUT)).toList();

    assertThat(timeouts).as("was 7: LK115 on every statement plus TR104 twice").hasSize(1);
    assertThat(timeouts.get(0).span().line()).isEqualTo(5);
    assertThat(timeouts.get(0).message()).contains("lines 5, 8, 11, 14, 17");
    assertThat(timeouts.get(0).evidence())
        .extracting(Evidence::rule)
        .containsExactlyInAnyOrder("LK115", "LK115", "LK115", "LK115", "LK115", "TR104", "TR104");
  }

  @Test
  void the_policy_section_says_each_reason_once_in_text_and_markdown() {
    String reason = "findings at or above fail-on need a code owner to look at them";
    String text = new TextReportRenderer(id -> Optional.empty()).render(report);
    String markdown =
        new MarkdownReportRenderer(ToolInfo.of("0.0.0-test"), id -> Optional.empty())
            .render(report);

    assertThat(report.decision().orElseThrow().reasons())
        .as("the decision itself (JSON keeps both lists)")
        .anyMatch(r -> r.contains(reason));
    assertThat(occurrences(text, reason))
        .as("text: the approval line says it, not a reason line too\n" + text)
        .isEqualTo(1);
    assertThat(occurrences(markdown, reason)).as("markdown\n" + markdown).isEqualTo(1);
  }

  @Test
  void the_text_report_shows_the_evidence_of_a_merged_finding() {
    String text = new TextReportRenderer(id -> Optional.empty()).render(report);

    assertThat(text)
        .contains("evidence: predicted (LK110), traced (TR102)")
        .contains("BLOCKED: 1 migration, 5 statements, 5 errors, 2 warnings, 1 info");
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
