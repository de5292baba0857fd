package dev.schemawarden.analyzers.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** golang-migrate, dbmate and plain directories: the sources without a library behind them. */
class SimpleSourcesTest {
  private static final Path FIXTURES = Path.of("src/test/resources/sources");
  private static final MigrationSettings DEFAULTS = MigrationSettings.defaults();

  @Nested
  class GolangMigrate {
    private final GolangMigrateSource source = new GolangMigrateSource();

    @Test
    void ups_only_in_numeric_order_none_in_a_tool_transaction() {
      List<Migration> m =
          source.load(FIXTURES.resolve("golang-migrate"), DEFAULTS, PostgresParser.INSTANCE);

      assertThat(m)
          .as(
              "migrate up runs the ups; replaying the downs after them would leave the base schema empty")
          .extracting(Migration::path, Migration::kind, x -> x.id().orElseThrow())
          .containsExactly(
              tuple("migrations/1_create_users.up.sql", Migration.Kind.UP, "1"),
              tuple("migrations/2_users_id_idx.up.sql", Migration.Kind.UP, "2"),
              tuple("migrations/10_email.up.sql", Migration.Kind.UP, "10"));
      assertThat(m)
          .as("the driver sends the file as one simple query; no BEGIN of its own")
          .noneMatch(Migration::runInTransaction);
      assertThat(m.get(2).statements()).extracting(SqlStatement::line).containsExactly(1, 3);
      assertThat(m.get(2).description()).isEqualTo("email");
    }

    @Test
    void knows_its_files() {
      assertThat(source.isMigrationFile("db/migrations/3_x.up.sql", DEFAULTS)).isTrue();
      assertThat(source.isMigrationFile("migrations/3_x.down.sql", DEFAULTS))
          .as("a changed down file changes no database that runs migrate up")
          .isFalse();
      assertThat(source.isMigrationFile("migrations/3_x.sql", DEFAULTS)).isFalse();
      assertThat(source.isMigrationFile("migrations/sub/3_x.up.sql", DEFAULTS)).isFalse();
    }
  }

  @Nested
  class Dbmate {
    private final DbmateSource source = new DbmateSource();

    @Test
    void up_sections_only_keep_exact_lines_and_transaction_flags() {
      List<Migration> m =
          source.load(FIXTURES.resolve("dbmate"), DEFAULTS, PostgresParser.INSTANCE);

      assertThat(m)
          .as("dbmate up runs the up sections only; the down sections run on rollback")
          .extracting(Migration::kind, x -> x.id().orElseThrow(), Migration::runInTransaction)
          .containsExactly(
              tuple(Migration.Kind.UP, "20240101120000", true),
              tuple(Migration.Kind.UP, "20240301090000", false));
      assertThat(m.get(0).statements())
          .extracting(SqlStatement::sql, SqlStatement::line)
          .as("the up section only")
          .containsExactly(
              tuple("CREATE TABLE users (id bigint)", 2), tuple("INSERT INTO users VALUES (1)", 3));
      assertThat(m)
          .flatExtracting(Migration::statements)
          .extracting(SqlStatement::sql)
          .as("no statement of a down section")
          .noneMatch(sql -> sql.startsWith("DROP"));
      assertThat(m.get(0).description()).isEqualTo("create users");
    }

    @Test
    void a_file_without_an_up_section_is_an_input_error() {
      assertThatThrownBy(
              () ->
                  source.load(
                      FIXTURES.resolve("dbmate-missing-up"), DEFAULTS, PostgresParser.INSTANCE))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageStartingWith("db/migrations/20240101_x.sql:1:")
          .hasMessageContaining("-- migrate:up");
    }
  }

  @Nested
  class Plain {
    private final PlainDirectorySource source = new PlainDirectorySource();

    @Test
    void sql_files_in_natural_order_outside_any_tool_transaction() {
      List<Migration> m = source.load(FIXTURES.resolve("plain"), DEFAULTS, PostgresParser.INSTANCE);

      assertThat(m)
          .extracting(Migration::path)
          .containsExactly("sql/1_c.sql", "sql/2_a.sql", "sql/10_b.sql", "sql/2024/1_d.sql");
      assertThat(m)
          .allMatch(
              x -> x.kind() == Migration.Kind.PLAIN && !x.runInTransaction() && x.id().isEmpty());
    }

    @Test
    void natural_order_compares_digit_runs_as_numbers() {
      assertThat(
              List.of("a10", "a9", "a010", "b1", "a9x").stream()
                  .sorted(NaturalOrder.INSTANCE)
                  .toList())
          .containsExactly("a9", "a9x", "a010", "a10", "b1");
    }
  }
}
