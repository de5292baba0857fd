package dev.schemawarden.analyzers.internal.lint;

import static dev.schemawarden.analyzers.internal.lint.LintRunnerTest.drop;
import static dev.schemawarden.analyzers.internal.lint.LintRunnerTest.migration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.Suppressions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code warden:ignore} applied to findings made after linting (the trace's TR findings). */
class SuppressionFilterTest {
  private static final Set<String> TRACE =
      Set.of("TR101", "TR102", "TR103", "TR104", "TR105", "TR106", "TR107", "TR108");

  private static Finding at(String rule, int line) {
    return new Finding(
        rule,
        Severity.WARNING,
        SourceSpan.ofLine("V1__x.sql", line),
        rule + " here",
        Optional.empty(),
        List.of(),
        "stmt " + line);
  }

  @Test
  void a_directive_before_the_statement_hides_its_TR_finding_only() {
    Migration m = migration(true, "-- warden:ignore TR102 table has 10 rows", drop("a"), drop("b"));

    List<Finding> kept =
        Suppressions.filter(
            List.of(m), List.of(at("TR102", 2), at("TR102", 3), at("TR104", 2)), TRACE);

    assertThat(kept)
        .extracting(f -> f.rule() + "@" + f.span().line())
        .as("line 3 is another statement; TR104 is another rule")
        .containsExactly("TR104@2", "TR102@3");
  }

  @Test
  void a_file_directive_hides_the_id_everywhere_in_its_migration() {
    Migration m =
        migration(true, "-- warden:ignore-file TR104 deploy runs off-peak", drop("a"), drop("b"));

    assertThat(Suppressions.filter(List.of(m), List.of(at("TR104", 2), at("TR104", 3)), TRACE))
        .isEmpty();
  }

  @Test
  void a_directive_for_a_rule_that_ran_and_reported_nothing_is_WD002() {
    Migration m = migration(true, "-- warden:ignore TR102 expected a rewrite", drop("a"));

    assertThat(Suppressions.filter(List.of(m), List.of(), TRACE))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("WD002");
              assertThat(f.span().line()).isEqualTo(1);
              assertThat(f.message()).contains("TR102").contains("suppresses nothing");
            });
  }

  @Test
  void lint_ids_and_malformed_directives_are_left_to_the_linter() {
    Migration m =
        migration(
            true, "-- warden:ignore LK101 reason", drop("a"), "-- warden:ignore TR102", drop("b"));

    assertThat(Suppressions.filter(List.of(m), List.of(at("TR102", 4)), TRACE))
        .as(
            "LK101 did not run here (no WD002); the reasonless directive is the linter's WD001 and hides nothing")
        .extracting(Finding::rule)
        .containsExactly("TR102");
  }

  @Test
  void a_sandbox_escape_cannot_be_suppressed_by_the_author() {
    Migration m =
        migration(
            true,
            "-- warden:ignore-file TR108 trust me",
            "-- warden:ignore TR108 it is fine",
            drop("a"));

    assertThat(Suppressions.filter(List.of(m), List.of(at("TR108", 3)), TRACE))
        .as("TR108 stays; the directives that tried to hide it are reported as suppressing nothing")
        .extracting(Finding::rule)
        .containsExactly("WD002", "WD002", "TR108");
  }
}
