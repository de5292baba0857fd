package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MG001 for an applied migration renamed in git: it says it is a rename and what the tool does about the name. */
class RenamedMigrationTest {
  private static final String SQL = "CREATE TABLE a (id bigint PRIMARY KEY);\n";

  @TempDir Path tmp;
  private int repos;

  private ReviewReport renamed(String from, String to, String content) {
    GitFixture g =
        new GitFixture(tmp.resolve("repo" + repos++))
            .write(from, SQL)
            .commit("base")
            .branch("feature");
    g.git("mv", from, to);
    if (!content.equals(SQL)) {
      g.write(to, content);
    }
    g.commit("rename");
    ReviewService service =
        dev.schemawarden.app.testing.Reviews.staticOnly(Main.defaultComponents());
    return service.review(
        new ReviewRequest(
            g.dir(),
            new ReviewRequest.Base.GitRef("main"),
            "HEAD",
            Optional.empty(),
            Optional.empty()),
        Progress.NONE);
  }

  private static List<Finding> mg001(ReviewReport r) {
    return r.findings().stream().filter(f -> f.rule().equals("MG001")).toList();
  }

  @Test
  void flyway_a_new_description_is_a_rename_flyway_fails_to_validate_not_a_checksum_mismatch() {
    ReviewReport r = renamed("db/migration/V1__a.sql", "db/migration/V1__create_a.sql", SQL);

    assertThat(mg001(r))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .startsWith(
                      "V1__create_a.sql is V1__a.sql renamed, its content unchanged: Flyway"
                          + " fails validation")
                  .contains("description it recorded ('a') no longer matches ('create a')")
                  .doesNotContain("checksum");
              assertThat(f.fixes().get(0).sql())
                  .isEqualTo("git mv db/migration/V1__create_a.sql db/migration/V1__a.sql");
            });
  }

  @Test
  void flyway_a_new_version_is_named_as_such() {
    assertThat(mg001(renamed("db/migration/V1__a.sql", "db/migration/V2__a.sql", SQL)))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains("applied version 1 is no longer found, and version 2"));
  }

  @Test
  void a_rename_with_an_edit_is_still_a_modified_migration() {
    assertThat(
            mg001(
                renamed(
                    "db/migration/V1__a.sql",
                    "db/migration/V1__b.sql",
                    SQL + "-- and more\nSELECT 1;\n")))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains("(renamed from db/migration/V1__a.sql)", "checksum mismatch"));
  }

  @Test
  void golang_migrate_a_new_title_with_the_same_version_changes_nothing_for_the_tool() {
    assertThat(mg001(renamed("migrations/1_a.up.sql", "migrations/1_create_a.up.sql", SQL)))
        .as("golang-migrate records only the version")
        .isEmpty();
    assertThat(mg001(renamed("migrations/1_a.up.sql", "migrations/3_a.up.sql", SQL)))
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).contains("will run the same SQL again as version 3"));
  }
}
