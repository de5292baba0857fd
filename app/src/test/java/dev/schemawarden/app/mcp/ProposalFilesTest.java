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
  private static final Agents.Agent AGENT = new Agents.Agent("claude", "x", "alice", Optional.empty(), Set.of());
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
    void golang_migrate_gets_the_up_file_with_the_sql_and_the_down_file_with_down_sql() throws IOException {
      write("migrations/000001_init.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
      write("migrations/000001_init.down.sql", "DROP TABLE orders;\n");

      ProposalFiles f = plan("ALTER TABLE orders ADD COLUMN note text;", Optional.of("add_note"),
          Optional.of("ALTER TABLE orders DROP COLUMN note;"));

      assertThat(paths(f)).as("the pair, padded like the history")
          .containsExactly("migrations/000002_add_note.up.sql", "migrations/000002_add_note.down.sql");
      assertThat(f.path()).as("the proposal row names the up file").isEqualTo("migrations/000002_add_note.up.sql");
      assertThat(f.sql()).contains("ALTER TABLE orders ADD COLUMN note text;").doesNotContain("DROP COLUMN");
      assertThat(f.files().get(1).content()).as("the agent's rollback").contains("DROP COLUMN note;");
      assertThat(ProposalApply.companion(f.path())).as("request_apply does not count the down file as another change")
          .isEqualTo(f.files().get(1).path());
    }

    @Test
    void golang_migrate_without_down_sql_gets_a_down_file_saying_no_rollback_was_given() throws IOException {
      write("migrations/000001_init.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");

      ProposalFiles f = plan("ALTER TABLE orders ADD COLUMN note text;", Optional.of("add_note"), Optional.empty());

      assertThat(f.files().get(1).content()).as("a down file that says so, not an empty one")
          .contains("no rollback was given");
    }

    @Test
    void dbmate_takes_statements_over_several_lines_with_down_sql_in_its_down_section() throws IOException {
      write("db/migrations/20240101120000_init.sql", "-- migrate:up\nCREATE TABLE orders (id bigint);\n"
          + "-- migrate:down\nDROP TABLE orders;\n");

      ProposalFiles f = plan("CREATE TABLE notes (\n  id bigint PRIMARY KEY,\n  body text\n);",
          Optional.of("notes"), Optional.of("DROP TABLE notes;"));

      assertThat(paths(f)).containsExactly("db/migrations/20261203020000_notes.sql");
      assertThat(f.sql()).as("the agent's statement as written, then its rollback in the down section")
          .containsSubsequence("-- migrate:up\n", "CREATE TABLE notes (\n  id bigint", "-- migrate:down\n",
              "DROP TABLE notes;");
    }

    @Test
    void a_dbmate_section_marker_inside_the_sql_is_refused_with_one_line() throws IOException {
      write("db/migrations/20240101120000_init.sql", "-- migrate:up\nCREATE TABLE orders (id bigint);\n");

      assertThatThrownBy(() -> plan("INSERT INTO orders VALUES ('a\n-- migrate:down\n');", Optional.of("x"),
          Optional.empty()))
          .isInstanceOf(WardenException.class).as("the down section would hide what runs")
          .hasMessageContaining("-- migrate:").hasMessageContaining("give path")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      String[] planned = {""};
      try {
        planned[0] = plan("SELECT 1;\n-- migrate:down\nSELECT 2;", Optional.of("x"), Optional.empty()).sql();
      } catch (WardenException refused) {
        planned[0] = "-- migrate:down\n";
      }
      assertThat(planned[0].lines().filter(l -> l.startsWith("-- migrate:down")).count())
          .as("a marker in a comment is refused or left out, never a second section: %s", planned[0]).isEqualTo(1);
    }

    @Test
    void without_a_name_the_slug_comes_from_the_first_statement() throws IOException {
      write("db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");

      ProposalFiles f = plan("-- why\nALTER TABLE orders ADD COLUMN note text;\nSELECT 1;", Optional.empty(),
          Optional.empty());

      assertThat(paths(f)).as("the next Flyway version, named after what it does")
          .containsExactly("db/migration/V2__alter_orders_add_note_text.sql");
    }

    @Test
    void a_layout_that_needs_an_existing_file_changed_is_refused_with_one_line() throws IOException {
      write("db/changelog/db.changelog-master.yaml", """
          databaseChangeLog:
            - changeSet:
                id: 1
                author: a
                changes:
                  - sql:
                      sql: CREATE TABLE t (id int)
          """);

      assertThatThrownBy(() -> plan("ALTER TABLE orders ADD COLUMN note text;", Optional.of("n"), Optional.empty()))
          .isInstanceOf(WardenException.class)
          .as("a proposal never changes an existing file, the master changelog included")
          .hasMessageContaining("already exists").hasMessageContaining("give path")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Nested
  class HostileNames {
    @Test
    void traversal_slashes_line_breaks_and_comment_ends_are_reduced_to_a_plain_slug() {
      assertThat(ProposalFiles.slug("../../.github/workflows/x\n*/ DROP TABLE t; --"))
          .as("nothing of a path or a comment survives").isEqualTo("github_workflows_x_drop_table_t");
      assertThat(ProposalFiles.slug("Add Note")).isEqualTo("add_note");
    }

    @Test
    void a_300_character_name_or_one_with_nothing_left_is_refused_with_one_line() {
      assertThatThrownBy(() -> ProposalFiles.slug("a".repeat(300))).isInstanceOf(WardenException.class)
          .hasMessageContaining("300 characters");
      assertThatThrownBy(() -> ProposalFiles.slug("../\n*/")).isInstanceOf(WardenException.class)
          .as("no letter or digit: refused, not a file named '_'").hasMessageContaining("no letter or digit")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void the_planned_file_stays_in_the_migration_directory_whatever_the_name() throws IOException {
      write("db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");

      ProposalFiles f = plan("ALTER TABLE orders ADD COLUMN note text;", Optional.of("../../../etc/passwd"),
          Optional.empty());

      assertThat(paths(f)).containsExactly("db/migration/V2__etc_passwd.sql");
      assertThat(repo.resolve(f.path()).normalize().startsWith(repo.resolve("db/migration"))).as("inside").isTrue();
    }
  }

  @Test
  void the_default_slug_of_sql_with_no_words_is_a_plain_fallback() {
    assertThat(ProposalFiles.defaultSlug(Engines.forName("postgres").parser(), ";"))
        .isEqualTo("agent_migration");
  }
}
