package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Finding.Evidence;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.app.report.JsonReportRenderer;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.StatementReport;
import dev.schemawarden.app.report.ToolInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The merge step on its own: statements parsed by the real parser, findings as the rules and the trace emit them. */
class OneFindingPerConcernTest {
  private static final String PATH = "db/migration/V2__change.sql";
  private static final String SQL =
      """
      ALTER TABLE orders ADD COLUMN note text DEFAULT 'x';
      ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
      """;

  private static List<SqlStatement> statements(String path, String sql) {
    return Engines.forName("postgres").parser().parse(path, sql).statements();
  }

  private static Finding predicted(
      String rule, Severity severity, SqlStatement s, String concern, Fix... fixes) {
    return new Finding(
        rule,
        severity,
        s.span(),
        rule + " says so",
        Optional.empty(),
        List.of(fixes),
        s.sql(),
        concern,
        List.of(new Evidence(Evidence.Kind.PREDICTED, rule, s.line(), false, "")));
  }

  private static Finding traced(
      String rule, Severity severity, SqlStatement s, String concern, boolean weighed) {
    return new Finding(
        rule,
        severity,
        s.span(),
        rule + " saw it",
        Optional.empty(),
        List.of(),
        s.sql(),
        concern,
        List.of(new Evidence(Evidence.Kind.TRACED, rule, s.line(), weighed, "")));
  }

  /** The trace ran every statement; {@code rewrites[i]} is what it saw statement i rewrite (empty: nothing). */
  private static List<MigrationReport> trace(List<SqlStatement> statements, String... rewrites) {
    Migration m =
        new Migration(
            PATH,
            MigrationTool.FLYWAY,
            Migration.Kind.VERSIONED,
            Optional.of("2"),
            "change",
            true,
            statements,
            List.of());
    List<StatementReport> out = new java.util.ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      List<StatementEffects.Rewrite> r =
          rewrites[i].isEmpty()
              ? List.of()
              : List.of(
                  new StatementEffects.Rewrite(rewrites[i], "column type or storage changed"));
      out.add(
          new StatementReport(
              statements.get(i),
              new StatementEffects(
                  StatementEffects.Source.TRACED,
                  List.of(
                      new StatementEffects.ObservedLock(
                          "public.orders", LockMode.ACCESS_EXCLUSIVE)),
                  r,
                  List.of(),
                  Optional.of(Duration.ofMillis(3)),
                  Optional.empty(),
                  Optional.empty())));
    }
    return List.of(new MigrationReport(m, "added", out));
  }

  @Nested
  class static_and_traced {
    @Test
    void
        a_prediction_and_its_observation_are_one_finding_at_the_static_severity_when_nothing_weighed_it() {
      List<SqlStatement> s = statements(PATH, SQL);
      List<Finding> merged =
          OneFindingPerConcern.merge(
              List.of(
                  predicted(
                      "LK113",
                      Severity.ERROR,
                      s.get(1),
                      "rewrite:orders",
                      Fix.advice("new column", "ALTER ...")),
                  traced(
                      "TR102", Severity.INFO, s.get(1), Concerns.rewrite("public.orders"), false)),
              trace(s, "", "public.orders"));

      assertThat(merged)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.rule()).isEqualTo("LK113");
                assertThat(f.severity())
                    .as("an unweighed trace does not lower a static error")
                    .isEqualTo(Severity.ERROR);
                assertThat(f.fixes()).as("the static rule's fix survives").hasSize(1);
                assertThat(f.evidence())
                    .extracting(Evidence::kind)
                    .containsExactly(Evidence.Kind.PREDICTED, Evidence.Kind.TRACED);
                assertThat(f.evidence().get(1).detail())
                    .as("what the trace said is kept")
                    .isEqualTo("TR102 saw it");
              });
    }

    @Test
    void a_trace_weighed_with_production_statistics_decides_the_severity_and_leads() {
      List<SqlStatement> s = statements(PATH, SQL);
      List<Finding> merged =
          OneFindingPerConcern.merge(
              List.of(
                  predicted(
                      "LK113",
                      Severity.ERROR,
                      s.get(1),
                      "rewrite:orders",
                      Fix.advice("new column", "ALTER ...")),
                  traced("TR102", Severity.INFO, s.get(1), "rewrite:orders", true)),
              trace(s, "", "public.orders"));

      assertThat(merged)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity())
                    .as("the empty production table makes it info")
                    .isEqualTo(Severity.INFO);
                assertThat(f.rule()).as("its message carries the estimate").isEqualTo("TR102");
                assertThat(f.fixes()).as("the best fix available is still offered").hasSize(1);
              });
    }

    @Test
    void a_rewrite_the_trace_ran_and_did_not_see_is_dropped_with_a_note() {
      List<SqlStatement> s = statements(PATH, SQL);
      List<Finding> merged =
          OneFindingPerConcern.merge(
              List.of(
                  predicted("LK110", Severity.ERROR, s.get(0), "rewrite:orders"),
                  predicted("LK115", Severity.WARNING, s.get(0), Concerns.LOCK_TIMEOUT)),
              trace(s, "", ""));

      assertThat(merged)
          .extracting(Finding::rule)
          .as("the contradicted LK110 goes")
          .containsExactly("LK115");
      assertThat(merged.get(0).evidence())
          .filteredOn(e -> e.kind() == Evidence.Kind.NOTE)
          .singleElement()
          .satisfies(e -> assertThat(e.detail()).contains("LK110").contains("saw no rewrite"));
    }

    @Test
    void without_a_trace_the_prediction_stays() {
      List<SqlStatement> s = statements(PATH, SQL);

      assertThat(
              OneFindingPerConcern.merge(
                  List.of(predicted("LK110", Severity.ERROR, s.get(0), "rewrite:orders")),
                  List.of()))
          .extracting(Finding::rule)
          .containsExactly("LK110");
    }
  }

  @Nested
  class scopes {
    @Test
    void a_missing_lock_timeout_is_one_finding_per_migration_at_its_first_statement() {
      List<SqlStatement> s = statements(PATH, SQL);
      List<SqlStatement> other =
          statements("db/migration/V3__other.sql", "ALTER TABLE customers ADD c int;\n");
      List<Finding> merged =
          OneFindingPerConcern.merge(
              List.of(
                  predicted(
                      "LK115",
                      Severity.WARNING,
                      s.get(0),
                      Concerns.LOCK_TIMEOUT,
                      Fix.replacement("2s", "SET ...")),
                  predicted("LK115", Severity.WARNING, s.get(1), Concerns.LOCK_TIMEOUT),
                  traced("TR104", Severity.INFO, s.get(1), Concerns.LOCK_TIMEOUT, false),
                  predicted("LK115", Severity.WARNING, other.get(0), Concerns.LOCK_TIMEOUT)),
              List.of());

      assertThat(merged)
          .extracting(f -> f.span().path() + ":" + f.span().line())
          .as("one per migration")
          .containsExactly("db/migration/V2__change.sql:1", "db/migration/V3__other.sql:1");
      assertThat(merged.get(0).message()).contains("lines 1, 2");
      assertThat(merged.get(0).fixes())
          .as("the first statement's own fix, not one per statement")
          .hasSize(1);
    }

    @Test
    void findings_that_are_their_own_concern_never_merge() {
      List<SqlStatement> s = statements(PATH, SQL);
      Finding a =
          new Finding(
              "TY105",
              Severity.WARNING,
              s.get(0).span(),
              "column a",
              Optional.empty(),
              List.of(),
              s.get(0).sql());
      Finding b =
          new Finding(
              "TY105",
              Severity.WARNING,
              s.get(0).span(),
              "column b",
              Optional.empty(),
              List.of(),
              s.get(0).sql());

      assertThat(OneFindingPerConcern.merge(List.of(a, b), List.of())).hasSize(2);
    }
  }

  @Nested
  class hostile {
    @Test
    void names_and_messages_from_the_change_are_escaped_and_capped_in_the_reports() {
      String sql = "ALTER TABLE \"<img src=x onerror=alert(1)>\" ALTER COLUMN q TYPE bigint;\n";
      List<SqlStatement> s = statements(PATH, sql);
      String huge = "x".repeat(50_000);
      Finding lk =
          predicted(
              "LK113", Severity.ERROR, s.get(0), Concerns.rewrite("<img src=x onerror=alert(1)>"));
      Finding tr =
          new Finding(
              "TR102",
              Severity.INFO,
              s.get(0).span(),
              "rewrote <script>alert(1)</script> " + huge,
              Optional.empty(),
              List.of(),
              s.get(0).sql(),
              lk.concern(),
              List.of(new Evidence(Evidence.Kind.TRACED, "TR102", 1, false, "")));
      List<Finding> merged = OneFindingPerConcern.merge(List.of(lk, tr), List.of());
      ReviewReport report =
          new ReviewReport(
              "review",
              Optional.empty(),
              List.of(),
              merged,
              List.of(),
              Optional.empty(),
              List.of(),
              List.of(),
              Severity.ERROR);

      String markdown =
          new MarkdownReportRenderer(ToolInfo.of("0"), id -> Optional.empty()).render(report);
      String json = new JsonReportRenderer(ToolInfo.of("0")).render(report);

      assertThat(merged).hasSize(1);
      assertThat(markdown)
          .as("evidence in the PR comment cannot open a tag")
          .doesNotContain("<img src")
          .doesNotContain("<script>");
      assertThat(json.length())
          .as("a 50 KB message is not copied whole into the evidence")
          .isLessThan(20_000);
    }
  }
}
