package dev.schemawarden.analyzers.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemawarden.analyzers.api.DownMigration;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layout with downs pairs each down with the up it reverts; a down with no up is left out. */
class DownMigrationsTest {
  private static final MigrationSettings DEFAULTS = MigrationSettings.defaults();

  @TempDir Path root;

  private List<DownMigration> downs(MigrationSource source, Map<String, String> files)
      throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return source.downs(root, DEFAULTS, PostgresParser.INSTANCE);
  }

  private static List<org.assertj.core.groups.Tuple> pairs(List<DownMigration> downs) {
    return downs.stream()
        .map(d -> tuple(d.upPath(), d.migration().path(), d.migration().kind()))
        .toList();
  }

  @Test
  void golang_migrate_pairs_by_version_in_version_order_and_drops_an_orphan() throws IOException {
    List<DownMigration> d =
        downs(
            new GolangMigrateSource(),
            Map.of(
                "migrations/10_b.up.sql",
                "SELECT 1;",
                "migrations/10_b.down.sql",
                "SELECT 2;",
                "migrations/9_a.up.sql",
                "SELECT 1;",
                "migrations/9_a_renamed.down.sql",
                "SELECT 2;",
                "migrations/11_orphan.down.sql",
                "DROP TABLE x;"));

    assertThat(pairs(d))
        .as("golang-migrate pairs by version, titles may differ")
        .containsExactly(
            tuple("migrations/9_a.up.sql", "migrations/9_a_renamed.down.sql", Migration.Kind.DOWN),
            tuple("migrations/10_b.up.sql", "migrations/10_b.down.sql", Migration.Kind.DOWN));
    assertThat(new GolangMigrateSource().isDownFile("migrations/10_b.down.sql", DEFAULTS)).isTrue();
    assertThat(new GolangMigrateSource().isDownFile("migrations/10_b.up.sql", DEFAULTS)).isFalse();
  }

  @Test
  void dbmate_down_sections_keep_their_lines_in_the_file() throws IOException {
    List<DownMigration> d =
        downs(
            new DbmateSource(),
            Map.of(
                "db/migrations/1_a.sql",
                "-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n",
                "db/migrations/2_b.sql",
                "-- migrate:up\nCREATE TABLE b (id int);\n"));

    assertThat(d)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.upPath())
                  .isEqualTo(x.migration().path())
                  .isEqualTo("db/migrations/1_a.sql");
              assertThat(x.migration().statements())
                  .singleElement()
                  .satisfies(s -> assertThat(s.line()).isEqualTo(5));
            });
  }

  @Test
  void diesel_down_sql_beside_its_up_and_flyway_undo_by_version() throws IOException {
    assertThat(
            pairs(
                downs(
                    new DieselSource(),
                    Map.of(
                        "migrations/2017-08-31-230457_a/up.sql",
                        "SELECT 1;",
                        "migrations/2017-08-31-230457_a/down.sql",
                        "SELECT 2;",
                        "migrations/2018-01-01-000000_b/up.sql",
                        "SELECT 1;"))))
        .containsExactly(
            tuple(
                "migrations/2017-08-31-230457_a/up.sql",
                "migrations/2017-08-31-230457_a/down.sql",
                Migration.Kind.DOWN));
    assertThat(
            pairs(
                downs(
                    new FlywaySource(),
                    Map.of(
                        "db/migration/V1_1__a.sql",
                        "SELECT 1;",
                        "db/migration/U1.1__a.sql",
                        "SELECT 2;",
                        "db/migration/U7__orphan.sql",
                        "SELECT 3;"))))
        .as("V1_1 and U1.1 are one version")
        .containsExactly(
            tuple("db/migration/V1_1__a.sql", "db/migration/U1.1__a.sql", Migration.Kind.UNDO));
  }

  @Test
  void a_plain_down_needs_its_up_beside_it_to_leave_the_history() throws IOException {
    PlainDirectorySource plain = new PlainDirectorySource();
    List<DownMigration> d =
        downs(
            plain,
            Map.of(
                "sql/1_a.up.sql",
                "SELECT 1;",
                "sql/1_a.down.sql",
                "SELECT 2;",
                "sql/2_b_up.sql",
                "SELECT 1;",
                "sql/2_b_down.sql",
                "SELECT 2;",
                "sql/3_slow_down.sql",
                "DROP TABLE c;"));

    assertThat(d)
        .extracting(x -> x.migration().path())
        .containsExactly("sql/1_a.down.sql", "sql/2_b_down.sql");
    assertThat(plain.load(root, DEFAULTS, PostgresParser.INSTANCE))
        .extracting(m -> m.path())
        .as(
            "an unpaired down-named file stays a migration: a name alone takes nothing out of the review")
        .containsExactly("sql/1_a.up.sql", "sql/2_b_up.sql", "sql/3_slow_down.sql");
  }
}
