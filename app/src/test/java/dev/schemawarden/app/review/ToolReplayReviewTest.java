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
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden review} replays the base history the way each tool reaches it (no snapshot: the replica is the
 * history), on a real embedded PostgreSQL: golang-migrate and dbmate ups only, diesel directories by version, Flyway
 * repeatables with their base content; a configured tool that matches none of the SQL files is an error.
 */
class ToolReplayReviewTest {
  private static ReplicaTracer stage;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    stage =
        new ReplicaTracer(
            rc -> ReplicaProvider.embedded(ReplicaSettings.defaults()),
            ReplicaTracer.StatisticsSource.NONE);
  }

  @AfterAll
  static void stop() {
    stage.close();
  }

  /** {@code base} files on both sides, {@code added} (and changed) only at head; returns the report run. */
  private Cli.Run review(String config, Map<String, String> base, Map<String, String> head) {
    Path b = tmp.resolve("base");
    Path h = tmp.resolve("head");
    base.forEach(
        (path, text) -> {
          write(b.resolve(path), text);
          write(h.resolve(path), text);
        });
    head.forEach((path, text) -> write(h.resolve(path), text));
    write(h.resolve(".schemawarden.yml"), config);
    write(b.resolve(".schemawarden.yml"), config);
    List<String> args =
        List.of("review", "--repo", h.toString(), "--base-dir", b.toString(), "--format", "json");
    return Cli.run(
        (out, err) -> {
          ReviewService service = dev.schemawarden.app.testing.Reviews.tracing(stage);
          return new CliContext(out, err, service, Main.renderers(service), false);
        },
        args.toArray(String[]::new));
  }

  private static List<String> paths(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.path("migrations").forEach(m -> out.add(m.path("path").asText()));
    return out;
  }

  private static List<String> rules(JsonNode report) {
    return StreamSupport.stream(report.path("findings").spliterator(), false)
        .map(
            f ->
                f.path("rule").asText()
                    + "@"
                    + f.path("path").asText()
                    + ":"
                    + f.path("line").asInt())
        .toList();
  }

  private static void tracedOk(JsonNode report, Cli.Run run) {
    assertThat(step(report, "trace").path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(findings(report, "TR101"))
        .as("the replayed base has what the change alters: " + run)
        .isEmpty();
  }

  @Nested
  class golang_migrate {
    private static final String CONFIG = "migrations:\n  tool: golang-migrate\n";
    private final Map<String, String> base =
        Map.of(
            "migrations/1_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n",
            "migrations/1_create_users.down.sql", "DROP TABLE users;\n");

    @Test
    void altering_a_table_the_first_up_created_traces_ok_and_only_the_up_is_the_change() {
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of(
                  "migrations/2_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n",
                  "migrations/2_email.down.sql", "ALTER TABLE users DROP COLUMN email;\n"));

      JsonNode report = json(run);
      tracedOk(report, run);
      assertThat(paths(report))
          .as("the down file is not linted as the change")
          .containsExactly("migrations/2_email.up.sql");
      assertThat(
              StreamSupport.stream(report.path("findings").spliterator(), false)
                  .filter(f -> f.path("path").asText().endsWith(".down.sql")))
          .as("the down file is the up's rollback plan: its findings are info, never blocking")
          .allMatch(
              f ->
                  f.path("severity").asText().equals("info")
                      && f.path("rollback_of").asText().equals("migrations/2_email.up.sql"));
    }

    @Test
    void
        a_change_to_a_down_file_alone_is_its_ups_rollback_plan_and_blocks_nothing_even_a_destructive_one() {
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of(
                  "migrations/1_create_users.down.sql",
                  "DROP TABLE users CASCADE;\nDROP SCHEMA public CASCADE;\n"));

      JsonNode report = json(run);
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(paths(report))
          .as("the applied up, unchanged, holds its edited down")
          .containsExactly("migrations/1_create_users.up.sql");
      assertThat(report.path("migrations").get(0).path("status").asText()).isEqualTo("unchanged");
      assertThat(StreamSupport.stream(report.path("findings").spliterator(), false))
          .as("the destructive plan is read, and informs: " + run)
          .isNotEmpty()
          .allMatch(
              f ->
                  f.path("severity").asText().equals("info")
                      && f.path("rollback_of").asText().equals("migrations/1_create_users.up.sql"));
      assertThat(step(report, "trace").path("status").asText())
          .as("nothing to deploy, no replica started")
          .isEqualTo("skipped");
    }
  }

  @Test
  void dbmate_down_sections_are_not_replayed() {
    Cli.Run run =
        review(
            "migrations:\n  tool: dbmate\n",
            Map.of(
                "db/migrations/20240101120000_users.sql",
                "-- migrate:up\nCREATE TABLE users (id bigint);\n\n-- migrate:down\nDROP TABLE users;\n"),
            Map.of(
                "db/migrations/20240201120000_email.sql",
                "-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n\n-- migrate:down\nDROP TABLE users;\n"));

    JsonNode report = json(run);
    tracedOk(report, run);
    assertThat(findings(report, "DS101"))
        .as("the down section's DROP TABLE is the rollback plan, not the change")
        .allMatch(
            f -> f.path("severity").asText().equals("info") && !f.path("rollback_of").isNull());
    assertThat(report.path("summary").path("blocked").asBoolean()).as(run.toString()).isFalse();
  }

  @Test
  void dbmate_a_change_to_the_down_section_alone_is_no_modified_migration_but_its_rollback_plan() {
    String up = "-- migrate:up\nCREATE TABLE users (id bigint);\n\n-- migrate:down\n";
    Cli.Run run =
        review(
            "migrations:\n  tool: dbmate\n",
            Map.of("db/migrations/20240101120000_users.sql", up + "DROP TABLE users;\n"),
            Map.of(
                "db/migrations/20240101120000_users.sql",
                up + "DROP TABLE IF EXISTS users CASCADE;\n"));

    JsonNode report = json(run);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(report.path("migrations"))
        .as(run.toString())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.path("status").asText()).isEqualTo("unchanged");
              assertThat(m.path("statements")).as("the up section is not reviewed again").isEmpty();
              assertThat(m.path("downs")).hasSize(1);
            });
    assertThat(findings(report, "DS101"))
        .as("the edited down section, at info: " + run)
        .singleElement()
        .satisfies(f -> assertThat(f.path("severity").asText()).isEqualTo("info"))
        .satisfies(f -> assertThat(f.path("line").asInt()).isEqualTo(5));
    assertThat(findings(report, "MG001"))
        .as("databases that ran it run the same up section")
        .isEmpty();
  }

  @Test
  void dbmate_a_change_to_the_up_section_of_an_applied_file_is_MG001() {
    Cli.Run run =
        review(
            "migrations:\n  tool: dbmate\n",
            Map.of(
                "db/migrations/20240101120000_users.sql",
                "-- migrate:up\nCREATE TABLE users (id bigint);\n"),
            Map.of(
                "db/migrations/20240101120000_users.sql",
                "-- migrate:up\nCREATE TABLE users (id bigint, x int);\n"));

    assertThat(findings(json(run), "MG001")).as(run.toString()).hasSize(1);
  }

  @Test
  void dbmate_histories_may_use_the_tools_own_table_which_the_replay_creates_first() {
    Cli.Run run =
        review(
            "migrations:\n  tool: dbmate\n",
            Map.of(
                "db/migrations/20240101120000_users.sql",
                "-- migrate:up\nCREATE TABLE users (id bigint);\n"
                    + "ALTER TABLE schema_migrations ADD COLUMN applied_at timestamptz;\n"),
            Map.of(
                "db/migrations/20240201120000_email.sql",
                "-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n"));

    tracedOk(json(run), run);
  }

  @Nested
  class diesel {
    private final Map<String, String> base =
        Map.of(
            "migrations/00000000000000_diesel_initial_setup/up.sql",
            "SELECT 1;\n",
            "migrations/00000000000000_diesel_initial_setup/down.sql",
            "SELECT 1;\n",
            "migrations/20140101000000_create_users/up.sql",
            "CREATE TABLE users (id serial PRIMARY KEY);\n",
            "migrations/20140101000000_create_users/down.sql",
            "DROP TABLE users;\n",
            "migrations/2014-09-24-113530_create_posts/up.sql",
            "CREATE TABLE posts (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users);\n",
            "migrations/2014-09-24-113530_create_posts/down.sql",
            "DROP TABLE posts;\n",
            "migrations/2014-09-24-113530_create_posts/metadata.toml",
            "run_in_transaction = true\n");

    @Test
    void a_drop_table_in_the_up_file_is_seen_against_the_base_schema_detected_without_config() {
      Cli.Run run =
          review(
              "engine: postgres\n",
              base,
              Map.of(
                  "migrations/2017-08-31-230457_drop_posts/up.sql",
                  "-- posts move to a service\nDROP TABLE posts;\n",
                  "migrations/2017-08-31-230457_drop_posts/down.sql",
                  "CREATE TABLE posts (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users);\n"));

      JsonNode report = json(run);
      tracedOk(report, run);
      assertThat(report.path("migrations").get(0).path("tool").asText()).isEqualTo("diesel");
      assertThat(paths(report)).containsExactly("migrations/2017-08-31-230457_drop_posts/up.sql");
      assertThat(rules(report))
          .as("the drop is found at its line, the down file's CREATE is not the change")
          .contains("DS101@migrations/2017-08-31-230457_drop_posts/up.sql:2");
    }

    @Test
    void hostile_a_down_file_that_creates_the_table_first_cannot_hide_the_drop() {
      // As plain SQL, down.sql sorted before up.sql and "created" posts inside the change: the drop
      // looked safe.
      Cli.Run run =
          review(
              "migrations:\n  tool: diesel\n",
              base,
              Map.of(
                  "migrations/2017-08-31-230457_drop_posts/down.sql",
                      "CREATE TABLE posts (id int);\n",
                  "migrations/2017-08-31-230457_drop_posts/up.sql", "DROP TABLE posts;\n"));

      JsonNode report = json(run);
      tracedOk(report, run);
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(rules(report)).contains("DS101@migrations/2017-08-31-230457_drop_posts/up.sql:1");
    }
  }

  @Nested
  class flyway_repeatables {
    private static final String CONFIG = "migrations:\n  tool: flyway\n";
    private final Map<String, String> base =
        Map.of(
            "db/migration/V1__orders.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY, amount integer);\n",
            "db/migration/R__orders_view.sql",
                "CREATE OR REPLACE VIEW orders_v AS SELECT id, amount FROM orders;\n");

    @Test
    void a_changed_repeatable_replays_its_base_version_and_traces_the_new_one_on_top() {
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of(
                  "db/migration/V2__note.sql",
                  "ALTER TABLE orders ADD COLUMN note text;\n",
                  "db/migration/R__orders_view.sql",
                  "DROP VIEW orders_v;\nCREATE VIEW orders_v AS SELECT id, amount, note FROM orders;\n"));

      JsonNode report = json(run);
      tracedOk(report, run);
      assertThat(paths(report))
          .containsExactly("db/migration/V2__note.sql", "db/migration/R__orders_view.sql");
      assertThat(findings(report, "MG001"))
          .as("editing a repeatable is its intended use")
          .isEmpty();
    }

    @Test
    void undo_scripts_of_the_base_are_not_replayed() {
      Map<String, String> withUndo = new java.util.HashMap<>(base);
      withUndo.put(
          "db/migration/U1__orders.sql", "DROP VIEW IF EXISTS orders_v;\nDROP TABLE orders;\n");

      Cli.Run run =
          review(
              CONFIG,
              withUndo,
              Map.of("db/migration/V2__note.sql", "ALTER TABLE orders ADD COLUMN note text;\n"));

      JsonNode report = json(run);
      tracedOk(report, run);
      assertThat(paths(report)).containsExactly("db/migration/V2__note.sql");
    }

    @Test
    void hostile_a_base_repeatable_linking_outside_the_repository_is_not_replayed_nor_read()
        throws Exception {
      Path secret =
          java.nio.file.Files.writeString(
              tmp.resolve("secret.sql"),
              "CREATE VIEW leaked AS SELECT 'ghp_SECRETSECRET'::text AS token;\n");
      Path b = tmp.resolve("base/db/migration/R__orders_view.sql");
      java.nio.file.Files.createDirectories(b.getParent());
      java.nio.file.Files.createSymbolicLink(b, secret);

      Cli.Run run =
          review(
              CONFIG,
              Map.of("db/migration/V1__orders.sql", base.get("db/migration/V1__orders.sql")),
              Map.of(
                  "db/migration/R__orders_view.sql",
                  "CREATE OR REPLACE VIEW orders_v AS SELECT id FROM orders;\n"));

      JsonNode report = json(run);
      tracedOk(report, run);
      assertThat(run.out() + run.err())
          .as("the link's target is never read")
          .doesNotContain("ghp_SECRET");
    }

    @Test
    void hostile_a_new_version_postgres_refuses_over_the_old_one_fails_as_the_deploy_would() {
      // Dropping a column with CREATE OR REPLACE VIEW only fails where the old view exists: in
      // production.
      Cli.Run run =
          review(
              CONFIG,
              base,
              Map.of(
                  "db/migration/R__orders_view.sql",
                  "CREATE OR REPLACE VIEW orders_v AS SELECT id FROM orders;\n"));

      JsonNode report = json(run);
      assertThat(findings(report, "TR101"))
          .as(run.toString())
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.path("message").asText()).contains("cannot drop columns from view"));
    }
  }

  @Nested
  class misnamed_layout {
    @Test
    void a_configured_tool_matching_none_of_the_sql_files_exits_2_naming_location_tool_and_files() {
      Cli.Run run =
          review(
              "migrations:\n  tool: golang-migrate\n",
              Map.of("migrations/001_init.sql", "CREATE TABLE a (id int);\n"),
              Map.of("migrations/002_more.sql", "CREATE TABLE b (id int);\n"));

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .as("one line, no stack trace")
          .contains(
              "migrations/ holds 2 SQL file(s) but no golang-migrate migration (expected names like"
                  + " 1_create_users.up.sql); saw migrations/001_init.sql, migrations/002_more.sql")
          .doesNotContain("\tat ");
    }

    @Test
    void a_configured_tool_without_any_sql_file_yet_is_not_an_error() {
      Cli.Run run =
          review(
              "migrations:\n  tool: golang-migrate\n",
              Map.of("migrations/README.md", "migrations go here\n"),
              Map.of("src/app.go", "package main\n"));

      assertThat(run.exitCode()).as(run.toString()).isZero();
    }
  }
}
