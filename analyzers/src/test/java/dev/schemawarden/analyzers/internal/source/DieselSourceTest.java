package dev.schemawarden.analyzers.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diesel's directory-per-migration layout, on the fixture under sources/diesel and on hostile checkouts. */
class DieselSourceTest {
  private static final Path FIXTURE = Path.of("src/test/resources/sources/diesel");
  private static final MigrationSettings DEFAULTS = MigrationSettings.defaults();
  private final DieselSource source = new DieselSource();

  @TempDir Path tmp;

  private Path write(String path, String text) throws IOException {
    Path p = tmp.resolve(path);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Nested
  class happy {
    @Test
    void up_files_only_ordered_by_version_whichever_of_the_two_formats_it_is_written_in() {
      List<Migration> m = source.load(FIXTURE, DEFAULTS, PostgresParser.INSTANCE);

      assertThat(m)
          .as(
              "20140101000000 before 2014-09-24-113530 (as written the dashed one sorts first); the 18-digit"
                  + " 2014-10-01-000000-0000 before 2017 (as a number it would be last); no down.sql")
          .extracting(Migration::path, Migration::kind, x -> x.id().orElseThrow())
          .containsExactly(
              tuple(
                  "migrations/00000000000000_diesel_initial_setup/up.sql",
                  Migration.Kind.UP,
                  "00000000000000"),
              tuple(
                  "migrations/20140101000000_create_users/up.sql",
                  Migration.Kind.UP,
                  "20140101000000"),
              tuple(
                  "migrations/2014-09-24-113530_create_posts/up.sql",
                  Migration.Kind.UP,
                  "20140924113530"),
              tuple(
                  "migrations/2014-10-01-000000-0000_posts_title/up.sql",
                  Migration.Kind.UP,
                  "201410010000000000"),
              tuple(
                  "migrations/2017-08-31-230457_posts_user_idx/up.sql",
                  Migration.Kind.UP,
                  "20170831230457"));
      assertThat(m).extracting(Migration::tool).containsOnly(MigrationTool.DIESEL);
      assertThat(m.get(2).description()).isEqualTo("create posts");
    }

    @Test
    void metadata_toml_run_in_transaction_false_turns_the_transaction_off() {
      List<Migration> m = source.load(FIXTURE, DEFAULTS, PostgresParser.INSTANCE);

      assertThat(m)
          .extracting(Migration::runInTransaction)
          .as("diesel wraps each migration unless metadata.toml says run_in_transaction = false")
          .containsExactly(true, true, true, true, false);
      assertThat(m.get(4).statements())
          .extracting(SqlStatement::line)
          .as("exact lines")
          .containsExactly(3);
    }

    @Test
    void is_detected_over_plain_and_named_in_config_as_diesel() {
      assertThat(MigrationSources.detect(FIXTURE, DEFAULTS).tool()).isEqualTo(MigrationTool.DIESEL);
      assertThat(MigrationTool.parse("diesel")).isEqualTo(MigrationTool.DIESEL);
    }

    @Test
    void knows_its_files_and_not_the_down_files() {
      assertThat(source.isMigrationFile("migrations/2017-08-31-230457_x/up.sql", DEFAULTS))
          .isTrue();
      assertThat(source.isMigrationFile("migrations/20170831230457_x/up.sql", DEFAULTS)).isTrue();
      assertThat(source.isMigrationFile("migrations/2017-08-31-230457_x/down.sql", DEFAULTS))
          .as("diesel migration run never runs down.sql")
          .isFalse();
      assertThat(source.isMigrationFile("migrations/x/up.sql", DEFAULTS)).isFalse();
      assertThat(source.isMigrationFile("migrations/1_x/nested/up.sql", DEFAULTS)).isFalse();
      assertThat(source.isMigrationFile("migrations/../1_x/up.sql", DEFAULTS)).isFalse();
    }
  }

  @Nested
  class hostile {
    @Test
    void the_same_version_in_both_formats_is_an_input_error_naming_both_directories()
        throws IOException {
      write("migrations/2020-01-01-000000_a/up.sql", "SELECT 1;\n");
      write("migrations/20200101000000_b/up.sql", "SELECT 2;\n");

      assertThatThrownBy(() -> source.load(tmp, DEFAULTS, PostgresParser.INSTANCE))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageContaining("migrations/2020-01-01-000000_a")
          .hasMessageContaining("migrations/20200101000000_b");
    }

    @Test
    void a_down_file_that_drops_everything_is_never_part_of_the_history() throws IOException {
      write("migrations/20200101000000_a/up.sql", "CREATE TABLE t (id int);\n");
      write("migrations/20200101000000_a/down.sql", "DROP SCHEMA public CASCADE;\n");
      write("migrations/20200101000001_only_down/down.sql", "DROP TABLE t;\n");

      assertThat(source.load(tmp, DEFAULTS, PostgresParser.INSTANCE))
          .flatExtracting(Migration::statements)
          .extracting(SqlStatement::sql)
          .containsExactly("CREATE TABLE t (id int)");
    }

    @Test
    void an_up_file_linking_outside_the_repository_is_refused_not_read() throws IOException {
      Path secret =
          Files.writeString(Files.createTempFile("secret", ".sql"), "SELECT 'ghp_SECRET';\n");
      try {
        Files.createDirectories(tmp.resolve("migrations/20200101000000_a"));
        Files.createSymbolicLink(tmp.resolve("migrations/20200101000000_a/up.sql"), secret);

        List<Migration> m = source.load(tmp, DEFAULTS, PostgresParser.INSTANCE);

        assertThat(m)
            .singleElement()
            .satisfies(
                x -> {
                  assertThat(x.refusal()).as("WD003 reports it").isPresent();
                  assertThat(x.statements()).isEmpty();
                  assertThat(x.refusal().orElseThrow()).doesNotContain("ghp_SECRET");
                });
      } finally {
        Files.delete(secret);
      }
    }

    @Test
    void a_metadata_file_that_only_mentions_the_key_in_a_comment_keeps_the_transaction()
        throws IOException {
      write("migrations/20200101000000_a/up.sql", "CREATE TABLE t (id int);\n");
      write("migrations/20200101000000_a/metadata.toml", "# run_in_transaction = false\n");

      assertThat(source.load(tmp, DEFAULTS, PostgresParser.INSTANCE))
          .singleElement()
          .satisfies(x -> assertThat(x.runInTransaction()).isTrue());
    }

    @Test
    void configured_locations_replace_the_default() throws IOException {
      write("db/diesel/20200101000000_a/up.sql", "CREATE TABLE t (id int);\n");
      MigrationSettings settings =
          new MigrationSettings(
              Optional.of(MigrationTool.DIESEL),
              List.of("db/diesel"),
              Map.of(),
              Optional.empty(),
              List.of(),
              Optional.empty());

      assertThat(source.load(tmp, settings, PostgresParser.INSTANCE))
          .extracting(Migration::path)
          .containsExactly("db/diesel/20200101000000_a/up.sql");
    }
  }
}
