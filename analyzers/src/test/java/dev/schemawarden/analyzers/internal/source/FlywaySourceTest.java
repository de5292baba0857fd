package dev.schemawarden.analyzers.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FlywaySourceTest {
  private static final Path ORDERED = Path.of("src/test/resources/sources/flyway/ordered");
  private static final Map<String, String> PLACEHOLDERS = Map.of("schema", "public");
  private static final MigrationSettings SETTINGS =
      new MigrationSettings(
          Optional.of(MigrationTool.FLYWAY),
          List.of(),
          PLACEHOLDERS,
          Optional.empty(),
          List.of(),
          Optional.empty());

  private final FlywaySource source = new FlywaySource();

  private List<Migration> load(Path root, MigrationSettings settings) {
    return source.load(root, settings, PostgresParser.INSTANCE);
  }

  @Test
  void orders_versioned_numerically_then_repeatables_by_description_then_undo() {
    List<Migration> migrations = load(ORDERED, SETTINGS);

    assertThat(migrations)
        .extracting(Migration::path)
        .containsExactly(
            "db/migration/V1__create_orders.sql",
            "db/migration/V1_1__add_status.sql",
            "db/migration/V2__index_status.sql",
            "db/migration/sub/V2_5__nested.sql",
            "db/migration/V3__note_no_tx.sql",
            "db/migration/V10__total.sql",
            "db/migration/R__a_function.sql",
            "db/migration/R__orders_view.sql",
            "db/migration/U2__index_status.sql");
    assertThat(migrations)
        .extracting(m -> m.id().orElse("-"))
        .containsExactly("1", "1.1", "2", "2.5", "3", "10", "-", "-", "2");
    assertThat(migrations)
        .extracting(Migration::kind)
        .containsSubsequence(
            Migration.Kind.VERSIONED, Migration.Kind.REPEATABLE, Migration.Kind.UNDO);
    assertThat(migrations.get(1).description()).isEqualTo("add status");
  }

  @Test
  void order_and_types_equal_real_flyway_info_and_the_scripts_migrate() throws Exception {
    List<Migration> ours = load(ORDERED, SETTINGS);
    try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
      FluentConfiguration config =
          Flyway.configure()
              .dataSource(pg.getPostgresDatabase())
              .locations("filesystem:" + ORDERED.resolve("db/migration").toAbsolutePath())
              .placeholders(PLACEHOLDERS);
      // Flyway's default transactional advisory lock keeps a transaction open that CONCURRENTLY
      // would wait on.
      config
          .getConfigurationExtension(PostgreSQLConfigurationExtension.class)
          .setTransactionalLock(false);
      Flyway flyway = config.load();
      List<String> theirs =
          java.util.Arrays.stream(flyway.info().all()).map(FlywaySourceTest::describe).toList();
      List<String> expected =
          ours.stream()
              .filter(m -> m.kind() != Migration.Kind.UNDO)
              .map(FlywaySourceTest::describe)
              .toList();

      assertThat(theirs)
          .as(
              "Flyway community lists no undo scripts; everything else must be in Flyway's own order")
          .isEqualTo(expected);
      assertThat(flyway.migrate().migrationsExecuted)
          .as(
              "the fixture is a valid Flyway project (CONCURRENTLY runs only outside a transaction)")
          .isEqualTo(expected.size());
    }
  }

  private static String describe(MigrationInfo info) {
    String version = info.getVersion() == null ? "R" : info.getVersion().getVersion();
    return version
        + "|"
        + info.getDescription()
        + "|"
        + info.getType().name()
        + "|"
        + Path.of(info.getScript()).getFileName();
  }

  private static String describe(Migration m) {
    return (m.kind() == Migration.Kind.REPEATABLE ? "R" : m.id().orElseThrow())
        + "|"
        + m.description()
        + "|SQL|"
        + SourceFiles.fileName(m.path());
  }

  @Nested
  class Placeholders {
    @Test
    void are_replaced_and_statements_keep_their_lines() {
      Migration m = load(ORDERED, SETTINGS).get(1);

      assertThat(m.statements())
          .extracting(SqlStatement::sql)
          .containsExactly(
              "ALTER TABLE public.orders ADD COLUMN status text",
              "UPDATE orders SET status = 'new'");
      assertThat(m.statements()).extracting(SqlStatement::line).containsExactly(2, 4);
      assertThat(m.comments().get(0).text())
          .as("Flyway replaces built-in placeholders in comments too")
          .isEqualTo("status for flyway_schema_history");
    }

    @Test
    void an_unknown_placeholder_is_an_input_error_naming_file_line_and_fix() {
      assertThatThrownBy(
              () ->
                  load(Path.of("src/test/resources/sources/flyway/unknown-placeholder"), SETTINGS))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageStartingWith(
              "db/migration/V1__a.sql:3: no value for Flyway placeholder ${tenant}")
          .hasMessageContaining("migrations.placeholders");
    }
  }

  @Nested
  class Transactions {
    @Test
    void follow_flyway_detection_and_the_script_config_file() {
      List<Migration> m = load(ORDERED, SETTINGS);

      assertThat(m.get(0).runInTransaction()).isTrue();
      assertThat(m.get(2).runInTransaction())
          .as("Flyway runs a script with CREATE INDEX CONCURRENTLY outside a transaction")
          .isFalse();
      assertThat(m.get(4).runInTransaction())
          .as("V3__note_no_tx.sql.conf says executeInTransaction=false")
          .isFalse();
    }
  }

  @Test
  void duplicate_versions_are_an_input_error_naming_both_files() {
    assertThatThrownBy(() -> load(Path.of("src/test/resources/sources/flyway/duplicate"), SETTINGS))
        .isInstanceOfSatisfying(
            WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
        .hasMessageContaining("db/migration/V1.0__b.sql")
        .hasMessageContaining("db/migration/V1__a.sql")
        .hasMessageContaining("version 1");
  }

  @Test
  void knows_its_files_and_detects_the_layout() {
    MigrationSettings defaults = MigrationSettings.defaults();
    assertThat(source.isMigrationFile("db/migration/V7__x.sql", defaults)).isTrue();
    assertThat(source.isMigrationFile("db/migration/V7__x.sql.conf", defaults)).isTrue();
    assertThat(source.isMigrationFile("src/main/resources/db/migration/a/R__x.sql", defaults))
        .isTrue();
    assertThat(source.isMigrationFile("db/migration/README.md", defaults)).isFalse();
    assertThat(source.isMigrationFile("db/migration/7_x.sql", defaults)).isFalse();
    assertThat(source.isMigrationFile("sql/V7__x.sql", defaults)).isFalse();
    assertThat(source.detect(ORDERED, defaults)).isPositive();
    assertThat(source.detect(Path.of("src/test/resources/sources/golang-migrate"), defaults))
        .isZero();
  }
}
