package dev.schemawarden.analyzers.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiquibaseSourceTest {
  private static final Path MIXED = Path.of("src/test/resources/sources/liquibase/mixed");
  private static final String MASTER = "db/changelog/db.changelog-master.xml";

  private final LiquibaseSource source = new LiquibaseSource();

  private List<Migration> load(Path root, MigrationSettings settings) {
    return source.load(root, settings, PostgresParser.INSTANCE);
  }

  private static MigrationSettings contexts(List<String> contexts, Optional<String> labels) {
    return new MigrationSettings(
        Optional.empty(), List.of(), Map.of(), Optional.empty(), contexts, labels);
  }

  @Test
  void one_migration_per_changeset_in_update_order_across_xml_yaml_json_and_formatted_sql() {
    List<Migration> migrations = load(MIXED, MigrationSettings.defaults());

    assertThat(migrations)
        .extracting(Migration::path, m -> m.id().orElseThrow(), Migration::runInTransaction)
        .as(
            "dbms=mysql is skipped; with no contexts configured every context runs, as in liquibase update")
        .containsExactly(
            tuple(MASTER, "1::alice", true),
            tuple(MASTER, "2::alice", false),
            tuple(MASTER, "3::bob", true),
            tuple("db/changelog/changes/002-customers.yaml", "customers-1::carol", true),
            tuple("db/changelog/changes/002-customers.yaml", "customers-2::carol", true),
            tuple("db/changelog/changes/003-payments.json", "payments-1::dave", true),
            tuple("db/changelog/changes/004-refunds.sql", "refunds-1::erin", true),
            tuple("db/changelog/changes/004-refunds.sql", "refunds-2::erin", false));
    assertThat(migrations).allMatch(m -> m.kind() == Migration.Kind.CHANGESET);
  }

  @Test
  void generated_sql_is_liquibase_postgres_sql_on_the_changeset_line() {
    List<Migration> m = load(MIXED, MigrationSettings.defaults());

    assertThat(m.get(0).statements())
        .extracting(SqlStatement::sql, SqlStatement::line)
        .containsExactly(
            tuple(
                "CREATE TABLE orders (id BIGINT NOT NULL, status VARCHAR(20), CONSTRAINT orders_pkey PRIMARY KEY (id))",
                8));
    assertThat(m.get(0).description()).isEqualTo("orders table");
    assertThat(m.get(3).statements())
        .extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::index)
        .containsExactly(
            tuple("CREATE TABLE customers (id BIGINT)", 2, 0),
            tuple("ALTER TABLE orders ADD customer_id BIGINT", 2, 1));
    assertThat(m.get(5).statements())
        .extracting(SqlStatement::sql, SqlStatement::line)
        .as("JSON addNotNullConstraint with defaultNullValue renders as two statements")
        .containsExactly(
            tuple("UPDATE orders SET status = 'new' WHERE status IS NULL", 4),
            tuple("ALTER TABLE orders ALTER COLUMN  status SET NOT NULL", 4));
  }

  @Test
  void raw_sql_keeps_the_exact_line_of_each_statement() {
    List<Migration> m = load(MIXED, MigrationSettings.defaults());

    assertThat(m.get(1).statements())
        .extracting(SqlStatement::sql, SqlStatement::line)
        .containsExactly(
            tuple("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)", 20));
    assertThat(m.get(4).statements())
        .extracting(SqlStatement::sql, SqlStatement::line)
        .as("a YAML block scalar is found line by line despite its indentation")
        .containsExactly(
            tuple("ALTER TABLE customers ADD COLUMN email text", 30),
            tuple("UPDATE customers SET email = 'x'", 31));
    assertThat(m.get(6).statements())
        .extracting(SqlStatement::sql, SqlStatement::line)
        .containsExactly(
            tuple("CREATE TABLE refunds (id bigint PRIMARY KEY)", 5),
            tuple("CREATE INDEX refunds_id_idx ON refunds (id)", 8));
    assertThat(m.get(6).description()).isEqualTo("refunds table");
    assertThat(m.get(6).statements())
        .extracting(SqlStatement::sql)
        .as("--rollback SQL is not part of the update")
        .noneMatch(s -> s.contains("DROP TABLE"));
  }

  @Test
  void preconditions_are_kept_and_the_description_says_they_were_not_evaluated() {
    Migration m = load(MIXED, MigrationSettings.defaults()).get(4);

    assertThat(m.description()).contains("tableExists").contains("not evaluated offline");
  }

  @Test
  void contexts_and_labels_from_settings_filter_changesets_as_update_would() {
    List<String> ids =
        load(MIXED, contexts(List.of("prod"), Optional.of("!billing"))).stream()
            .map(m -> m.id().orElseThrow())
            .toList();

    assertThat(ids)
        .doesNotContain("3::bob", "customers-2::carol")
        .contains("refunds-2::erin", "1::alice");
    assertThat(load(MIXED, contexts(List.of("test"), Optional.empty())))
        .extracting(m -> m.id().orElseThrow())
        .contains("3::bob")
        .doesNotContain("refunds-2::erin");
  }

  @Test
  void spring_layout_resolves_classpath_includes_include_all_and_sql_files_to_repository_paths() {
    List<Migration> m =
        load(Path.of("src/test/resources/sources/liquibase/spring"), MigrationSettings.defaults());

    assertThat(m)
        .extracting(Migration::path, x -> x.id().orElseThrow())
        .containsExactly(
            tuple("src/main/resources/db/changelog/changes/001-init.sql", "init::frank"),
            tuple("src/main/resources/db/changelog/db.changelog-master.yaml", "from-file::frank"),
            tuple("src/main/resources/db/changelog/more/a.xml", "a::frank"),
            tuple("src/main/resources/db/changelog/more/b.sql", "b::frank"));
    assertThat(m.get(2).statements())
        .extracting(SqlStatement::sql, SqlStatement::line)
        .as("a logicalFilePath does not hide where the changeset really is")
        .containsExactly(tuple("ALTER TABLE t ADD a INTEGER", 6));
    assertThat(m.get(1).statements())
        .extracting(s -> s.span().path(), SqlStatement::line)
        .as("sqlFile statements point into the SQL file itself")
        .containsExactly(
            tuple("src/main/resources/db/changelog/changes/002-seed.sql", 1),
            tuple("src/main/resources/db/changelog/changes/002-seed.sql", 3));
  }

  @Test
  void changeset_order_equals_what_liquibase_update_runs_on_postgres() throws Exception {
    List<String> ours =
        load(MIXED, MigrationSettings.defaults()).stream()
            .map(m -> m.path() + "#" + m.id().orElseThrow())
            .toList();
    List<String> ran = new ArrayList<>();
    System.setProperty("liquibase.analytics.enabled", "false");
    try (EmbeddedPostgres pg = EmbeddedPostgres.start();
        Connection c = pg.getPostgresDatabase().getConnection();
        DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(MIXED)) {
      Database db =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      @SuppressWarnings("deprecation")
      Liquibase liquibase = new Liquibase(MASTER, accessor, db);
      liquibase.update(new Contexts(), new LabelExpression());
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT filename, id, author FROM databasechangelog WHERE exectype = 'EXECUTED' ORDER BY orderexecuted")) {
        while (rs.next()) {
          ran.add(rs.getString(1) + "#" + rs.getString(2) + "::" + rs.getString(3));
        }
      }
    }
    assertThat(ran).as("the changesets liquibase update executed, in its order").isEqualTo(ours);
  }

  @Nested
  class Errors {
    @Test
    void malformed_xml_is_an_input_error_naming_file_and_line() {
      assertThatThrownBy(
              () ->
                  load(
                      Path.of("src/test/resources/sources/liquibase/malformed-xml"),
                      MigrationSettings.defaults()))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageStartingWith("db/changelog/db.changelog-master.xml:10:");
    }

    @Test
    void malformed_yaml_is_an_input_error_naming_file_and_line() {
      assertThatThrownBy(
              () ->
                  load(
                      Path.of("src/test/resources/sources/liquibase/malformed-yaml"),
                      MigrationSettings.defaults()))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageStartingWith("db/changelog/db.changelog-master.yaml:8:");
    }

    @Test
    void a_changeset_defined_twice_in_one_file_is_an_input_error_naming_both_lines() {
      assertThatThrownBy(
              () ->
                  load(
                      Path.of("src/test/resources/sources/liquibase/duplicate"),
                      MigrationSettings.defaults()))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageStartingWith(
              "db/changelog/db.changelog-master.sql:6: changeset 1::alice is defined twice")
          .hasMessageContaining("[3, 6]");
    }

    @Test
    void an_include_of_a_missing_file_is_reported_at_the_include_line_not_at_the_missing_file() {
      assertThatThrownBy(
              () ->
                  load(
                      Path.of("src/test/resources/sources/liquibase/missing-include"),
                      MigrationSettings.defaults()))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageStartingWith(
              "db/changelog/db.changelog-master.xml:7: the changelog includes"
                  + " db/changelog/changes/002-orders.xml, which is not in the repository")
          .hasMessageContaining("migrations.search-paths");
    }

    @Test
    void a_missing_configured_changelog_is_a_config_error_with_the_fix() {
      MigrationSettings settings =
          new MigrationSettings(
              Optional.empty(),
              List.of(),
              Map.of(),
              Optional.of("db/nope.xml"),
              List.of(),
              Optional.empty());
      assertThatThrownBy(() -> load(MIXED, settings))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
          .hasMessageContaining("migrations.changelog 'db/nope.xml'");
    }
  }

  @Test
  void knows_its_files() {
    MigrationSettings d = MigrationSettings.defaults();
    assertThat(source.isMigrationFile("db/changelog/changes/004-refunds.sql", d)).isTrue();
    assertThat(source.isMigrationFile("src/main/resources/db/changelog/x.yaml", d)).isTrue();
    assertThat(source.isMigrationFile("db/changelog/notes.txt", d)).isFalse();
    assertThat(source.isMigrationFile("db/migration/V1__x.sql", d)).isFalse();
    assertThat(source.detect(MIXED, d)).isEqualTo(100);
  }
}
