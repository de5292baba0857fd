package dev.schemawarden.analyzers.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Linter;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every migration source on a hostile checkout: links leaving the repository, /proc, FIFOs and Liquibase includes
 * that climb out. Refused files become migrations without statements and a WD003 finding; nothing of the target is
 * ever in a statement, a comment or a message.
 */
class RefusedFilesTest {
  private static final String SECRET = "ghp_SECRETSECRETSECRET0123456789";
  private static final MigrationSettings DEFAULTS = MigrationSettings.defaults();

  @TempDir Path tmp;
  Path repo;
  Path outside;

  @BeforeEach
  void layout() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.sql"), "select '" + SECRET + "';\n");
    Files.writeString(
        outside.resolve("secret.xml"),
        changelog(
            "<changeSet id=\"s\" author=\"x\"><sql>select '" + SECRET + "'</sql></changeSet>"));
  }

  private Path write(String path, String text) throws IOException {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  private void link(String path, Path target) throws IOException {
    Files.createDirectories(repo.resolve(path).getParent());
    Files.createSymbolicLink(repo.resolve(path), target);
  }

  private static void mkfifo(Path p) throws Exception {
    Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0).as("mkfifo").isTrue();
  }

  private static String changelog(String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
        + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
        + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
        + body
        + "\n</databaseChangeLog>\n";
  }

  private static List<Migration> load(MigrationSource source, Path root) {
    List<Migration> out = source.load(root, DEFAULTS, PostgresParser.INSTANCE);
    assertThat(out)
        .as("no statement or comment carries the target's text")
        .allSatisfy(
            m -> {
              assertThat(m.statements())
                  .extracting(SqlStatement::sql)
                  .noneMatch(s -> s.contains(SECRET));
              assertThat(m.comments().toString()).doesNotContain(SECRET);
              assertThat(m.refusal().orElse("")).doesNotContain(SECRET);
            });
    return out;
  }

  private static List<Finding> lint(List<Migration> migrations) {
    return Linter.builtIn(Engines.forName("postgres"), LintSettings.defaults()).lint(migrations);
  }

  @Nested
  class Flyway {
    @Test
    @Timeout(20)
    void links_out_proc_and_fifos_are_refused_migrations_and_a_link_inside_is_read()
        throws Exception {
      write("db/migration/V1__a.sql", "create table a (id int);\n");
      link("db/migration/V2__same.sql", Path.of("V1__a.sql"));
      link("db/migration/V3__x.sql", outside.resolve("secret.sql"));
      link("db/migration/V4__y.sql", Path.of("/proc/self/environ"));
      mkfifo(repo.resolve("db/migration/V5__pipe.sql"));

      List<Migration> m = load(new FlywaySource(), repo);

      assertThat(m)
          .extracting(Migration::path, x -> x.statements().size(), x -> x.refusal().isPresent())
          .containsExactly(
              tuple("db/migration/V1__a.sql", 1, false),
              tuple("db/migration/V2__same.sql", 1, false),
              tuple("db/migration/V3__x.sql", 0, true),
              tuple("db/migration/V4__y.sql", 0, true),
              tuple("db/migration/V5__pipe.sql", 0, true));
      assertThat(lint(m))
          .filteredOn(f -> f.rule().equals("WD003"))
          .extracting(f -> f.span().path(), Finding::severity, Finding::message)
          .containsExactly(
              tuple(
                  "db/migration/V3__x.sql",
                  Severity.ERROR,
                  "db/migration/V3__x.sql is a symbolic link to a file outside the repository: not read"),
              tuple(
                  "db/migration/V4__y.sql",
                  Severity.ERROR,
                  "db/migration/V4__y.sql is a symbolic link to a system file (/proc): not read"),
              tuple(
                  "db/migration/V5__pipe.sql",
                  Severity.ERROR,
                  "db/migration/V5__pipe.sql is a FIFO (named pipe), not a regular file: not read"));
    }

    @Test
    void a_script_config_linked_outside_refuses_its_script() throws IOException {
      write("db/migration/V1__a.sql", "create table a (id int);\n");
      link("db/migration/V1__a.sql.conf", outside.resolve("secret.sql"));

      List<Migration> m = load(new FlywaySource(), repo);

      assertThat(m)
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x.refusal())
                      .contains(
                          "db/migration/V1__a.sql.conf is a symbolic link to a file outside the repository: not read"));
    }

    @Test
    void a_linked_directory_leaving_the_repository_is_not_descended_into() throws IOException {
      write("db/migration/V1__a.sql", "create table a (id int);\n");
      Files.writeString(outside.resolve("V9__hidden.sql"), "select '" + SECRET + "';\n");
      link("db/migration/shared", outside);

      assertThat(load(new FlywaySource(), repo))
          .extracting(Migration::path)
          .containsExactly("db/migration/V1__a.sql");
    }

    @Test
    void a_location_linked_outside_the_repository_is_an_input_error_naming_it() throws IOException {
      Files.writeString(outside.resolve("V9__hidden.sql"), "select '" + SECRET + "';\n");
      link("db/migration", outside);

      assertThatThrownBy(() -> new FlywaySource().load(repo, DEFAULTS, PostgresParser.INSTANCE))
          .isInstanceOf(RefusedFileException.class)
          .hasMessageStartingWith(
              "db/migration is a symbolic link to a directory outside the repository: not read")
          .message()
          .doesNotContain(SECRET);
    }
  }

  @Nested
  class OtherTools {
    @Test
    void golang_migrate_refuses_a_link_out_and_reads_a_link_in() throws IOException {
      write("migrations/1_a.up.sql", "create table a (id int);\n");
      link("migrations/2_b.up.sql", Path.of("1_a.up.sql"));
      link("migrations/3_c.up.sql", outside.resolve("secret.sql"));

      assertThat(load(new GolangMigrateSource(), repo))
          .extracting(Migration::path, x -> x.statements().size(), x -> x.refusal().isPresent())
          .containsExactly(
              tuple("migrations/1_a.up.sql", 1, false),
              tuple("migrations/2_b.up.sql", 1, false),
              tuple("migrations/3_c.up.sql", 0, true));
    }

    @Test
    void dbmate_refuses_a_link_to_proc() throws IOException {
      write("db/migrations/1_a.sql", "-- migrate:up\ncreate table a (id int);\n");
      link("db/migrations/2_b.sql", Path.of("/proc/self/environ"));

      assertThat(load(new DbmateSource(), repo))
          .extracting(Migration::path, x -> x.refusal().isPresent())
          .containsExactly(
              tuple("db/migrations/1_a.sql", false), tuple("db/migrations/2_b.sql", true));
    }

    @Test
    void plain_directories_refuse_a_link_out() throws IOException {
      write("sql/1_a.sql", "create table a (id int);\n");
      link("sql/2_b.sql", outside.resolve("secret.sql"));

      assertThat(load(new PlainDirectorySource(), repo))
          .extracting(Migration::path, x -> x.refusal().isPresent())
          .containsExactly(tuple("sql/1_a.sql", false), tuple("sql/2_b.sql", true));
    }
  }

  @Nested
  class Liquibase {
    private static final String MASTER = "db/changelog/db.changelog-master.xml";
    private static final String OWN =
        "<changeSet id=\"1\" author=\"a\"><sql>create table a (id int)</sql></changeSet>";

    @Test
    void an_include_climbing_out_with_dotdot_is_refused_and_the_rest_renders() throws IOException {
      write(
          MASTER,
          changelog(
              OWN
                  + "\n<include file=\"../../../outside/secret.xml\" relativeToChangelogFile=\"true\"/>"));

      List<Migration> m = load(new LiquibaseSource(), repo);

      assertThat(m)
          .extracting(Migration::path, x -> x.statements().size(), x -> x.refusal().isPresent())
          .containsExactly(tuple(MASTER, 1, false), tuple("../outside/secret.xml", 0, true));
      assertThat(m.get(1).refusal())
          .contains("../outside/secret.xml is a file outside the repository: not read");
    }

    @Test
    void an_include_that_is_a_link_outside_is_refused() throws IOException {
      write(
          MASTER,
          changelog(OWN + "\n<include file=\"evil.xml\" relativeToChangelogFile=\"true\"/>"));
      link("db/changelog/evil.xml", outside.resolve("secret.xml"));

      assertThat(load(new LiquibaseSource(), repo))
          .extracting(Migration::path, x -> x.refusal().isPresent())
          .containsExactly(tuple(MASTER, false), tuple("db/changelog/evil.xml", true));
    }

    @Test
    void include_all_over_a_directory_with_a_link_out_and_an_sql_file_link_out_are_refused()
        throws IOException {
      write(
          MASTER,
          changelog(
              OWN
                  + "\n<changeSet id=\"2\" author=\"a\"><sqlFile path=\"data.sql\" relativeToChangelogFile=\"true\"/></changeSet>"
                  + "\n<includeAll path=\"parts/\" relativeToChangelogFile=\"true\"/>"));
      link("db/changelog/data.sql", outside.resolve("secret.sql"));
      write(
          "db/changelog/parts/p1.xml",
          changelog(
              "<changeSet id=\"p1\" author=\"a\"><sql>create table p (id int)</sql></changeSet>"));
      link("db/changelog/parts/p2.xml", outside.resolve("secret.xml"));

      List<Migration> m = load(new LiquibaseSource(), repo);

      assertThat(m)
          .filteredOn(x -> x.refusal().isPresent())
          .extracting(Migration::path)
          .containsExactlyInAnyOrder("db/changelog/data.sql", "db/changelog/parts/p2.xml");
      assertThat(m)
          .filteredOn(x -> x.refusal().isEmpty())
          .extracting(x -> x.id().orElseThrow())
          .as("the changesets that are in the repository still render")
          .contains("1::a", "p1::a");
    }

    @Test
    void a_master_changelog_linked_to_proc_is_refused() throws IOException {
      link(MASTER, Path.of("/proc/self/environ"));

      assertThat(load(new LiquibaseSource(), repo))
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x.refusal())
                      .contains(MASTER + " is a symbolic link to a system file (/proc): not read"));
    }

    @Test
    void a_link_inside_the_repository_is_followed() throws IOException {
      write("db/changelog/real.xml", changelog(OWN));
      write(MASTER, changelog("<include file=\"alias.xml\" relativeToChangelogFile=\"true\"/>"));
      link("db/changelog/alias.xml", Path.of("real.xml"));

      assertThat(load(new LiquibaseSource(), repo))
          .extracting(x -> x.id().orElse(""), x -> x.refusal().isPresent())
          .containsExactly(tuple("1::a", false));
    }
  }

  @Test
  void the_refusal_finding_needs_no_statement_and_cannot_be_turned_into_text_of_the_target() {
    Migration refused =
        Migration.refused(
            "db/migration/V3__x.sql",
            dev.schemawarden.analyzers.api.MigrationTool.FLYWAY,
            Migration.Kind.VERSIONED,
            Optional.of("3"),
            "x",
            "db/migration/V3__x.sql is a FIFO (named pipe), not a" + " regular file: not read");

    assertThat(lint(List.of(refused)))
        .extracting(Finding::rule, f -> f.span().line())
        .containsExactly(tuple("WD003", 1));
  }
}
