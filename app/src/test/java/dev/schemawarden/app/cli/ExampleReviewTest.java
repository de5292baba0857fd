package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewRequest;
import dev.schemawarden.app.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's first command, with the production wiring, on the shipped examples. */
class ExampleReviewTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final String V4 = "db/migration/V4__orders_status.sql";

  private static ReviewReport review(String example) {
    return dev.schemawarden.app.testing.Reviews.service()
        .review(
            new ReviewRequest(
                EXAMPLES.resolve(example + "/head"),
                new ReviewRequest.Base.Directory(EXAMPLES.resolve(example + "/base")),
                "HEAD",
                Optional.empty(),
                Optional.empty()),
            Progress.NONE);
  }

  @Test
  void the_dangerous_shop_migration_is_blocked_with_a_finding_and_a_fix_at_each_statement() {
    ReviewReport report = review("shop");

    assertThat(report.migrations())
        .extracting(m -> m.migration().path() + " " + m.status())
        .containsExactly(V4 + " added");
    Map<Integer, List<Finding>> byLine =
        report.findings().stream()
            .filter(f -> f.span().path().equals(V4))
            .collect(Collectors.groupingBy(f -> f.span().line()));
    assertThat(byLine.keySet())
        .as(
            "volatile default, index, type change, SET NOT NULL, rename: every statement line has a finding")
        .contains(5, 8, 11, 14, 17);
    for (int line : List.of(5, 8, 11, 14, 17)) {
      assertThat(byLine.get(line))
          .as("a safer rewrite for line %d", line)
          .anySatisfy(f -> assertThat(f.fixes()).isNotEmpty());
    }
    assertThat(report.blocked()).isTrue();
    assertThat(report.count(Severity.ERROR)).isPositive();
  }

  @Test
  void the_readme_command_exits_1_and_prints_the_findings() {
    Cli.Run run =
        Cli.run(
            "review",
            "--repo",
            EXAMPLES.resolve("shop/head").toString(),
            "--base-dir",
            EXAMPLES.resolve("shop/base").toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains(V4 + ":5:").contains(V4 + ":8:").contains("BLOCKED");
  }

  @Test
  void the_safe_example_passes() {
    Cli.Run run =
        Cli.run(
            "review",
            "--repo",
            EXAMPLES.resolve("safe/head").toString(),
            "--base-dir",
            EXAMPLES.resolve("safe/base").toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("PASSES: 3 migrations");
  }

  @Test
  void every_format_renders_the_example() {
    for (String format : Renderers.formats()) {
      Cli.Run run =
          Cli.run(
              "review",
              "--repo",
              EXAMPLES.resolve("shop/head").toString(),
              "--base-dir",
              EXAMPLES.resolve("shop/base").toString(),
              "--format",
              format);
      assertThat(run.exitCode()).as(format + ": " + run).isEqualTo(1);
      assertThat(run.out()).as(format).isNotBlank();
    }
  }
}
