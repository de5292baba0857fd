package dev.schemawarden.drift.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.drift.api.DriftFinding;
import dev.schemawarden.drift.api.SchemaSnapshot.AppliedMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a pull request's own migrations mean to production's applied-migration history. */
class MigrationHistoryDriftTest {
  @TempDir Path repo;

  private static Migration flyway(String version, String file, String sql) {
    String path = "db/migration/" + file;
    return new Migration(
        path,
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.of(version),
        file,
        true,
        Engines.forName("postgres").parser().parse(path, sql).statements(),
        List.of());
  }

  private static AppliedMigration applied(
      int rank, String version, String script, boolean success) {
    return new AppliedMigration(
        "flyway", rank, Optional.of(version), "x", script, Optional.of("0"), success, "SQL");
  }

  @Test
  void
      a_new_migration_whose_version_production_already_applied_is_DR101_by_flyway_version_equality() {
    Migration added = flyway("1.10", "V1.10__late.sql", "\nALTER TABLE t ADD COLUMN c int;\n");

    List<DriftFinding> found =
        MigrationDrift.alreadyApplied(
            List.of(added), List.of(applied(1, "1.1", "V1.1__other_branch.sql", true)));

    assertThat(found).as("1.10 is not 1.1: only trailing zero parts are dropped").isEmpty();
    Migration same = flyway("1.01", "V1.01__late.sql", "\nALTER TABLE t ADD COLUMN c int;\n");
    assertThat(
            MigrationDrift.alreadyApplied(
                List.of(same), List.of(applied(4, "1.1", "V1.1__x.sql", true))))
        .as("1.01 is 1.1 to Flyway, so it will never run")
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo(DriftFinding.TOUCHES_DRIFTED_OBJECT);
              assertThat(f.span())
                  .get()
                  .extracting(s -> s.path() + ":" + s.line())
                  .isEqualTo("db/migration/V1.01__late.sql:2");
              assertThat(f.message()).contains("V1.1__x.sql", "history rank 4");
            });
    assertThat(
            MigrationDrift.alreadyApplied(
                List.of(same), List.of(applied(4, "1.1", "V1.1__x.sql", false))))
        .as("a failed row is not an applied migration")
        .isEmpty();
  }

  @Test
  void the_changes_own_migrations_are_expected_to_be_unapplied_the_others_are_drift()
      throws Exception {
    Files.createDirectories(repo.resolve("db/migration"));
    Migration v1 = flyway("1", "V1__a.sql", "CREATE TABLE a (id int);\n");
    Migration v2 = flyway("2", "V2__b.sql", "CREATE TABLE b (id int);\n");
    Migration v3 = flyway("3", "V3__c.sql", "CREATE TABLE c (id int);\n");
    for (Migration m : List.of(v1, v2, v3)) {
      Files.writeString(repo.resolve(m.path()), m.statements().get(0).sql() + "\n");
    }

    var items =
        MigrationDrift.items(
            repo, List.of(v1, v2, v3), List.of(applied(1, "1", "V1__a.sql", true)), List.of(v3));

    assertThat(items)
        .filteredOn(d -> d.kind().equals("migration_not_applied"))
        .extracting(d -> d.object())
        .containsExactly("V2 V2__b.sql");
  }
}
