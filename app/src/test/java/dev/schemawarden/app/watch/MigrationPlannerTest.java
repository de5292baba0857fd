package dev.schemawarden.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationPlannerTest {
  static final SqlParser PARSER = Engines.forName("postgres").parser();
  static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");

  @TempDir Path repo;

  /** The shape diagnose writes for DG101 (drift's Fixes): lock_timeout, then the concurrent drop. */
  static Problem unusedIndex(String schema, String index) {
    String name = Identifiers.quote(schema) + "." + Identifiers.quote(index);
    return new Problem(
        "DG101",
        Severity.WARNING,
        schema + "." + index,
        "unused",
        List.of(),
        Optional.of(
            new ProposedFix(
                "drop it",
                ProposedFix.Kind.MIGRATION,
                "SET lock_timeout = '3s';\nDROP INDEX CONCURRENTLY IF EXISTS " + name + ";\n",
                Optional.of(
                    "SET lock_timeout = '3s';\nCREATE INDEX CONCURRENTLY "
                        + Identifiers.quote(index)
                        + " ON "
                        + Identifiers.quote(schema)
                        + ".orders USING btree (note);\n"),
                true,
                Optional.empty())));
  }

  void write(String path, String text) throws IOException {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  PlannedMigration plan(Problem p, Set<String> taken) {
    return MigrationPlanner.plan(repo, MigrationSettings.defaults(), PARSER, p, NOW, taken)
        .orElseThrow();
  }

  List<String> paths(PlannedMigration m) {
    return m.files().stream().map(PlannedMigration.File::path).toList();
  }

  void writeAll(PlannedMigration m) throws IOException {
    for (PlannedMigration.File f : m.files()) {
      write(f.path(), f.content());
    }
  }

  @Nested
  class Flyway {
    @Test
    void the_fix_is_the_next_version_with_a_non_transactional_script_config() throws IOException {
      write(
          "db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n");
      write("db/migration/V2.1__note.sql", "CREATE INDEX orders_note_idx ON orders (note);\n");
      PlannedMigration m = plan(unusedIndex("public", "orders_note_idx"), Set.of());
      assertThat(paths(m))
          .as("next major version after 2.1, in the history's directory, .conf beside it")
          .containsExactly(
              "db/migration/V3__warden_dg101_public_orders_note_idx.sql",
              "db/migration/V3__warden_dg101_public_orders_note_idx.sql.conf");
      assertThat(m.files().get(0).content())
          .as("lock_timeout first, then the concurrent drop")
          .contains(
              "SET lock_timeout = '3s';\nDROP INDEX CONCURRENTLY IF EXISTS \"public\".\"orders_note_idx\";\n");
      writeAll(m);
      Migration read = last(MigrationSettings.defaults());
      assertThat(read.runInTransaction()).as("Flyway runs it outside a transaction").isFalse();
      assertThat(read.id()).contains("3");
    }

    @Test
    void a_version_an_open_proposal_took_is_never_reused() throws IOException {
      write("db/migration/V7__init.sql", "CREATE TABLE t (id int);\n");
      PlannedMigration m = plan(unusedIndex("public", "i"), Set.of("8"));
      assertThat(m.versions()).as("8 is waiting in another pull request").containsExactly("9");
    }
  }

  @Nested
  class GolangMigrate {
    @Test
    void the_fix_is_an_up_down_pair_with_the_padded_next_version_and_concurrently_alone()
        throws IOException {
      write(
          "migrations/000001_init.up.sql",
          "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n");
      write("migrations/000001_init.down.sql", "DROP TABLE orders;\n");
      PlannedMigration m = plan(unusedIndex("public", "orders_note_idx"), Set.of());
      assertThat(paths(m))
          .as("golang-migrate names: zero-padded like the history")
          .containsExactly(
              "migrations/000002_warden_dg101_public_orders_note_idx.up.sql",
              "migrations/000002_warden_dg101_public_orders_note_idx.down.sql");
      writeAll(m);
      assertThat(last(MigrationSettings.defaults()).statements())
          .extracting(SqlStatement::sql)
          .as("the file is one query: CONCURRENTLY must be alone in it")
          .containsExactly("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"orders_note_idx\"");
      assertThat(m.files().get(1).content())
          .as("the rollback rebuilds the index")
          .contains("CREATE INDEX CONCURRENTLY");
    }

    @Test
    void a_timestamped_history_gets_a_timestamp() throws IOException {
      write("db/migrations/20240101120000_init.up.sql", "CREATE TABLE t (id int);\n");
      assertThat(plan(unusedIndex("public", "i"), Set.of()).versions())
          .containsExactly("20261203020000");
    }
  }

  @Test
  void dbmate_gets_a_timestamped_file_with_non_transactional_sections() throws IOException {
    write(
        "db/migrations/20240101120000_init.sql",
        "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\n");
    PlannedMigration m = plan(unusedIndex("public", "i"), Set.of());
    assertThat(paths(m)).containsExactly("db/migrations/20261203020000_warden_dg101_public_i.sql");
    assertThat(m.files().get(0).content())
        .contains("-- migrate:up transaction:false\nDROP INDEX CONCURRENTLY")
        .contains("-- migrate:down transaction:false\nCREATE INDEX CONCURRENTLY");
  }

  @Test
  void liquibase_gets_its_own_changelog_included_at_the_end_of_the_master() throws IOException {
    write(
        "db/changelog/db.changelog-master.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: 1
              author: a
              changes:
                - sql:
                    sql: CREATE TABLE t (id int)
        """);
    PlannedMigration m = plan(unusedIndex("public", "i"), Set.of());
    assertThat(paths(m))
        .containsExactly(
            "db/changelog/warden/20261203020000_warden_dg101_public_i.sql",
            "db/changelog/db.changelog-master.yaml");
    assertThat(m.files().get(1).content())
        .as("included after the last changeset, at the list's indentation")
        .endsWith(
            "CREATE TABLE t (id int)\n  - include:\n      file: warden/20261203020000_warden_dg101_public_i.sql\n"
                + "      relativeToChangelogFile: true\n");
    writeAll(m);
    Migration read = last(MigrationSettings.defaults());
    assertThat(read.runInTransaction()).as("runInTransaction:false on the changeset").isFalse();
    assertThat(read.statements())
        .extracting(SqlStatement::sql)
        .anyMatch(s -> s.contains("DROP INDEX CONCURRENTLY"));
  }

  @Nested
  class Hostile {
    static final String NAME = "x\"; DROP TABLE orders; --\n*/ evil";

    @Test
    void
        a_name_with_quotes_newlines_and_comment_ends_stays_one_quoted_identifier_and_out_of_the_path()
            throws IOException {
      write(
          "db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n");
      PlannedMigration m = plan(unusedIndex("public", NAME), Set.of());
      assertThat(paths(m).get(0))
          .as("only [a-z0-9_] from the name reaches the path")
          .matches("db/migration/V2__[a-z0-9_]+\\.sql");
      assertThat(m.files().get(0).content().lines().filter(l -> l.startsWith("--")).toList())
          .as("no comment carries the name")
          .allMatch(l -> !l.contains("evil"));
      writeAll(m);
      List<SqlStatement> statements = last(MigrationSettings.defaults()).statements();
      assertThat(statements)
          .extracting(SqlStatement::sql)
          .as("still two statements: the name did not escape")
          .containsExactly(
              "SET lock_timeout = '3s'",
              "DROP INDEX CONCURRENTLY IF EXISTS \"public\"." + Identifiers.quote(NAME));
    }

    @Test
    void a_line_based_format_refuses_a_name_with_a_line_break_rather_than_split_it()
        throws IOException {
      write("db/migrations/20240101120000_init.sql", "-- migrate:up\nCREATE TABLE t (id int);\n");
      assertThatThrownBy(
              () -> plan(unusedIndex("public", "a\n-- migrate:down\nDROP TABLE t"), Set.of()))
          .as("a line break in a name could start dbmate's down section")
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("write this migration by hand");
    }
  }

  Migration last(MigrationSettings settings) {
    List<Migration> all = MigrationSources.detect(repo, settings).load(repo, settings, PARSER);
    return all.get(all.size() - 1);
  }
}
