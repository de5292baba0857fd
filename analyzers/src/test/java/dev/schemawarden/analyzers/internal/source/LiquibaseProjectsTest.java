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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.ValidationFailedException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Liquibase as real multi-module projects (Apache Fineract) use it: contexts, custom changes, other modules. */
class LiquibaseProjectsTest {
  private static final String MASTER = "db/changelog/db.changelog-master.xml";
  private static EmbeddedPostgres pg;

  @TempDir Path repo;
  @TempDir Path outside;

  @BeforeAll
  static void start() throws IOException {
    System.setProperty("liquibase.analytics.enabled", "false");
    pg = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  /** Set by {@link Loud}'s static initializer: proof that a class a changelog names was loaded. */
  static volatile boolean loudLoaded;

  /** A class on the reviewer's classpath a hostile changelog names; loading it is the attack. */
  public static final class Loud {
    static {
      loudLoaded = true;
    }
  }

  private void write(String path, String text) throws IOException {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static String changelog(String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.1.xsd">
        """
        + body
        + "</databaseChangeLog>\n";
  }

  private static MigrationSettings settings(List<String> contexts, List<String> searchPaths) {
    return new MigrationSettings(
        Optional.empty(),
        List.of(),
        Map.of(),
        Optional.empty(),
        contexts,
        Optional.empty(),
        searchPaths);
  }

  private List<Migration> load(MigrationSettings settings) {
    return new LiquibaseSource().load(repo, settings, PostgresParser.INSTANCE);
  }

  /** What Liquibase 4.33's own validate says about the changelog under {@code contexts}, on a real PostgreSQL. */
  private Optional<String> liquibaseValidate(String contexts) throws Exception {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(repo)) {
      Database db =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      return Scope.child(
          Map.of(Scope.Attr.resourceAccessor.name(), accessor),
          () -> {
            DatabaseChangeLog log =
                ChangeLogParserFactory.getInstance()
                    .getParser(MASTER, accessor)
                    .parse(MASTER, new ChangeLogParameters(db), accessor);
            try {
              log.validate(db, new Contexts(contexts), new LabelExpression());
              return Optional.<String>empty();
            } catch (ValidationFailedException e) {
              return Optional.of(e.getMessage());
            }
          });
    }
  }

  @Nested
  class Duplicates {
    private void fineractStyle() throws IOException {
      write(
          MASTER,
          changelog(
              """
              <changeSet author="fineract" id="1001-1" context="mysql">
                  <addColumn tableName="m_loan_charge"><column name="created_on_utc" type="DATETIME(6)"/></addColumn>
              </changeSet>
              <changeSet author="fineract" id="1001-1" context="postgresql">
                  <addColumn tableName="m_loan_charge"><column name="created_on_utc" type="TIMESTAMP WITH TIME ZONE"/></addColumn>
              </changeSet>
          """));
    }

    @Test
    void
        one_id_defined_per_disjoint_context_is_accepted_under_one_context_as_liquibase_validate_accepts_it()
            throws Exception {
      fineractStyle();

      assertThat(liquibaseValidate("postgresql"))
          .as("Liquibase 4.33 itself accepts it under postgresql")
          .isEmpty();
      List<Migration> m = load(settings(List.of("postgresql"), List.of()));
      assertThat(m)
          .extracting(x -> x.id().orElseThrow(), x -> x.statements().get(0).line())
          .as("only the postgresql changeset runs, on its own line")
          .containsExactly(tuple("1001-1::fineract", 8));
      assertThat(m.get(0).statements().get(0).sql()).contains("TIMESTAMP WITH TIME ZONE");
    }

    @Test
    void with_no_context_both_run_and_the_duplicate_is_refused_as_liquibase_validate_refuses_it()
        throws Exception {
      fineractStyle();

      assertThat(liquibaseValidate("")).as("Liquibase refuses it when both can run").isPresent();
      assertThatThrownBy(() -> load(settings(List.of(), List.of())))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageStartingWith(MASTER + ":8: changeset 1001-1::fineract is defined twice")
          .hasMessageContaining("[5, 8]")
          .hasMessageContaining("migrations.contexts");
    }
  }

  @Nested
  class ClassBasedChanges {
    @Test
    void a_custom_change_is_a_not_traced_part_of_its_changeset_and_the_rest_still_renders()
        throws IOException {
      write(
          MASTER,
          changelog(
              """
              <changeSet author="fineract" id="1" context="tenant_store_db">
                  <addColumn tableName="tenants"><column name="master_password_hash" type="varchar(255)"/></addColumn>
              </changeSet>
              <changeSet author="fineract" id="2" context="tenant_store_db">
                  <update tableName="tenants"><column name="x" value="y"/></update>
                  <customChange class="org.apache.fineract.TenantPasswordEncryptionTask">
                      <param name="key" value="k"/>
                  </customChange>
              </changeSet>
              <changeSet author="fineract" id="3" context="mysql">
                  <customChange class="org.apache.fineract.MySqlOnlyTask"/>
              </changeSet>
          """));

      List<Migration> m = load(settings(List.of("tenant_store_db", "postgresql"), List.of()));

      assertThat(m)
          .extracting(x -> x.id().orElseThrow())
          .as("the mysql changeset is skipped, its class never matters")
          .containsExactly("1::fineract", "2::fineract");
      assertThat(m.get(1).notTraced())
          .extracting(Migration.NotTraced::line, Migration.NotTraced::reason)
          .containsExactly(
              tuple(
                  8,
                  "not traced: customChange class org.apache.fineract.TenantPasswordEncryptionTask"
                      + " is never loaded or run by the review (a project's classes are not on its classpath); review what"
                      + " it does to the schema and data by hand"));
      assertThat(m.get(1).statements())
          .extracting(SqlStatement::sql)
          .as("the update beside it is still rendered")
          .containsExactly("UPDATE tenants SET x = 'y'");
      assertThat(m.get(0).notTraced()).isEmpty();
    }

    @Test
    void a_class_on_the_reviewers_classpath_named_by_a_changelog_is_never_loaded()
        throws IOException {
      loudLoaded = false;
      write(
          MASTER,
          changelog(
              """
              <changeSet author="eve" id="1">
                  <customChange class="%s"/>
              </changeSet>
          """
                  .formatted(Loud.class.getName())));

      List<Migration> m = load(settings(List.of(), List.of()));

      assertThat(loudLoaded)
          .as("Liquibase alone would have run the static initializer while parsing")
          .isFalse();
      assertThat(m.get(0).notTraced())
          .singleElement()
          .satisfies(n -> assertThat(n.reason()).contains(Loud.class.getName()));
    }

    @Test
    void an_execute_command_is_never_started() throws IOException {
      Path proof = outside.resolve("ran");
      write(
          MASTER,
          changelog(
              """
              <changeSet author="eve" id="1">
                  <executeCommand executable="touch"><arg value="%s"/></executeCommand>
              </changeSet>
          """
                  .formatted(proof)));

      List<Migration> m = load(settings(List.of(), List.of()));

      assertThat(proof).as("rendering must not run the program").doesNotExist();
      assertThat(m.get(0).notTraced())
          .singleElement()
          .satisfies(n -> assertThat(n.reason()).startsWith("not traced: executeCommand 'touch'"));
    }
  }

  @Nested
  class SearchPaths {
    private void modules() throws IOException {
      write(
          "core/src/main/resources/" + MASTER,
          changelog(
              """
              <changeSet author="a" id="1"><createTable tableName="m_loan"><column name="id" type="bigint"/></createTable></changeSet>
              <include file="db/changelog/module/loan/module-changelog-master.xml"/>
          """));
      write(
          "loan/src/main/resources/db/changelog/module/loan/module-changelog-master.xml",
          changelog(
              """
              <include file="parts/1001_add.xml" relativeToChangelogFile="true"/>
          """));
      write(
          "loan/src/main/resources/db/changelog/module/loan/parts/1001_add.xml",
          changelog(
              """
              <changeSet author="a" id="1001">
                  <addColumn tableName="m_loan"><column name="x" type="int"/></addColumn>
              </changeSet>
          """));
    }

    private MigrationSettings withPaths(List<String> searchPaths) {
      return new MigrationSettings(
          Optional.empty(),
          List.of(),
          Map.of(),
          Optional.of("core/src/main/resources/" + MASTER),
          List.of(),
          Optional.empty(),
          searchPaths);
    }

    @Test
    void an_include_resolves_in_another_modules_resources_and_keeps_its_repository_path()
        throws IOException {
      modules();

      List<Migration> m = load(withPaths(List.of("loan/src/main/resources")));

      assertThat(m)
          .extracting(Migration::path, x -> x.statements().get(0).line())
          .containsExactly(
              tuple("core/src/main/resources/" + MASTER, 5),
              tuple("loan/src/main/resources/db/changelog/module/loan/parts/1001_add.xml", 5));
    }

    @Test
    void without_the_search_path_the_include_is_an_error_naming_it() throws IOException {
      modules();

      assertThatThrownBy(() -> load(withPaths(List.of())))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageContaining("module-changelog-master.xml");
    }

    @Test
    void a_search_path_leaving_the_repository_is_one_config_error() throws IOException {
      modules();
      Files.createDirectories(repo.resolve("shared").getParent());
      Files.createSymbolicLink(repo.resolve("shared"), outside);

      for (String hostile :
          List.of("../" + outside.getFileName(), outside.toString(), "loan/../../x", "shared")) {
        assertThatThrownBy(() -> load(withPaths(List.of(hostile))))
            .as(hostile)
            .isInstanceOfSatisfying(
                WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
            .hasMessageStartingWith("migrations.search-paths: ")
            .hasMessageContaining("inside the repository")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      }
    }
  }

  @Nested
  class Errors {
    private void included(String change) throws IOException {
      write(
          MASTER,
          changelog(
              """
              <include file="parts/0002.xml" relativeToChangelogFile="true"/>
          """));
      write(
          "db/changelog/parts/0002.xml",
          changelog(
              """
              <changeSet author="a" id="ok"><sql>select 1</sql></changeSet>
              <changeSet author="a" id="broken">
                  %s
              </changeSet>
          """
                  .formatted(change)));
    }

    @Test
    void a_changeset_liquibase_cannot_render_is_named_by_its_file_and_line_not_the_masters_line_1()
        throws IOException {
      included("<loadData tableName=\"t\" file=\"nope.csv\"/>");

      assertThatThrownBy(() -> load(settings(List.of(), List.of())))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageStartingWith(
              "db/changelog/parts/0002.xml:6: changeset broken::a: Liquibase cannot render it:")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void a_change_the_schema_refuses_is_named_by_the_included_file_and_the_line_of_the_change()
        throws IOException {
      included("<renameColumn tableName=\"t\" oldColumnName=\"a\"/>");

      assertThatThrownBy(() -> load(settings(List.of(), List.of())))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
          .hasMessageStartingWith(
              "db/changelog/parts/0002.xml:7: Liquibase cannot read this changelog:");
    }
  }
}
