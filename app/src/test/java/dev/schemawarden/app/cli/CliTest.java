package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.FakeComponents;
import dev.schemawarden.app.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end, in-process, on real git repositories; the parser, source and linter are small
 * stand-ins ({@link FakeComponents}) so this tests the CLI, config and git plumbing on their own.
 */
class CliTest {
  @TempDir Path tmp;

  private static Cli.Run warden(String... args) {
    return Cli.run(FakeComponents::context, args);
  }

  private GitFixture shop() {
    return new GitFixture(tmp.resolve("shop"))
        .write(
            "db/migration/V1__customers.sql", "create table customers (id bigint primary key);\n")
        .write(
            "db/migration/V2__orders.sql", "create table orders (id bigint, customer_id bigint);\n")
        .commit("base")
        .branch("feature");
  }

  @Nested
  class review {
    @Test
    void an_added_migration_with_a_blocking_finding_exits_1_and_names_file_and_line() {
      GitFixture g =
          shop()
              .write(
                  "db/migration/V3__idx.sql",
                  "-- index\nset lock_timeout = '3s';\n\ncreate index orders_c on orders (customer_id);\n")
              .commit("add index");

      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out())
          .contains("db/migration/V3__idx.sql:4:1: error LK101")
          .as("the safe rewrite is shown")
          .contains("create INDEX CONCURRENTLY orders_c on orders (customer_id)")
          .contains("BLOCKED: 1 migration, 2 statements, 1 error");
      assertThat(run.err()).as("nothing but the report on stdout; stderr quiet").isEmpty();
    }

    @Test
    void a_safe_added_migration_exits_0() {
      GitFixture g =
          shop()
              .write(
                  "db/migration/V3__idx.sql",
                  "create index concurrently orders_c on orders (customer_id);\n")
              .commit("add index");

      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("PASSES: 1 migration, 1 statement, 0 error");
    }

    @Test
    void modifying_a_migration_on_the_base_branch_is_MG001() {
      GitFixture g =
          shop()
              .write("db/migration/V2__orders.sql", "create table orders (id bigint, note text);\n")
              .commit("edit V2");

      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out())
          .contains(
              "db/migration/V2__orders.sql:1:1: error MG001 (modified-applied-migration) V2__orders.sql already exists "
                  + "on the base branch: Flyway would refuse it (checksum mismatch)");
    }

    @Test
    void MG001_can_be_turned_off_in_config_and_fail_on_comes_from_config() {
      GitFixture g =
          shop()
              .write(
                  ".schemawarden.yml",
                  "engine-version: 16\nrules:\n  MG001: off\n  LK101: warning\n")
              .write("db/migration/V2__orders.sql", "create table orders (id bigint, note text);\n")
              .write("db/migration/V3__idx.sql", "create index i on orders (id);\n")
              .commit("edit V2");

      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).doesNotContain("MG001").contains("warning LK101");

      Cli.Run strict =
          warden("review", "--repo", g.dir().toString(), "--base", "main", "--fail-on", "warning");
      assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
    }

    @Test
    void head_can_name_a_branch_that_is_not_checked_out() {
      GitFixture g =
          shop()
              .write("db/migration/V3__idx.sql", "create index i on orders (id);\n")
              .commit("idx");
      g.checkout("main");

      Cli.Run run =
          warden("review", "--repo", g.dir().toString(), "--base", "main", "--head", "feature");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).contains("db/migration/V3__idx.sql:1:1: error LK101");
    }

    @Test
    void base_dir_compares_two_checkouts_on_disk() throws Exception {
      Path base = tmp.resolve("base/db/migration");
      Path head = tmp.resolve("head/db/migration");
      Files.createDirectories(base);
      Files.createDirectories(head);
      Files.writeString(base.resolve("V1__a.sql"), "create table a (id int);\n");
      Files.writeString(head.resolve("V1__a.sql"), "create table a (id int);\n");
      Files.writeString(head.resolve("V2__b.sql"), "create index i on a (id);\n");

      Cli.Run run =
          warden(
              "review",
              "--repo",
              tmp.resolve("head").toString(),
              "--base-dir",
              tmp.resolve("base").toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out())
          .contains("db/migration/V2__b.sql:1:1: error LK101")
          .doesNotContain("V1__a");
    }

    @Test
    void a_change_without_migrations_passes() {
      GitFixture g = shop().write("README.md", "docs\n").commit("docs");
      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("PASSES: 0 migrations");
    }

    @Test
    void a_bad_config_key_exits_2_naming_the_key_and_line() {
      GitFixture g =
          shop()
              .write(".schemawarden.yml", "engine: postgres\nfail_on: warning\n")
              .write("db/migration/V3__x.sql", "select 1;\n")
              .commit("cfg");

      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .contains(".schemawarden.yml:2: fail_on: unknown key 'fail_on': did you mean 'fail-on'?");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void an_unknown_rule_id_in_config_exits_2() {
      GitFixture g = shop().write(".schemawarden.yml", "rules:\n  XX999: off\n").commit("cfg");
      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .contains(".schemawarden.yml:2: rules.XX999: unknown rule id 'XX999'")
          .contains("warden rules");
    }

    @Test
    void an_unknown_ref_exits_2_with_the_fix() {
      GitFixture g = shop();
      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "develop");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .contains("--base develop: unknown revision")
          .contains("git fetch origin develop");
    }

    @Test
    void base_and_base_dir_together_is_a_usage_error() {
      Cli.Run run = warden("review", "--repo", ".", "--base", "main", "--base-dir", ".");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("mutually exclusive").contains("warden review --help");
    }

    @Test
    void a_missing_base_is_a_usage_error() {
      Cli.Run run = warden("review", "--repo", ".");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("--base=REF | --base-dir=DIR");
    }

    @Test
    void output_writes_the_report_to_a_file_and_stdout_stays_empty() throws Exception {
      GitFixture g =
          shop()
              .write("db/migration/V3__idx.sql", "create index i on orders (id);\n")
              .commit("idx");
      Path report = Files.createDirectories(tmp.resolve("out")).resolve("report.txt");

      Cli.Run run =
          warden(
              "review",
              "--repo",
              g.dir().toString(),
              "--base",
              "main",
              "--output",
              report.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(report).content().contains("LK101");
      assertThat(run.err()).contains("wrote text report to " + report);
    }

    @Test
    void an_unknown_format_fails_before_any_work() {
      Cli.Run run =
          warden("review", "--repo", "/nonexistent", "--base", "main", "--format", "html");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .contains(
              "unknown --format 'html': use one of markdown, json, sarif, codequality, github, text");
    }
  }

  @Nested
  class lint {
    @Test
    void lints_files_of_any_tool_as_plain_sql() throws Exception {
      Path f = tmp.resolve("20240101_add_index.up.sql");
      Files.writeString(f, "select 1;\ncreate index i on t (c);\n");
      Path ok = tmp.resolve("ok.sql");
      Files.writeString(ok, "create index concurrently i on t (c);\n");

      Cli.Run bad = warden("lint", f.toString(), ok.toString());
      assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
      assertThat(bad.out())
          .contains(f + ":2:1: error LK101")
          .contains("2 migrations, 3 statements");

      Cli.Run good = warden("lint", ok.toString());
      assertThat(good.exitCode()).as(good.toString()).isZero();
    }

    @Test
    void a_missing_file_exits_2_naming_it() {
      Cli.Run run = warden("lint", tmp.resolve("nope.sql").toString());
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("nope.sql: no such file");
    }

    @Test
    void fail_on_and_engine_version_are_validated() throws Exception {
      Path f = tmp.resolve("a.sql");
      Files.writeString(f, "select 1;\n");
      assertThat(warden("lint", f.toString(), "--fail-on", "fatal").err())
          .contains("unknown severity 'fatal'");
      assertThat(warden("lint", f.toString(), "--engine-version", "x").exitCode()).isEqualTo(2);
      assertThat(warden("lint", f.toString(), "--engine-version", "15").exitCode()).isZero();
    }

    @Test
    void no_files_is_a_usage_error() {
      Cli.Run run = warden("lint");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("Missing required parameter: 'FILE'");
    }
  }

  @Test
  void rules_lists_the_catalog_with_the_pipeline_rules() {
    Cli.Run text = warden("rules");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .contains("LK101  error    require-concurrent-index-creation")
        .contains("MG001  error    modified-applied-migration");

    Cli.Run json = warden("rules", "--format", "json");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out())
        .contains("\"id\" : \"MG001\"")
        .contains("\"doc\" : \"docs/rules/LK101.md\"");
  }

  @Test
  void version_and_help() {
    assertThat(warden("version").out()).startsWith("warden ");
    assertThat(warden("--version").exitCode()).isZero();
    Cli.Run help = warden("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("review")
        .contains("lint")
        .contains("rules")
        .contains("Exit codes");
    Cli.Run none = warden();
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("name a command");
    assertThat(warden("frobnicate").exitCode()).isEqualTo(2);
  }
}
