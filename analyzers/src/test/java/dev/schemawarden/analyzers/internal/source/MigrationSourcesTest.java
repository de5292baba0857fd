package dev.schemawarden.analyzers.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationSourcesTest {
  private static final Path FIXTURES = Path.of("src/test/resources/sources");

  @Test
  void every_tool_has_exactly_one_registered_source() {
    assertThat(MigrationSources.all())
        .extracting(s -> s.tool())
        .containsExactly(MigrationTool.values());
  }

  @Test
  void detection_picks_the_layout_of_each_fixture() {
    MigrationSettings d = MigrationSettings.defaults();
    assertThat(MigrationSources.detect(FIXTURES.resolve("flyway/ordered"), d).tool())
        .isEqualTo(MigrationTool.FLYWAY);
    assertThat(MigrationSources.detect(FIXTURES.resolve("liquibase/mixed"), d).tool())
        .isEqualTo(MigrationTool.LIQUIBASE);
    assertThat(MigrationSources.detect(FIXTURES.resolve("liquibase/spring"), d).tool())
        .as("the master changelog wins over the .sql files next to it")
        .isEqualTo(MigrationTool.LIQUIBASE);
    assertThat(MigrationSources.detect(FIXTURES.resolve("golang-migrate"), d).tool())
        .isEqualTo(MigrationTool.GOLANG_MIGRATE);
    assertThat(MigrationSources.detect(FIXTURES.resolve("dbmate"), d).tool())
        .isEqualTo(MigrationTool.DBMATE);
    assertThat(MigrationSources.detect(FIXTURES.resolve("plain"), d).tool())
        .isEqualTo(MigrationTool.PLAIN);
  }

  @Test
  void detection_explains_what_it_recognised_what_else_matched_and_how_to_override() {
    MigrationSources.Detection d =
        MigrationSources.detection(
            FIXTURES.resolve("golang-migrate"), MigrationSettings.defaults());

    assertThat(d.chosen().tool()).isEqualTo(MigrationTool.GOLANG_MIGRATE);
    assertThat(d.alsoMatched())
        .as("the .sql files are plain SQL too, ranked below")
        .contains(MigrationTool.PLAIN);
    assertThat(d.explain())
        .startsWith(
            "golang-migrate recognised by its layout (golang-migrate <version>_<title>.up.sql")
        .contains("also matched: ")
        .contains("plain")
        .endsWith("set migrations.tool in .schemawarden.yml to choose");
  }

  @Test
  void the_configured_tool_overrides_detection() {
    MigrationSettings plain =
        new MigrationSettings(
            Optional.of(MigrationTool.PLAIN),
            List.of(),
            Map.of(),
            Optional.empty(),
            List.of(),
            Optional.empty());
    assertThat(MigrationSources.detect(FIXTURES.resolve("flyway/ordered"), plain).tool())
        .isEqualTo(MigrationTool.PLAIN);
  }

  @Test
  void no_layout_is_a_config_error_that_says_what_was_looked_for_and_how_to_configure() {
    assertThatThrownBy(
            () ->
                MigrationSources.detect(
                    FIXTURES.resolve("nothing-here"), MigrationSettings.defaults()))
        .isInstanceOfSatisfying(
            WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
        .hasMessageContaining("db/changelog/db.changelog-master")
        .hasMessageContaining("V<version>__<desc>.sql")
        .hasMessageContaining("migrations.tool")
        .hasMessageContaining(".schemawarden.yml");
  }
}
