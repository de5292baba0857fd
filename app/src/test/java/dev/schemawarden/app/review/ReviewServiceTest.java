package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.testing.GitFixture;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production wiring (real parser, migration sources and rules) on git repositories built by the test. */
class ReviewServiceTest {
  @TempDir Path tmp;

  private static ReviewReport review(Path repo, String base) {
    return dev.schemawarden.app.testing.Reviews.service()
        .review(
            new ReviewRequest(
                repo,
                new ReviewRequest.Base.GitRef(base),
                "HEAD",
                Optional.empty(),
                Optional.empty()),
            Progress.NONE);
  }

  @Test
  void flyway_an_edited_applied_migration_is_MG001_and_a_new_one_is_added() {
    GitFixture g =
        new GitFixture(tmp.resolve("flyway"))
            .write("db/migration/V1__a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n")
            .write("db/migration/V2__b.sql", "CREATE TABLE b (id bigint PRIMARY KEY);\n")
            .commit("base")
            .branch("feature")
            .write("db/migration/V2__b.sql", "CREATE TABLE b (id bigint PRIMARY KEY, note text);\n")
            .write("db/migration/V3__c.sql", "CREATE TABLE c (id bigint PRIMARY KEY);\n")
            .commit("change");

    ReviewReport report = review(g.dir(), "main");

    assertThat(report.migrations())
        .extracting(m -> m.migration().path() + " " + m.status())
        .containsExactly("db/migration/V2__b.sql modified", "db/migration/V3__c.sql added");
    assertThat(report.findings())
        .filteredOn(f -> f.rule().equals("MG001"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.span().path()).isEqualTo("db/migration/V2__b.sql");
              assertThat(f.span().line()).isEqualTo(1);
              assertThat(f.message())
                  .startsWith(
                      "V2__b.sql already exists on the base branch: Flyway would refuse it");
            });
    assertThat(report.blocked()).isTrue();
    assertThat(report.steps())
        .extracting(ReviewReport.Step::name)
        .contains("changes", "config", "sources", "lint");
    assertThat(report.target())
        .get()
        .extracting(ReviewReport.ReviewTarget::baseRef)
        .isEqualTo("main");
  }

  @Test
  void liquibase_appending_a_changeset_is_an_addition_but_editing_one_is_MG001() {
    String base =
        """
        --liquibase formatted sql

        --changeset alice:1
        CREATE TABLE a (id bigint PRIMARY KEY);
        """;
    GitFixture g =
        new GitFixture(tmp.resolve("liquibase"))
            .write("db/changelog/db.changelog-master.sql", base)
            .commit("base")
            .branch("append")
            .write(
                "db/changelog/db.changelog-master.sql",
                base
                    + """

            --changeset bob:2
            CREATE TABLE b (id bigint PRIMARY KEY);
            """)
            .commit("append");

    ReviewReport appended = review(g.dir(), "main");
    assertThat(appended.migrations())
        .extracting(MigrationReport::status, m -> m.migration().id().orElse(""))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("added", "2::bob"));
    assertThat(appended.findings()).extracting(Finding::rule).doesNotContain("MG001");

    g.write("db/changelog/db.changelog-master.sql", base.replace("id bigint", "id integer"))
        .commit("edit");
    ReviewReport edited = review(g.dir(), "main");
    assertThat(edited.findings())
        .filteredOn(f -> f.rule().equals("MG001"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains("changeset")
                    .contains("Liquibase would refuse it"));
  }
}
