package dev.schemawarden.analyzers.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sqlx: simple and reversible files in numeric version order, -- no-transaction, downs as rollback plans. */
class SqlxSourceTest {
  private static final MigrationSettings DEFAULTS = MigrationSettings.defaults();
  private final SqlxSource source = new SqlxSource();

  @TempDir Path root;

  private void files(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
  }

  @Test
  void ups_and_simple_files_in_numeric_version_order_with_their_transaction_setting()
      throws IOException {
    files(
        Map.of(
            "migrations/20240101000000_create_users.sql",
            "CREATE TABLE users (id bigint);\n",
            "migrations/9_early.up.sql",
            "CREATE TABLE early (id bigint);\n",
            "migrations/9_early.down.sql",
            "DROP TABLE early;\n",
            "migrations/20240201000000_users_idx.sql",
            "-- no-transaction\nCREATE INDEX CONCURRENTLY users_id_idx ON users (id);\n"));

    assertThat(source.load(root, DEFAULTS, PostgresParser.INSTANCE))
        .extracting(
            Migration::path,
            Migration::kind,
            m -> m.id().orElseThrow(),
            Migration::runInTransaction)
        .as(
            "the down is no migration of the history; -- no-transaction on the first line turns the wrapper off")
        .containsExactly(
            tuple("migrations/9_early.up.sql", Migration.Kind.UP, "9", true),
            tuple(
                "migrations/20240101000000_create_users.sql",
                Migration.Kind.UP,
                "20240101000000",
                true),
            tuple(
                "migrations/20240201000000_users_idx.sql",
                Migration.Kind.UP,
                "20240201000000",
                false));
    assertThat(source.downs(root, DEFAULTS, PostgresParser.INSTANCE))
        .singleElement()
        .satisfies(d -> assertThat(d.upPath()).isEqualTo("migrations/9_early.up.sql"));
    assertThat(MigrationSources.detect(root, DEFAULTS).tool())
        .as("simple files say sqlx, not golang-migrate")
        .isEqualTo(MigrationTool.SQLX);
    assertThat(source.isMigrationFile("migrations/9_early.up.sql", DEFAULTS)).isTrue();
    assertThat(source.isMigrationFile("migrations/9_early.down.sql", DEFAULTS)).isFalse();
    assertThat(source.isDownFile("migrations/9_early.down.sql", DEFAULTS)).isTrue();
  }

  @Test
  void reversible_files_alone_are_sqlx_only_when_cargo_names_it() throws IOException {
    files(Map.of("migrations/1_a.up.sql", "SELECT 1;\n", "migrations/1_a.down.sql", "SELECT 2;\n"));
    assertThat(MigrationSources.detect(root, DEFAULTS).tool())
        .as("the same names as golang-migrate's")
        .isEqualTo(MigrationTool.GOLANG_MIGRATE);

    files(
        Map.of(
            "Cargo.toml",
            "[dependencies]\nsqlx = { version = \"0.8\", features = [\"postgres\"] }\n"));
    assertThat(MigrationSources.detect(root, DEFAULTS).tool()).isEqualTo(MigrationTool.SQLX);
  }

  @Test
  void a_version_used_twice_is_an_input_error_naming_both_files() throws IOException {
    files(Map.of("migrations/3_a.sql", "SELECT 1;\n", "migrations/03_b.up.sql", "SELECT 2;\n"));

    assertThatThrownBy(() -> source.load(root, DEFAULTS, PostgresParser.INSTANCE))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("sqlx version 3 is used by")
        .hasMessageContaining("03_b.up.sql")
        .hasMessageContaining("3_a.sql");
  }
}
