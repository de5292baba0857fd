package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * Our replay order of a real Flyway history (Marquez, vendored under {@code src/test/resources/histories/marquez})
 * against Flyway's own {@code info} on an empty embedded PostgreSQL: dotted versions ({@code V69.1}) sort numerically,
 * repeatables come after every versioned script, by description.
 */
class FlywayRealHistoryOrderTest {
  private static final Path MARQUEZ = Path.of("src/test/resources/histories/marquez");
  private static final String LOCATION = "api/src/main/resources/marquez/db/migration";

  @Test
  void marquez_replay_order_equals_flyway_info_on_an_empty_database() throws Exception {
    MigrationSettings settings =
        new MigrationSettings(
            Optional.of(MigrationTool.FLYWAY),
            List.of(LOCATION),
            Map.of(),
            Optional.empty(),
            List.of(),
            Optional.empty());
    List<String> ours =
        MigrationSources.forTool(MigrationTool.FLYWAY)
            .load(MARQUEZ, settings, Engines.forName("postgres").parser())
            .stream()
            .map(FlywayRealHistoryOrderTest::describe)
            .toList();
    try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
      Flyway flyway =
          Flyway.configure()
              .dataSource(pg.getPostgresDatabase())
              .locations("filesystem:" + MARQUEZ.resolve(LOCATION).toAbsolutePath())
              .load();
      List<String> theirs =
          Arrays.stream(flyway.info().all()).map(FlywayRealHistoryOrderTest::describe).toList();

      assertThat(theirs).as("every SQL script pending, none refused by Flyway").hasSize(84);
      assertThat(ours).as("our replay order is Flyway's, script for script").isEqualTo(theirs);
      List<String> versions = ours.stream().map(d -> d.substring(0, d.indexOf('|'))).toList();
      assertThat(versions)
          .as("dotted versions between their neighbours, numerically, then the repeatables")
          .containsSubsequence("9", "10", "68", "69.1", "69.2", "69.3", "70", "74")
          .endsWith("R", "R", "R");
    }
  }

  private static String describe(MigrationInfo info) {
    String version = info.getVersion() == null ? "R" : info.getVersion().getVersion();
    return version + "|" + info.getDescription() + "|" + Path.of(info.getScript()).getFileName();
  }

  private static String describe(Migration m) {
    String version = m.kind() == Migration.Kind.REPEATABLE ? "R" : m.id().orElse("?");
    return version + "|" + m.description() + "|" + Path.of(m.path()).getFileName();
  }
}
