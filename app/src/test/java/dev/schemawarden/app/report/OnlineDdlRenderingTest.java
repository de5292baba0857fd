package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's report contract: the engine on top, and a MySQL/MariaDB statement's algorithm and lock in text and
 * Markdown.
 */
class OnlineDdlRenderingTest {

  private final MarkdownReportRenderer markdown =
      new MarkdownReportRenderer(ReportFixtures.TOOL, ReportFixtures.RULES);
  private final TextReportRenderer text = new TextReportRenderer(ReportFixtures.RULES);
  private final JsonReportRenderer json = new JsonReportRenderer(ReportFixtures.TOOL);

  @Test
  void json_names_the_engine_and_the_version_the_findings_were_judged_for() throws IOException {
    JsonNode mariadb = new ObjectMapper().readTree(json.render(ReportFixtures.mariadb()));
    JsonNode postgres = new ObjectMapper().readTree(json.render(ReportFixtures.blocked()));

    assertThat(mariadb.get("engine").asText()).as("the report's engine").isEqualTo("mariadb");
    assertThat(mariadb.get("engine_version").asText()).isEqualTo("11.4.5");
    assertThat(postgres.get("engine").asText())
        .as("postgres is spelled postgresql in the report")
        .isEqualTo("postgresql");
    assertThat(postgres.get("engine_version").asText()).isEqualTo("17.0");
  }

  @Test
  void markdown_lock_cell_of_a_mariadb_statement_is_its_algorithm_and_lock_with_the_source() {
    List<String> rows =
        markdown
            .render(ReportFixtures.mariadb())
            .lines()
            .filter(l -> l.matches("\\| \\d \\|.*"))
            .toList();

    assertThat(rows).as("one row per statement").hasSize(3);
    assertThat(rows.get(0))
        .as("traced INSTANT")
        .contains("| *traced:* **ALGORITHM=INSTANT, LOCK=NONE** |");
    assertThat(rows.get(1))
        .as("the rebuild the trace saw")
        .contains("| *traced:* **ALGORITHM=COPY, LOCK=SHARED**<br>**table rebuild** of `t` |");
    assertThat(rows.get(2))
        .as("predicted, and why it was not traced")
        .contains(
            "*predicted:* **ALGORITHM=INPLACE, LOCK=NONE**<br>:warning: failed on the replica: not run");
    assertThat(String.join("\n", rows))
        .as("no PostgreSQL lock wording for MySQL statements")
        .doesNotContain("no lock on existing tables");
  }

  @Test
  void text_lists_each_mariadb_statement_with_its_algorithm_and_lock() {
    String out = text.render(ReportFixtures.mariadb());

    assertThat(out)
        .contains(
            "online DDL:\n"
                + "  db/migration/V2__widen.sql:1: ALGORITHM=INSTANT, LOCK=NONE (traced)  ALTER TABLE t ADD COLUMN c INT\n"
                + "  db/migration/V2__widen.sql:2: ALGORITHM=COPY, LOCK=SHARED (traced), rebuilds t  ALTER TABLE t MODIFY"
                + " c BIGINT\n"
                + "  db/migration/V2__widen.sql:3: ALGORITHM=INPLACE, LOCK=NONE (predicted), failed on the replica: not"
                + " run: an earlier statement failed  ALTER TABLE t ADD INDEX c_idx (c)\n");
  }

  @Test
  void a_postgresql_report_has_no_online_ddl_section_or_wording() {
    for (ReviewReport r :
        List.of(ReportFixtures.blocked(), ReportFixtures.clean(), ReportFixtures.lint())) {
      assertThat(text.render(r)).as("text of a PostgreSQL report").doesNotContain("online DDL");
      assertThat(markdown.render(r))
          .as("Markdown of a PostgreSQL report")
          .doesNotContain("ALGORITHM=");
    }
  }

  @Test
  void hostile_table_name_and_statement_cannot_break_the_table_or_the_text_lines() {
    SqlStatement alter =
        ReportFixtures.stmt(
            0,
            "ALTER TABLE `a|b` MODIFY c BIGINT, COMMENT '|\n| 9 | forged |'",
            "db/migration/V3__x.sql",
            1,
            2,
            20,
            ReportFixtures.alter("a|b"));
    StatementEffects effects =
        new StatementEffects(
            StatementEffects.Source.TRACED,
            List.of(),
            List.of(new StatementEffects.Rewrite("a|b`\n| 9 | forged", "new InnoDB table id")),
            List.of(),
            Optional.empty(),
            Optional.of("boom |\n| 8 | forged |"),
            Optional.empty());
    Migration m = ReportFixtures.flyway("db/migration/V3__x.sql", "3", "x", false, List.of(alter));
    ReviewReport report =
        new ReviewReport(
            "review",
            Optional.empty(),
            List.of(
                new MigrationReport(
                    m,
                    "added",
                    List.of(
                        new StatementReport(
                            alter,
                            effects,
                            Optional.of(
                                new OnlineDdl.Verdict(
                                    "COPY", "SHARED", OnlineDdl.Source.TRACED)))))),
            List.of(),
            List.of(),
            Optional.empty(),
            List.of(),
            List.of(),
            Severity.ERROR,
            "mysql",
            "8.0.29");

    String md = markdown.render(report);
    String txt = text.render(report);

    assertThat(md.lines().filter(l -> l.matches("\\| *\\d+ *\\|.*")))
        .as("one row, nothing forged")
        .hasSize(1)
        .allMatch(l -> l.startsWith("| 1 |"));
    assertThat(md).doesNotContain("\n| 9 |").doesNotContain("\n| 8 |");
    assertThat(txt.lines().filter(l -> l.startsWith("  db/migration/V3__x.sql:1:")))
        .as("one line per statement")
        .hasSize(1);
    assertThat(txt).doesNotContain("\n| 9").doesNotContain("\n| 8");
  }
}
