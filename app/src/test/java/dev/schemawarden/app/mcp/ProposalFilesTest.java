package dev.schemawarden.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.ConfigLoader;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.watch.PlannedMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * propose_migration without a path: the files planned in the repository's own naming, on real repositories on
 * disk. The end-to-end case (review, pull request) is in {@link McpStdioTest}.
 */
class ProposalFilesTest {
  private static final Agents.Agent AGENT =
      new Agents.Agent("claude", "x", "alice", Optional.empty(), Set.of());
  private static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");

  @TempDir Path repo;

  private void write(String path, String text) throws IOException {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private WardenConfig config() {
    return new ConfigLoader(Set.of(), Map.of()).loadFromRepo(repo);
  }

  private ProposalFiles plan(String sql, Optional<String> name, Optional<String> down) {
    return ProposalFiles.planned(repo, config(), sql, name, down, AGENT, NOW);
  }

  private static List<String> paths(ProposalFiles f) {
    return f.files().stream().map(PlannedMigration.File::path).toList();
  }

  @Nested
  class Naming {
    @Test
    void golang_migrate_gets_the_up_file_with_the_sql_and_the_down_file_with_down_sql()
        throws IOException {
      write("migrations/000001_init.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
      write("migrations/000001_init.down.sql", "DROP TABLE orders;\n");

      ProposalFiles f =
          plan(
              "ALTER TABLE orders ADD COLUMN note text;",
              Optional.of("add_note"),
              Optional.of("ALTER TABLE orders DROP COLUMN note;"));

      assertThat(paths(f))
          .as("the pair, padded like the history")
          .containsExactly(
              "migrations/000002_add_note.up.sql", "migrations/000002_add_note.down.sql");
      assertThat(f.path())
          .as("the proposal row names the up file")
          .isEqualTo("migrations/000002_add_note.up.sql");
      assertThat(f.sql())
          .contains("ALTER TABLE orders ADD COLUMN note text;")
          .doesNotContain("DROP COLUMN");
      assertThat(f.files().get(1).content())
          .as("the agent's rollback")
          .contains("DROP COLUMN note;");
      assertThat(f.companions())
          .as("the down file is stored with the proposal, a new file")
          .containsExactly(
              new Proposals.Companion(
                  "migrations/000002_add_note.down.sql", f.files().get(1).content(), false));
    }

    @Test
    void golang_migrate_without_down_sql_gets_a_down_file_saying_no_rollback_was_given()
        throws IOException {
      write("migrations/000001_init.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");

      ProposalFiles f =
          plan(
              "ALTER TABLE orders ADD COLUMN note text;",
              Optional.of("add_note"),
              Optional.empty());

      assertThat(f.files().get(1).content())
          .as("a down file that says so, not an empty one")
          .contains("no rollback was given");
    }

    @Test
    void dbmate_takes_statements_over_several_lines_with_down_sql_in_its_down_section()
        throws IOException {
      write(
          "db/migrations/20240101120000_init.sql",
          "-- migrate:up\nCREATE TABLE orders (id bigint);\n"
              + "-- migrate:down\nDROP TABLE orders;\n");

      ProposalFiles f =
          plan(
              "CREATE TABLE notes (\n  id bigint PRIMARY KEY,\n  body text\n);",
              Optional.of("notes"),
              Optional.of("DROP TABLE notes;"));

      assertThat(paths(f)).containsExactly("db/migrations/20261203020000_notes.sql");
      assertThat(f.sql())
          .as("the agent's statement as written, then its rollback in the down section")
          .containsSubsequence(
              "-- migrate:up\n",
              "CREATE TABLE notes (\n  id bigint",
              "-- migrate:down\n",
              "DROP TABLE notes;");
    }

    @Test
    void a_dbmate_section_marker_inside_the_sql_is_refused_with_one_line() throws IOException {
      write(
          "db/migrations/20240101120000_init.sql",
          "-- migrate:up\nCREATE TABLE orders (id bigint);\n");

      assertThatThrownBy(
              () ->
                  plan(
                      "INSERT INTO orders VALUES ('a\n-- migrate:down\n');",
                      Optional.of("x"),
                      Optional.empty()))
          .isInstanceOf(WardenException.class)
          .as("the down section would hide what runs")
          .hasMessageContaining("-- migrate:")
          .hasMessageContaining("give path")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      String[] planned = {""};
      try {
        planned[0] =
            plan("SELECT 1;\n-- migrate:down\nSELECT 2;", Optional.of("x"), Optional.empty()).sql();
      } catch (WardenException refused) {
        planned[0] = "-- migrate:down\n";
      }
      assertThat(planned[0].lines().filter(l -> l.startsWith("-- migrate:down")).count())
          .as(
              "a marker in a comment is refused or left out, never a second section: %s",
              planned[0])
          .isEqualTo(1);
    }

    @Test
    void without_a_name_the_slug_comes_from_the_first_statement() throws IOException {
      write("db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");

      ProposalFiles f =
          plan(
              "-- why\nALTER TABLE orders ADD COLUMN note text;\nSELECT 1;",
              Optional.empty(),
              Optional.empty());

      assertThat(paths(f))
          .as("the next Flyway version, named after what it does")
          .containsExactly("db/migration/V2__alter_orders_add_note_text.sql");
    }

    @Test
    void flyway_keeps_the_agent_s_comments_and_gives_set_with_concurrently_its_sql_conf()
        throws IOException {
      write(
          "db/migration/V1__init.sql",
          "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n");
      String sql =
          "-- the report page sorts by total\nSET lock_timeout = '2s';\n"
              + "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total); -- online\n";

      ProposalFiles f = plan(sql, Optional.of("orders_total_idx"), Optional.empty());

      assertThat(paths(f))
          .as("Flyway runs SET with CONCURRENTLY only outside a transaction")
          .containsExactly(
              "db/migration/V2__orders_total_idx.sql",
              "db/migration/V2__orders_total_idx.sql.conf");
      assertThat(f.files().get(1).content()).isEqualTo("executeInTransaction=false\n");
      assertThat(f.sql())
          .as("the agent's text as written, after the gateway's header")
          .endsWith(sql)
          .startsWith("-- Proposed by agent claude");
      assertThat(
              plan("ALTER TABLE orders ADD COLUMN note text;", Optional.of("n2"), Optional.empty())
                  .files())
          .as("a statement that runs in a transaction gets no .conf")
          .hasSize(1);
    }

    @Test
    void golang_migrate_puts_each_concurrently_statement_in_its_own_pair_without_the_set()
        throws IOException {
      write(
          "migrations/000001_init.up.sql",
          "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n");

      ProposalFiles f =
          plan(
              "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY a_idx ON orders (total);\n"
                  + "CREATE INDEX CONCURRENTLY b_idx ON orders (id, total);",
              Optional.of("idx"),
              Optional.empty());

      assertThat(paths(f))
          .as("a file is one query: one CONCURRENTLY statement each")
          .containsExactly(
              "migrations/000002_idx_1.up.sql", "migrations/000002_idx_1.down.sql",
              "migrations/000003_idx_2.up.sql", "migrations/000003_idx_2.down.sql");
      assertThat(f.sql())
          .contains("a_idx")
          .doesNotContain("SET lock_timeout")
          .doesNotContain("b_idx");
    }
  }

  @Nested
  class Liquibase {
    private static final String YAML =
        """
        databaseChangeLog:
          - changeSet:
              id: 1
              author: a
              changes:
                - sql:
                    sql: CREATE TABLE orders (id int)
        """;
    private static final String XML =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.1.xsd">
            <include file="changes/001_init.sql" relativeToChangelogFile="true"/>
        </databaseChangeLog>
        """;

    @Test
    void a_yaml_master_gets_a_new_formatted_sql_changelog_and_exactly_one_include_appended()
        throws IOException {
      write("db/changelog/db.changelog-master.yaml", YAML);

      ProposalFiles f =
          plan("ALTER TABLE orders ADD COLUMN note text;", Optional.of("note"), Optional.empty());

      String changelog = "db/changelog/warden/20261203020000_note.sql";
      assertThat(paths(f))
          .as("the new changelog first, then the master")
          .containsExactly(changelog, "db/changelog/db.changelog-master.yaml");
      assertThat(f.tool()).isEqualTo("liquibase");
      assertThat(f.sql())
          .startsWith("-- liquibase formatted sql\n")
          .contains("-- changeset schema-warden:20261203020000_note\n")
          .contains("ALTER TABLE orders ADD COLUMN note text;");
      assertThat(f.changed())
          .as("the master is the one existing file it changes")
          .containsExactly("db/changelog/db.changelog-master.yaml");
      assertThat(f.files().get(1).content())
          .as("the old text, then the include")
          .startsWith(YAML)
          .endsWith(
              "- include:\n      file: warden/20261203020000_note.sql\n      relativeToChangelogFile: true\n");
      assertThat(f.companions())
          .extracting(Proposals.Companion::changesExisting)
          .containsExactly(true);
    }

    @Test
    void an_xml_master_gets_the_include_before_its_closing_tag() throws IOException {
      write("src/main/resources/db/changelog/db.changelog-master.xml", XML);
      write(
          "src/main/resources/db/changelog/changes/001_init.sql",
          "-- liquibase formatted sql\n-- changeset a:1\nCREATE TABLE orders (id int);\n");

      ProposalFiles f =
          plan("ALTER TABLE orders ADD COLUMN note text;", Optional.of("note"), Optional.empty());

      assertThat(f.files().get(1).content())
          .as("the include is the last element, nothing else changed")
          .isEqualTo(
              XML.replace(
                  "</databaseChangeLog>",
                  "    <include file=\"warden/20261203020000_note.sql\""
                      + " relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>"));
    }

    @Test
    void a_master_text_that_changes_anything_but_one_include_is_refused() {
      String master = "db/changelog/db.changelog-master.xml";
      String one = "    <include file=\"warden/1_x.sql\" relativeToChangelogFile=\"true\"/>\n";
      String good = XML.replace("</databaseChangeLog>", one + "</databaseChangeLog>");
      assertThat(LiquibaseMaster.appendsOnlyInclude(master, XML, good, "warden/1_x.sql")).isTrue();
      assertThat(
              LiquibaseMaster.appendsOnlyInclude(
                  master, XML, good.replace("001_init", "002_x"), "warden/1_x.sql"))
          .as("an earlier include changed")
          .isFalse();
      assertThat(
              LiquibaseMaster.appendsOnlyInclude(
                  master,
                  XML,
                  XML.replace("</databaseChangeLog>", one + one + "</databaseChangeLog>"),
                  "warden/1_x.sql"))
          .as("two includes")
          .isFalse();
      assertThat(
              LiquibaseMaster.appendsOnlyInclude(
                  master,
                  XML,
                  XML.replace(
                      "</databaseChangeLog>",
                      one.replace("1_x", "../../x") + "</databaseChangeLog>"),
                  "warden/1_x.sql"))
          .as("another file")
          .isFalse();
      assertThat(LiquibaseMaster.appendsOnlyInclude(master, XML, XML + one, "warden/1_x.sql"))
          .as("after the closing tag")
          .isFalse();
    }

    @Test
    void a_changeset_or_rollback_line_inside_a_statement_is_refused_with_one_line()
        throws IOException {
      write("db/changelog/db.changelog-master.yaml", YAML);

      for (String sql :
          List.of(
              "INSERT INTO orders VALUES ('a\n-- changeset x:y\nDROP TABLE orders;\n');",
              "ALTER TABLE orders\n-- rollback DROP TABLE orders;\n  ADD COLUMN note text;",
              "SELECT 1;\nCREATE TABLE notes (\n  id int\n);")) {
        assertThatThrownBy(() -> plan(sql, Optional.of("n"), Optional.empty()))
            .as(sql)
            .isInstanceOf(WardenException.class)
            .hasMessageContaining("line by line")
            .hasMessageContaining("put each statement on one line")
            .hasMessageContaining("give path")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      }
      assertThatThrownBy(
              () ->
                  plan(
                      "SELECT 1;",
                      Optional.of("n"),
                      Optional.of("DROP TABLE\n-- changeset x:y\nt;")))
          .as("in down_sql too")
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("line by line");
      assertThat(Files.readString(repo.resolve("db/changelog/db.changelog-master.yaml")))
          .as("untouched")
          .isEqualTo(YAML);
    }

    @Test
    void a_changeset_or_rollback_comment_between_statements_never_becomes_a_marker()
        throws IOException {
      write("db/changelog/db.changelog-master.yaml", YAML);

      String changelog =
          plan(
                  "SELECT 1;\n-- changeset x:y\nALTER TABLE orders ADD COLUMN note text;\n"
                      + "-- rollback DROP TABLE orders;\n",
                  Optional.of("n"),
                  Optional.empty())
              .sql();

      assertThat(changelog.lines().filter(l -> l.matches("\\s*--\\s*(changeset|rollback).*")))
          .as("the gateway's one changeset line, no rollback: %s", changelog)
          .containsExactly("-- changeset schema-warden:20261203020000_n");
      assertThat(changelog).contains("ALTER TABLE orders ADD COLUMN note text;");
    }

    @Test
    void a_master_that_is_a_symlink_out_of_the_repository_is_refused_with_one_line(
        @TempDir Path outside) throws IOException {
      Path target =
          Files.writeString(
              outside.resolve("master.yaml"), YAML.replace("orders", "secret_outside"));
      Files.createDirectories(repo.resolve("db/changelog"));
      Files.createSymbolicLink(repo.resolve("db/changelog/db.changelog-master.yaml"), target);

      assertThatThrownBy(
              () ->
                  plan(
                      "ALTER TABLE orders ADD COLUMN note text;",
                      Optional.of("n"),
                      Optional.empty()))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("db/changelog/db.changelog-master.yaml")
          .satisfies(
              e ->
                  assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("secret_outside"));
      assertThat(Files.readString(target))
          .as("the target is never written")
          .contains("secret_outside");
    }

    @Test
    void a_master_that_is_a_link_inside_the_repository_is_refused_too() throws IOException {
      write("db/real/master.yaml", YAML);
      Files.createDirectories(repo.resolve("db/changelog"));
      Files.createSymbolicLink(
          repo.resolve("db/changelog/db.changelog-master.yaml"),
          repo.resolve("db/real/master.yaml"));

      assertThatThrownBy(
              () ->
                  plan(
                      "ALTER TABLE orders ADD COLUMN note text;",
                      Optional.of("n"),
                      Optional.empty()))
          .isInstanceOf(WardenException.class)
          .as("only a file reached through real directories is changed")
          .hasMessageContaining("real directories")
          .hasMessageContaining("give path");
    }

    @Test
    void a_master_the_config_places_outside_the_repository_is_refused(@TempDir Path outside)
        throws IOException {
      Files.writeString(repo.getParent().resolve("outside.xml"), XML);
      write(".schemawarden.yml", "migrations:\n  tool: liquibase\n  changelog: ../outside.xml\n");

      assertThatThrownBy(
              () ->
                  plan(
                      "ALTER TABLE orders ADD COLUMN note text;",
                      Optional.of("n"),
                      Optional.empty()))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("outside.xml")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      assertThat(Files.readString(repo.getParent().resolve("outside.xml"))).isEqualTo(XML);
    }
  }

  @Nested
  class HostileNames {
    @Test
    void traversal_slashes_line_breaks_and_comment_ends_are_reduced_to_a_plain_slug() {
      assertThat(ProposalFiles.slug("../../.github/workflows/x\n*/ DROP TABLE t; --"))
          .as("nothing of a path or a comment survives")
          .isEqualTo("github_workflows_x_drop_table_t");
      assertThat(ProposalFiles.slug("Add Note")).isEqualTo("add_note");
    }

    @Test
    void a_300_character_name_or_one_with_nothing_left_is_refused_with_one_line() {
      assertThatThrownBy(() -> ProposalFiles.slug("a".repeat(300)))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("300 characters");
      assertThatThrownBy(() -> ProposalFiles.slug("../\n*/"))
          .isInstanceOf(WardenException.class)
          .as("no letter or digit: refused, not a file named '_'")
          .hasMessageContaining("no letter or digit")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void the_planned_file_stays_in_the_migration_directory_whatever_the_name() throws IOException {
      write("db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");

      ProposalFiles f =
          plan(
              "ALTER TABLE orders ADD COLUMN note text;",
              Optional.of("../../../etc/passwd"),
              Optional.empty());

      assertThat(paths(f)).containsExactly("db/migration/V2__etc_passwd.sql");
      assertThat(repo.resolve(f.path()).normalize().startsWith(repo.resolve("db/migration")))
          .as("inside")
          .isTrue();
    }
  }

  @Test
  void the_default_slug_of_sql_with_no_words_is_a_plain_fallback() {
    assertThat(ProposalFiles.defaultSlug(Engines.forName("postgres").parser(), ";"))
        .isEqualTo("agent_migration");
  }
}
