package dev.schemawarden.app.review;

import static dev.schemawarden.app.testing.ReportJson.findings;
import static dev.schemawarden.app.testing.ReportJson.json;
import static dev.schemawarden.app.testing.ReportJson.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real public histories reviewed as a pull request made of their newest migrations, traced on an embedded
 * PostgreSQL replica built by replaying the rest: the replay must reach the base schema (no TR101), only the new up
 * files are the change, and their dangerous statements are found at their lines. Fixtures and their licences are
 * under {@code src/test/resources/histories/}.
 */
class RealHistoryReviewTest {
  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  @TempDir Path tmp;

  /** Copies {@code fixture} to base (without the files under or named {@code newest}) and head (all of it). */
  private Path[] pullRequest(String fixture, Set<String> newest) throws IOException {
    Path from = HISTORIES.resolve(fixture);
    Path base = tmp.resolve("base");
    Path head = tmp.resolve("head");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path rel = from.relativize(f);
        String path = rel.toString().replace('\\', '/');
        boolean isNew =
            newest.stream().anyMatch(n -> path.contains("/" + n + "/") || path.endsWith("/" + n));
        for (Path side : isNew ? List.of(head) : List.of(base, head)) {
          Path to = side.resolve(rel.toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
    }
    return new Path[] {head, base};
  }

  private static Cli.Run review(Path[] repo) {
    ReplicaTracer stage =
        new ReplicaTracer(
            rc -> ReplicaProvider.embedded(ReplicaSettings.defaults()),
            ReplicaTracer.StatisticsSource.NONE);
    try {
      return Cli.run(
          (out, err) -> {
            ReviewService service = dev.schemawarden.app.testing.Reviews.tracing(stage);
            return new CliContext(out, err, service, Main.renderers(service), false);
          },
          "review",
          "--repo",
          repo[0].toString(),
          "--base-dir",
          repo[1].toString(),
          "--format",
          "json");
    } finally {
      stage.close();
    }
  }

  private static List<String> at(JsonNode report) {
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

  @Test
  void crates_io_diesel_newest_four_migrations_replay_and_the_drops_are_found() throws IOException {
    Path[] repo =
        pullRequest(
            "crates-io",
            Set.of(
                "2026-07-15-181652-0000_make_users_gh_encrypted_token_optional",
                "2026-07-15-182934-0000_drop_users_gh_encrypted_token",
                "2026-07-24-154000-0000_drop_cache_tags_backfills",
                "2026-07-30-140000-0000_add_users_username_index"));

    Cli.Run run = review(repo);

    JsonNode report = json(run);
    assertThat(step(report, "trace").path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(step(report, "trace").path("detail").asText())
        .as("the replica is the replayed history, no down.sql")
        .contains("schema from the migration history (281 migration(s)");
    assertThat(findings(report, "TR101"))
        .as("the history replayed to the base schema: " + run)
        .isEmpty();
    List<String> paths = new ArrayList<>();
    report.path("migrations").forEach(m -> paths.add(m.path("path").asText()));
    assertThat(paths)
        .as("only the new up files, in diesel's order")
        .containsExactly(
            "migrations/2026-07-15-181652-0000_make_users_gh_encrypted_token_optional/up.sql",
            "migrations/2026-07-15-182934-0000_drop_users_gh_encrypted_token/up.sql",
            "migrations/2026-07-24-154000-0000_drop_cache_tags_backfills/up.sql",
            "migrations/2026-07-30-140000-0000_add_users_username_index/up.sql");
    assertThat(report.path("migrations").get(3).path("run_in_transaction").asBoolean())
        .as("metadata.toml run_in_transaction = false")
        .isFalse();
    assertThat(at(report))
        .as(run.toString())
        .contains("DS101@migrations/2026-07-24-154000-0000_drop_cache_tags_backfills/up.sql:2")
        .anyMatch(
            f ->
                f.endsWith(
                    "@migrations/2026-07-15-182934-0000_drop_users_gh_encrypted_token/up.sql:4"));
    List<JsonNode> downFindings = new ArrayList<>();
    report
        .path("findings")
        .forEach(
            f -> {
              if (f.path("path").asText().endsWith("down.sql")) {
                downFindings.add(f);
              }
            });
    assertThat(downFindings)
        .as("the down files are the rollback plan of their up: reviewed, never blocking")
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.path("severity").asText()).isEqualTo("info");
              assertThat(f.path("rollback_of").asText()).endsWith("/up.sql");
            });
    assertThat(report.path("migrations").get(1).path("downs"))
        .extracting(d -> d.path("path").asText())
        .containsExactly(
            "migrations/2026-07-15-182934-0000_drop_users_gh_encrypted_token/down.sql");
  }

  @Test
  void harbor_golang_migrate_newest_two_migrations_replay_and_the_rewrites_are_found()
      throws IOException {
    Path[] repo =
        pullRequest("harbor", Set.of("0181_2.15.3_schema.up.sql", "0190_2.16.0_schema.up.sql"));
    Files.writeString(
        repo[0].resolve(".schemawarden.yml"),
        "migrations:\n  tool: golang-migrate\n  locations: [make/migrations/postgresql]\n");
    Files.copy(repo[0].resolve(".schemawarden.yml"), repo[1].resolve(".schemawarden.yml"));

    Cli.Run run = review(repo);

    JsonNode report = json(run);
    assertThat(step(report, "trace").path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(step(report, "trace").path("detail").asText())
        .contains("schema from the migration history (37 migration(s)");
    assertThat(findings(report, "TR101"))
        .as("the history replayed to the base schema: " + run)
        .isEmpty();
    List<String> paths = new ArrayList<>();
    report.path("migrations").forEach(m -> paths.add(m.path("path").asText()));
    assertThat(paths)
        .containsExactly(
            "make/migrations/postgresql/0181_2.15.3_schema.up.sql",
            "make/migrations/postgresql/0190_2.16.0_schema.up.sql");
    assertThat(at(report))
        .as("the int to bigint conversions rewrite their tables: " + run)
        .contains(
            "LK113@make/migrations/postgresql/0181_2.15.3_schema.up.sql:4",
            "LK113@make/migrations/postgresql/0190_2.16.0_schema.up.sql:15");
  }

  @Test
  void
      connext_dbmate_newest_three_migrations_replay_past_database_grants_and_pg_cron_and_the_key_swaps_are_found()
          throws IOException {
    String dir = "packages/adapters/database/db/migrations/";
    String spoke = dir + "20231219072355_add_spoke_optimistic_roots_primary_key.sql";
    String snapshot = dir + "20231219231640_update_snapshot_roots_pkey.sql";
    Path[] repo =
        pullRequest(
            "connext",
            Set.of(
                spoke.substring(dir.length()),
                snapshot.substring(dir.length()),
                "20240212031628_numerid_id_view.sql"));
    for (Path side : repo) {
      Files.writeString(
          side.resolve(".schemawarden.yml"),
          "migrations:\n  tool: dbmate\n  locations: [packages/adapters/database/db/migrations]\n");
    }

    Cli.Run run = review(repo);

    JsonNode report = json(run);
    assertThat(step(report, "trace").path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(step(report, "trace").path("detail").asText())
        .as("85 up sections, no down section")
        .contains("schema from the migration history (85 migration(s)");
    assertThat(findings(report, "TR101")).as("the base history replays: " + run).isEmpty();
    List<String> changed = new ArrayList<>();
    report.path("migrations").forEach(m -> changed.add(m.path("path").asText()));
    assertThat(changed)
        .as("only the three new files, in version order")
        .containsExactly(spoke, snapshot, dir + "20240212031628_numerid_id_view.sql");
    assertThat(at(report))
        .as("each primary key is built under ACCESS EXCLUSIVE, the swap holds it: " + run)
        .contains("LK108@" + spoke + ":2", "LK108@" + snapshot + ":3", "TR105@" + snapshot + ":2");
    assertThat(findings(report, "LK108"))
        .filteredOn(f -> f.path("line").asInt() == 7)
        .as("the down section's key is the rollback plan's, at info")
        .singleElement()
        .satisfies(f -> assertThat(f.path("rollback_of").asText()).isEqualTo(snapshot))
        .satisfies(f -> assertThat(f.path("severity").asText()).isEqualTo("info"));
  }

  @Test
  void
      marquez_flyway_newest_two_migrations_and_a_repeatable_edit_replay_and_the_rewrites_are_found()
          throws IOException {
    String dir = "api/src/main/resources/marquez/db/migration/";
    Path[] repo =
        pullRequest(
            "marquez",
            Set.of(
                "V73__alter_all_timestamps_to_timestamptz.sql",
                "V74__alter_jobs_to_add_current_run_uuid.sql"));
    // The base side of the repeatable is Marquez's own before its PR #2929: today's content selects
    // V74's jobs.current_run_uuid, so it cannot replay on a base that stops at V72. The pull
    // request edits the view.
    Files.copy(
        HISTORIES.resolve("marquez/previous/R__Jobs_view_and_rewrite_function.sql"),
        repo[1].resolve(dir + "R__Jobs_view_and_rewrite_function.sql"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        repo[0].resolve(".schemawarden.yml"),
        "migrations:\n  tool: flyway\n  locations: [api/src/main/resources/marquez/db/migration]\n");
    Files.copy(repo[0].resolve(".schemawarden.yml"), repo[1].resolve(".schemawarden.yml"));

    Cli.Run run = review(repo);

    JsonNode report = json(run);
    assertThat(step(report, "trace").path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(step(report, "trace").path("detail").asText())
        .as("79 versioned scripts, then the 3 repeatables")
        .contains("schema from the migration history (82 migration(s)");
    assertThat(findings(report, "TR101"))
        .as(
            "V1..V72 then the repeatables with their base content replay to the base schema: "
                + run)
        .isEmpty();
    List<String> changed = new ArrayList<>();
    report
        .path("migrations")
        .forEach(m -> changed.add(m.path("path").asText() + " " + m.path("status").asText()));
    assertThat(changed)
        .as("the two new versions, then the edited repeatable, in Flyway's order")
        .containsExactly(
            dir + "V73__alter_all_timestamps_to_timestamptz.sql added",
            dir + "V74__alter_jobs_to_add_current_run_uuid.sql added",
            dir + "R__Jobs_view_and_rewrite_function.sql modified");
    String v73 = dir + "V73__alter_all_timestamps_to_timestamptz.sql";
    String v74 = dir + "V74__alter_jobs_to_add_current_run_uuid.sql";
    assertThat(at(report).stream().filter(f -> f.startsWith("LK113@")))
        .as("V73's 18 timestamp to timestamptz rewrites")
        .containsExactly(
            IntStream.of(1, 3, 6, 8, 14, 16, 19, 21, 24, 31, 33, 36, 38, 41, 43, 46, 49, 51)
                .mapToObj(line -> "LK113@" + v73 + ":" + line)
                .toArray(String[]::new));
    assertThat(at(report))
        .filteredOn(f -> f.startsWith("TR102@"))
        .as(
            "each traced rewrite is one finding with its LK113 prediction, also for a table whose index name sorts"
                + " before it (datasets: dataset_name_index)")
        .isEmpty();
    assertThat(
            StreamSupport.stream(report.path("findings").spliterator(), false)
                .filter(
                    f ->
                        f.path("rule").asText().equals("LK113")
                            && f.path("path").asText().equals(v73)
                            && f.path("line").asInt() == 14)
                .flatMap(f -> StreamSupport.stream(f.path("evidence").spliterator(), false))
                .map(e -> e.path("kind").asText() + " " + e.path("rule").asText()))
        .as("predicted and traced")
        .containsExactly("predicted LK113", "traced TR102");
    assertThat(at(report).stream().filter(f -> f.startsWith("DS108@")))
        .as("the two DROP VIEW IF EXISTS ... CASCADE")
        .containsExactly("DS108@" + v73 + ":12", "DS108@" + v73 + ":29");
    assertThat(at(report).stream().filter(f -> f.contains("@" + v74 + ":")))
        .as(run.toString())
        .containsExactlyInAnyOrder(
            "LK115@" + v74 + ":1",
            "LK124@" + v74 + ":1", // no lock or statement timeout before the ALTER
            "TR105@" + v74 + ":1", // jobs' ACCESS EXCLUSIVE held to the end of the transaction
            "LK101@" + v74 + ":2", // CREATE INDEX on the existing jobs table, not CONCURRENTLY
            "TX105@" + v74
                + ":5"); // the backfill UPDATE (WITH ... at line 5) in the DDL's transaction
  }
}
