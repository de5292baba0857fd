package dev.schemawarden.app.review;

import static dev.schemawarden.app.testing.ReportJson.findings;
import static dev.schemawarden.app.testing.ReportJson.json;
import static dev.schemawarden.app.testing.ReportJson.step;
import static dev.schemawarden.app.testing.ReportJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Down migrations are reviewed as the rollback plan of their up migration: linted, shown under the up, capped at
 * info, never blocking and never in the policy's input; an up that cannot be undone with no down is MG002. The
 * trace plays no part in any of it, so these reviews run without one (the policy stage is the real one).
 */
class RollbackPlanReviewTest {
  private static final String DBA_POLICY =
      """
      version: 1
      rules:
        - id: drops-need-a-dba
          match:
            rules: [DS101]
          action:
            require: {count: 1, from: [dba]}
      """;

  @TempDir Path tmp;

  /** {@code base} files on both sides, {@code head} only at head; {@code extra} are more CLI arguments. */
  private Cli.Run review(
      String config, Map<String, String> base, Map<String, String> head, String... extra) {
    Path b = tmp.resolve("base");
    Path h = tmp.resolve("head");
    base.forEach(
        (path, text) -> {
          write(b.resolve(path), text);
          write(h.resolve(path), text);
        });
    head.forEach((path, text) -> write(h.resolve(path), text));
    for (Path side : List.of(b, h)) {
      write(side.resolve(".schemawarden.yml"), config + "policy: policy.yml\n");
      write(side.resolve("policy.yml"), DBA_POLICY);
    }
    List<String> args =
        new ArrayList<>(
            List.of("review", "--repo", h.toString(), "--base-dir", b.toString(), "--no-trace"));
    args.addAll(List.of(extra));
    if (!args.contains("--format")) {
      args.addAll(List.of("--format", "json"));
    }
    return Cli.run(
        (out, err) -> {
          ReviewService service = dev.schemawarden.app.testing.Reviews.staticWithPolicy();
          return new CliContext(out, err, service, Main.renderers(service), false);
        },
        args.toArray(String[]::new));
  }

  private static List<JsonNode> all(JsonNode report) {
    return StreamSupport.stream(report.path("findings").spliterator(), false).toList();
  }

  @Nested
  class golang_migrate {
    private static final String CONFIG = "migrations:\n  tool: golang-migrate\n";
    private final Map<String, String> base =
        Map.of(
            "migrations/1_users.up.sql",
                "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
            "migrations/1_users.down.sql", "DROP TABLE users;\n");

    @Test
    void
        the_down_file_is_linted_under_its_up_at_info_and_blocks_neither_the_exit_code_nor_the_policy() {
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of(
                  "migrations/2_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
                  "migrations/2_orders.down.sql", "DROP TABLE orders;\nDROP TABLE users;\n"),
              "--fail-on",
              "info");

      JsonNode report = json(run);
      JsonNode up = report.path("migrations").get(0);
      assertThat(report.path("migrations")).as("only the up is the change").hasSize(1);
      assertThat(up.path("path").asText()).isEqualTo("migrations/2_orders.up.sql");
      assertThat(up.path("downs")).as("the down is listed under its up: " + run).hasSize(1);
      assertThat(up.path("downs").get(0).path("path").asText())
          .isEqualTo("migrations/2_orders.down.sql");
      assertThat(up.path("downs").get(0).path("kind").asText()).isEqualTo("down");
      assertThat(up.path("statements").get(0).path("parsed_by").asText())
          .as("the engine's classifier classified it: no parse failure")
          .isEqualTo("classifier");
      List<JsonNode> drops = findings(report, "DS101");
      assertThat(drops)
          .as("the down's DROP TABLEs are read, as the rollback plan: " + run)
          .hasSize(2)
          .allMatch(
              f ->
                  f.path("severity").asText().equals("info")
                      && f.path("rollback_of").asText().equals("migrations/2_orders.up.sql"));
      assertThat(report.path("summary").path("blocked").asBoolean())
          .as("a rollback plan's finding never blocks, even with --fail-on info: " + run)
          .isFalse();
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(report.path("decision").path("outcome").asText())
          .as("the DS101 policy does not see the rollback plan's drops")
          .isEqualTo("allow");
      assertThat(step(report, "sources").path("detail").asText())
          .contains("1 down migration(s) reviewed as their rollback plan");
    }

    @Test
    void a_down_edited_alone_is_reviewed_under_its_unchanged_up_and_decides_nothing() {
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of("migrations/1_users.down.sql", "DROP TABLE users;\nDROP TABLE orders;\n"),
              "--fail-on",
              "info");

      JsonNode report = json(run);
      assertThat(report.path("migrations"))
          .as("the unchanged up holds the edited down: " + run)
          .singleElement()
          .satisfies(
              up -> {
                assertThat(up.path("path").asText()).isEqualTo("migrations/1_users.up.sql");
                assertThat(up.path("status").asText()).isEqualTo("unchanged");
                assertThat(up.path("statements"))
                    .as("the applied up is not reviewed again")
                    .isEmpty();
                assertThat(up.path("downs"))
                    .extracting(d -> d.path("path").asText())
                    .containsExactly("migrations/1_users.down.sql");
              });
      assertThat(findings(report, "DS101"))
          .as("both drops of the edited plan are read: " + run)
          .hasSize(2)
          .allMatch(
              f ->
                  f.path("severity").asText().equals("info")
                      && f.path("rollback_of").asText().equals("migrations/1_users.up.sql"));
      assertThat(run.exitCode()).as("never blocks, even with --fail-on info: " + run).isZero();
      assertThat(report.path("decision").path("outcome").asText()).isEqualTo("allow");
      assertThat(step(report, "sources").path("detail").asText())
          .contains("1 of them edited without their up migration, listed as unchanged");
      assertThat(report.path("summary").path("migrations").asInt())
          .as("the unchanged holder is no migration of the change, in JSON as in text and Markdown")
          .isZero();
    }

    @Test
    void a_drop_in_the_up_itself_still_blocks_and_reaches_the_policy() {
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of(
                  "migrations/2_drop.up.sql", "DROP TABLE users;\n",
                  "migrations/2_drop.down.sql",
                      "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"));

      JsonNode report = json(run);
      assertThat(findings(report, "DS101"))
          .as(run.toString())
          .singleElement()
          .satisfies(f -> assertThat(f.path("severity").asText()).isEqualTo("error"))
          .satisfies(f -> assertThat(f.path("rollback_of").isNull()).isTrue());
      assertThat(report.path("decision").path("outcome").asText()).isEqualTo("needs_approval");
      assertThat(findings(report, "MG002")).as("the drop has a down").isEmpty();
    }

    @Test
    void an_irreversible_up_without_a_down_is_MG002_where_the_repository_writes_downs() {
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of(
                  "migrations/2_drop_email.up.sql",
                  "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN email;\n"));

      JsonNode report = json(run);
      assertThat(findings(report, "MG002"))
          .as(run.toString())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.path("severity").asText()).isEqualTo("warning");
                assertThat(f.path("line").asInt()).as("at the irreversible statement").isEqualTo(2);
                assertThat(f.path("message").asText())
                    .contains(
                        "2_drop_email.up.sql",
                        "drops a column of users",
                        "migrations/2_drop_email.down.sql");
              });
    }

    @Test
    void a_reason_on_the_statement_suppresses_MG002_and_an_additive_up_needs_no_down() {
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of(
                  "migrations/2_drop_email.up.sql",
                  "-- warden:ignore MG002 the column was never written, nothing to restore\n"
                      + "ALTER TABLE users DROP COLUMN email;\n",
                  "migrations/3_orders.up.sql",
                  "CREATE TABLE orders (id bigint PRIMARY KEY);\n"));

      JsonNode report = json(run);
      assertThat(findings(report, "MG002")).as(run.toString()).isEmpty();
      assertThat(findings(report, "WD002")).as("the directive hid MG002").isEmpty();
    }

    @Test
    void the_text_report_shows_the_plan_under_its_up() {
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of(
                  "migrations/2_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
                  "migrations/2_orders.down.sql", "DROP TABLE orders;\n"),
              "--format",
              "text");

      assertThat(run.out())
          .as(run.toString())
          .contains("rollback plan of 2_orders.up.sql: migrations/2_orders.down.sql")
          .containsPattern("(?m)^migrations/2_orders\\.down\\.sql:1:1: info DS101");
    }
  }

  @Test
  void a_repository_without_any_down_gets_no_MG002() {
    Cli.Run run =
        review(
            "migrations:\n  tool: golang-migrate\n",
            Map.of(
                "migrations/1_users.up.sql",
                "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"),
            Map.of("migrations/2_drop.up.sql", "ALTER TABLE users DROP COLUMN email;\n"));

    assertThat(findings(json(run), "MG002")).as(run.toString()).isEmpty();
  }

  @Test
  void dbmate_an_empty_down_section_for_a_drop_is_MG002_and_a_written_one_is_its_plan() {
    String users =
        "-- migrate:up\nCREATE TABLE users (id bigint);\nCREATE TABLE audit (id bigint);\n\n"
            + "-- migrate:down\nDROP TABLE audit;\nDROP TABLE users;\n";
    Cli.Run run =
        review(
            "migrations:\n  tool: dbmate\n",
            Map.of("db/migrations/20240101120000_users.sql", users),
            Map.of(
                "db/migrations/20240201120000_drop_audit.sql",
                "-- migrate:up\nDROP TABLE audit;\n\n" + "-- migrate:down\n",
                "db/migrations/20240301120000_email.sql",
                "-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n\n"
                    + "-- migrate:down\nALTER TABLE users DROP COLUMN email;\n"));

    JsonNode report = json(run);
    assertThat(findings(report, "MG002"))
        .as(run.toString())
        .singleElement()
        .satisfies(f -> assertThat(f.path("path").asText()).endsWith("_drop_audit.sql"));
    JsonNode email =
        StreamSupport.stream(report.path("migrations").spliterator(), false)
            .filter(m -> m.path("path").asText().endsWith("_email.sql"))
            .findFirst()
            .orElseThrow();
    assertThat(email.path("downs").get(0).path("statements").get(0).path("line").asInt())
        .as("the down section, on its own lines of the same file")
        .isEqualTo(5);
    assertThat(findings(report, "DS103"))
        .as("the down section's DROP COLUMN is info, the plan's")
        .allMatch(f -> f.path("severity").asText().equals("info") && f.path("line").asInt() == 5);
  }

  @Test
  void flyway_an_undo_script_is_the_plan_of_its_version_not_a_change_to_deploy() {
    Cli.Run run =
        review(
            "migrations:\n  tool: flyway\n",
            Map.of("db/migration/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n"),
            Map.of(
                "db/migration/V2__orders.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
                "db/migration/U2__orders.sql",
                "DROP TABLE orders;\n"));

    JsonNode report = json(run);
    assertThat(report.path("migrations")).as(run.toString()).hasSize(1);
    JsonNode down = report.path("migrations").get(0).path("downs").get(0);
    assertThat(down.path("path").asText()).isEqualTo("db/migration/U2__orders.sql");
    assertThat(down.path("kind").asText()).isEqualTo("undo");
    assertThat(all(report))
        .as("nothing of the undo script blocks")
        .noneMatch(
            f ->
                f.path("path").asText().contains("U2__")
                    && !f.path("severity").asText().equals("info"));
  }

  @Test
  void diesel_down_sql_is_the_plan_of_its_up_sql() {
    Cli.Run run =
        review(
            "migrations:\n  tool: diesel\n",
            Map.of(
                "migrations/2017-08-31-230457_users/up.sql",
                "CREATE TABLE users (id bigint PRIMARY KEY);\n",
                "migrations/2017-08-31-230457_users/down.sql",
                "DROP TABLE users;\n"),
            Map.of(
                "migrations/2018-01-01-000000_orders/up.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
                "migrations/2018-01-01-000000_orders/down.sql",
                "DROP TABLE orders;\n"));

    JsonNode report = json(run);
    assertThat(report.path("migrations").get(0).path("downs").get(0).path("path").asText())
        .as(run.toString())
        .isEqualTo("migrations/2018-01-01-000000_orders/down.sql");
    assertThat(findings(report, "DS101"))
        .singleElement()
        .satisfies(f -> assertThat(f.path("severity").asText()).isEqualTo("info"));
  }

  @Test
  void sqlx_a_reversible_migration_shows_its_down_and_a_simple_one_with_a_drop_is_MG002() {
    Cli.Run run =
        review(
            "migrations:\n  tool: sqlx\n",
            Map.of(
                "migrations/1_users.up.sql",
                "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
                "migrations/1_users.down.sql",
                "DROP TABLE users;\n"),
            Map.of(
                "migrations/2_orders.up.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
                "migrations/2_orders.down.sql",
                "DROP TABLE orders;\n",
                "migrations/3_drop_email.sql",
                "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN email;\n"));

    JsonNode report = json(run);
    assertThat(report.path("migrations"))
        .as(run.toString())
        .extracting(m -> m.path("path").asText())
        .containsExactly("migrations/2_orders.up.sql", "migrations/3_drop_email.sql");
    assertThat(report.path("migrations").get(0).path("tool").asText()).isEqualTo("sqlx");
    assertThat(report.path("migrations").get(0).path("downs").get(0).path("path").asText())
        .isEqualTo("migrations/2_orders.down.sql");
    assertThat(findings(report, "MG002"))
        .singleElement()
        .satisfies(
            f -> assertThat(f.path("path").asText()).isEqualTo("migrations/3_drop_email.sql"))
        .satisfies(
            f ->
                assertThat(f.path("message").asText())
                    .contains("a simple sqlx migration cannot be reverted"));
  }

  @Nested
  class hostile {
    @Test
    void a_plain_file_named_like_a_down_with_no_up_next_to_it_is_reviewed_in_full() {
      Cli.Run run =
          review(
              "migrations:\n  tool: plain\n  locations: [sql]\n",
              Map.of("sql/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n"),
              Map.of("sql/002_cleanup.down.sql", "DROP TABLE users;\n"));

      JsonNode report = json(run);
      assertThat(findings(report, "DS101"))
          .as("a name alone does not make a file a rollback plan: " + run)
          .singleElement()
          .satisfies(f -> assertThat(f.path("severity").asText()).isEqualTo("error"));
      assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void a_plain_pair_down_is_the_plan_and_not_replayed_or_reviewed_as_the_change() {
      Cli.Run run =
          review(
              "migrations:\n  tool: plain\n  locations: [sql]\n",
              Map.of(
                  "sql/001_users.up.sql",
                  "CREATE TABLE users (id bigint PRIMARY KEY);\n",
                  "sql/001_users.down.sql",
                  "DROP TABLE users;\n"),
              Map.of(
                  "sql/002_orders.up.sql",
                  "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
                  "sql/002_orders.down.sql",
                  "DROP TABLE orders;\n"));

      JsonNode report = json(run);
      assertThat(report.path("migrations")).as(run.toString()).hasSize(1);
      assertThat(report.path("migrations").get(0).path("downs").get(0).path("path").asText())
          .isEqualTo("sql/002_orders.down.sql");
    }

    @Test
    void a_down_file_linking_out_of_the_repository_is_not_read() throws IOException {
      Path secret = tmp.resolve("secret.txt");
      Files.writeString(secret, "SELECT 'TOPSECRET';\n");
      Cli.Run first =
          review(
              "migrations:\n  tool: golang-migrate\n",
              Map.of("migrations/1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n"),
              Map.of(
                  "migrations/2_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n"));
      assertThat(first.exitCode()).as(first.toString()).isZero();
      Path down = tmp.resolve("head/migrations/2_orders.down.sql");
      Files.createSymbolicLink(down, secret);

      Cli.Run run =
          review(
              "migrations:\n  tool: golang-migrate\n",
              Map.of(),
              Map.of(
                  "migrations/2_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n"));

      assertThat(run.out()).as(run.toString()).doesNotContain("TOPSECRET");
      assertThat(findings(json(run), "WD003"))
          .as("the refused down is reported, as the plan's: " + run)
          .singleElement()
          .satisfies(f -> assertThat(f.path("severity").asText()).isEqualTo("info"));
    }
  }
}
