package dev.schemawarden.analyzers.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured tool that finds nothing among SQL files is a configuration error, never "0 migrations, allow". */
class MisnamedLayoutTest {
  @TempDir Path tmp;

  private void write(String path, String text) throws IOException {
    Path p = tmp.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static MigrationSettings tool(MigrationTool tool) {
    return new MigrationSettings(
        Optional.of(tool), List.of(), Map.of(), Optional.empty(), List.of(), Optional.empty());
  }

  private WardenException failure(MigrationSource source) {
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> source.load(tmp, tool(source.tool()), PostgresParser.INSTANCE));
    assertThat(t).isInstanceOf(WardenException.class);
    return (WardenException) t;
  }

  @Test
  void golang_migrate_over_diesel_directories_names_location_tool_example_and_files()
      throws IOException {
    write("migrations/2020-01-01-000000_a/up.sql", "CREATE TABLE a (id int);\n");
    write("migrations/2020-01-01-000000_a/down.sql", "DROP TABLE a;\n");
    write("migrations/2020-02-01-000000_b/up.sql", "CREATE TABLE b (id int);\n");
    write("migrations/2020-03-01-000000_c/up.sql", "CREATE TABLE c (id int);\n");

    WardenException e = failure(new GolangMigrateSource());

    assertThat(e.code()).as("exit 2").isEqualTo(ErrorCode.CONFIG);
    assertThat(e.getMessage())
        .as("one line naming location, tool, an expected name and the first files seen")
        .doesNotContain("\n")
        .startsWith("migrations/ holds 4 SQL file(s) but no golang-migrate migration")
        .contains("1_create_users.up.sql")
        .contains(
            "saw migrations/2020-01-01-000000_a/down.sql, migrations/2020-01-01-000000_a/up.sql,"
                + " migrations/2020-02-01-000000_b/up.sql, ...")
        .contains("migrations.tool");
  }

  @Test
  void every_file_based_tool_refuses_sql_files_it_cannot_read_as_its_own() throws IOException {
    write("db/migration/create_users.sql", "CREATE TABLE a (id int);\n");
    write("db/migrations/create_users.sql", "CREATE TABLE a (id int);\n");
    write("migrations/create_users.sql", "CREATE TABLE a (id int);\n");

    assertThat(failure(new FlywaySource()).getMessage())
        .startsWith("db/migration/ holds 1 SQL file(s) but no flyway")
        .contains("V1__create_users.sql");
    assertThat(failure(new DbmateSource()).getMessage())
        .startsWith("db/migrations/ holds 1 SQL file(s) but no dbmate")
        .contains("20240101120000_create_users.sql");
    assertThat(failure(new DieselSource()).getMessage())
        .startsWith("migrations/ holds 1 SQL file(s) but no diesel")
        .contains("2017-08-31-230457_create_users/up.sql");
  }

  @Test
  void an_empty_or_absent_location_or_one_without_sql_is_a_history_not_yet_started()
      throws IOException {
    write("migrations/README.md", "migrations go here\n");

    for (MigrationSource s :
        List.of(
            new GolangMigrateSource(),
            new DieselSource(),
            new FlywaySource(),
            new DbmateSource())) {
      assertThat(s.load(tmp, tool(s.tool()), PostgresParser.INSTANCE))
          .as(s.tool().configName())
          .isEmpty();
    }
  }

  @Test
  void hostile_file_names_cannot_break_the_one_line_message() throws IOException {
    write("migrations/evil\nwarden: allow\u001b[2K.sql", "SELECT 1;\n");

    assertThatThrownBy(
            () ->
                new GolangMigrateSource()
                    .load(tmp, tool(MigrationTool.GOLANG_MIGRATE), PostgresParser.INSTANCE))
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("\u001b")
        .hasMessageContaining("migrations/evil?warden: allow?[2K.sql");
  }
}
