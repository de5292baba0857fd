package dev.schemawarden.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.Suggestions;
import dev.schemawarden.analyzers.api.Suggestions.Reach;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private final ConfigLoader loader =
      new ConfigLoader(
          Set.of("LK101", "MG001"), Map.of("require-concurrent-index-creation", "LK101"));

  private WardenException error(String yaml) {
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> loader.parse(yaml, ".schemawarden.yml"));
    assertThat(t).isInstanceOf(WardenException.class);
    WardenException w = (WardenException) t;
    assertThat(w.code()).isEqualTo(ErrorCode.CONFIG);
    return w;
  }

  @Test
  void every_problem_of_the_file_is_one_line_in_line_order_and_nothing_stops_at_the_first() {
    WardenException e =
        error(
            """
        fail-on: off
        enigne: postgres
        rules:
          LK101: loud
          LK999: error
        replica:
          provider: cloud
        """);

    assertThat(e.getMessage().lines())
        .containsExactly(
            "5 problems in .schemawarden.yml:",
            ".schemawarden.yml:1: fail-on: 'off' would never block: use error, warning or info",
            ".schemawarden.yml:2: enigne: unknown key 'enigne': did you mean 'engine'?",
            ".schemawarden.yml:4: rules.LK101: '"
                + "loud' is not a severity: use off, info, warning or error",
            ".schemawarden.yml:5: rules.LK999: unknown rule id 'LK999': list the rule ids with `warden rules`",
            ".schemawarden.yml:7: replica.provider: unknown provider 'cloud': use embedded"
                + " (default), testcontainers, server or off");
  }

  @Test
  void reads_every_documented_key() {
    WardenConfig c =
        loader.parse(
            """
        engine: postgres
        engine-version: 16
        migrations:
          tool: flyway
          locations: [db/migration, db/more]
          placeholders:
            schema: app
          changelog: db/changelog.xml
          contexts: [prod]
          labels: "!skip"
          search-paths: [fineract-loan/src/main/resources]
        fail-on: warning
        rules:
          LK101: warning
          MG001: off
        snapshot:
          env: WARDEN_SNAPSHOT_URL
        policy: .warden/policy.yml
        context: .warden/context.yml
        """,
            ".schemawarden.yml");

    assertThat(c.engine()).isEqualTo("postgres");
    assertThat(c.engineVersion()).isEqualTo(new ServerVersion(16, 0));
    assertThat(c.migrations().tool()).contains(MigrationTool.FLYWAY);
    assertThat(c.migrations().locations()).containsExactly("db/migration", "db/more");
    assertThat(c.migrations().placeholders()).containsEntry("schema", "app");
    assertThat(c.migrations().changelog()).contains("db/changelog.xml");
    assertThat(c.migrations().searchPaths()).containsExactly("fineract-loan/src/main/resources");
    assertThat(c.migrations().contexts()).containsExactly("prod");
    assertThat(c.migrations().labels()).contains("!skip");
    assertThat(c.failOn()).contains(Severity.WARNING);
    assertThat(c.rules())
        .containsEntry("LK101", Severity.WARNING)
        .containsEntry("MG001", Severity.OFF);
    assertThat(c.snapshot())
        .contains(
            new WardenConfig.SnapshotConfig(
                Optional.empty(), Optional.empty(), Optional.of("WARDEN_SNAPSHOT_URL")));
    assertThat(c.policy()).contains(".warden/policy.yml");
    assertThat(c.context()).contains(".warden/context.yml");
  }

  @Test
  void an_inline_policy_is_held_by_the_config_file_itself_and_relative_paths_follow_the_file(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path file = dir.resolve("ci/warden.yml");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(
        file,
        """
        policy:
          rules:
            - id: r
              action: {warn: x}
        context: ctx.yml
        """);

    WardenConfig c = loader.load(file, "ci/warden.yml");

    assertThat(c.policy())
        .as("PolicyLoader reads the policy: section of the file it is given")
        .contains("warden.yml");
    assertThat(c.context()).contains("ctx.yml");
    assertThat(c.directory()).isEqualTo(file.getParent().toAbsolutePath());
  }

  @Test
  void a_policy_path_must_stay_inside_the_repository() {
    assertThatThrownBy(() -> loader.parse("policy: ../shared/policy.yml\n", ".schemawarden.yml"))
        .hasMessageContaining(
            ".schemawarden.yml:1: policy: '../shared/policy.yml' must be a path inside the"
                + " repository");
  }

  @Test
  void an_empty_file_means_the_defaults() {
    WardenConfig c = loader.parse("# nothing yet\n", ".schemawarden.yml");
    assertThat(c.engine()).isEqualTo("postgres");
    assertThat(c.engineVersion()).isEqualTo(ServerVersion.DEFAULT_POSTGRES);
    assertThat(c.migrations().tool()).isEmpty();
    assertThat(c.failOn()).isEmpty();
  }

  @Test
  void mysql_and_mariadb_are_engines_with_their_own_default_version() {
    WardenConfig maria = loader.parse("engine: MariaDB\n", ".schemawarden.yml");
    assertThat(maria.engine()).as("the engine's id, whatever the spelling").isEqualTo("mariadb");
    assertThat(maria.engineVersion())
        .as("MariaDB's newest LTS, not PostgreSQL's 17")
        .isEqualTo(new ServerVersion(11, 4, 0));
    WardenConfig mysql =
        loader.parse("engine: jdbc:mysql://db:3306/app\nengine-version: 8.0.28\n", "f");
    assertThat(mysql.engine()).as("a JDBC URL names its engine").isEqualTo("mysql");
    assertThat(mysql.engineVersion())
        .as("the patch level decides MySQL's instant DDL")
        .isEqualTo(new ServerVersion(8, 0, 28));
    assertThatThrownBy(() -> loader.parse("engine: oracle\n", "f"))
        .hasMessage("f:1: engine: unknown engine 'oracle': use one of mariadb, mysql, postgres");
  }

  @Test
  void a_single_location_may_be_written_without_a_list() {
    WardenConfig c = loader.parse("migrations:\n  locations: sql\n", "f");
    assertThat(c.migrations().locations()).containsExactly("sql");
  }

  @Nested
  class errors_name_the_file_the_line_the_key_and_the_fix {

    @Test
    void a_misspelt_top_level_key() {
      assertThat(error("engine: postgres\nengine_version: 16\n").getMessage())
          .isEqualTo(
              ".schemawarden.yml:2: engine_version: unknown key 'engine_version': "
                  + "did you mean 'engine-version'?");
    }

    @Test
    void an_unknown_nested_key_lists_the_allowed_ones() {
      assertThat(error("migrations:\n  tool: flyway\n  directory: db\n").getMessage())
          .startsWith(".schemawarden.yml:3: migrations.directory: unknown key 'directory'")
          .contains("tool, locations, placeholders, changelog, contexts, labels");
    }

    @Test
    void a_bad_severity_value() {
      assertThat(error("fail-on: critical\n").getMessage())
          .isEqualTo(
              ".schemawarden.yml:1: fail-on: 'critical' is not a severity: use off, info, warning or error");
    }

    @Test
    void an_unknown_rule_id() {
      assertThat(error("rules:\n  LK101: warning\n  LK1O1: off\n").getMessage())
          .as("the line of the key, and the closest id")
          .startsWith(".schemawarden.yml:3: rules.LK1O1: unknown rule id 'LK1O1'")
          .endsWith("did you mean LK101?");
    }

    @Test
    void a_rule_named_by_its_slug_gets_its_id() {
      assertThat(error("rules:\n  require-concurrent-index-creation: off\n").getMessage())
          .contains("write LK101 instead of require-concurrent-index-creation");
    }

    @Test
    void an_unknown_tool() {
      assertThat(error("migrations:\n  tool: flywy\n").getMessage())
          .startsWith(".schemawarden.yml:2: migrations.tool: unknown tool 'flywy'")
          .contains("did you mean flyway?");
    }

    @Test
    void an_engine_version_with_anything_after_the_numbers() {
      for (String v :
          new String[] {"\"8.0; rm -rf /\"", "\"16-beta\"", "\"8.0.29 x\"", "\"1.2.3.4\""}) {
        assertThat(error("engine-version: " + v + "\n").getMessage())
            .as(v)
            .startsWith(".schemawarden.yml:1: engine-version: '")
            .contains("is not a server version");
      }
    }

    @Test
    void a_bad_engine_version() {
      assertThat(error("engine-version: latest\n").getMessage())
          .startsWith(".schemawarden.yml:1: engine-version: 'latest' is not a server version");
    }

    @Test
    void a_list_where_a_value_belongs() {
      assertThat(error("engine: [postgres]\n").getMessage())
          .isEqualTo(".schemawarden.yml:1: engine: expected a single value, found a list");
    }

    @Test
    void two_snapshot_sources() {
      assertThat(error("snapshot:\n  path: s.json\n  env: X\n").getMessage())
          .contains("snapshot: give exactly one of path, url or env");
    }

    @Test
    void a_location_outside_the_repository() {
      assertThat(error("migrations:\n  locations: [../elsewhere]\n").getMessage())
          .contains("must be a path inside the repository");
    }

    @Test
    void a_liquibase_search_path_outside_the_repository() {
      for (String hostile : List.of("../shared/src/main/resources", "/etc", "a/../../b", "C:/x")) {
        assertThat(error("migrations:\n  search-paths: [" + hostile + "]\n").getMessage())
            .as(hostile)
            .isEqualTo(
                ".schemawarden.yml:2: migrations.search-paths: '"
                    + hostile
                    + "' must be a directory inside"
                    + " the repository, relative to its root (e.g. module-a/src/main/resources)");
      }
    }

    @Test
    void broken_yaml() {
      assertThat(error("engine: postgres\n  nested: [\n").getMessage())
          .startsWith(".schemawarden.yml:")
          .contains("not valid YAML");
    }

    @Test
    void a_duplicate_key() {
      assertThat(error("engine: postgres\nengine: postgres\n").getMessage())
          .isEqualTo(".schemawarden.yml:2: key 'engine' appears twice (first on line 1): keep one");
    }
  }

  @Test
  void suggestions_ignore_case_and_underscores() {
    assertThat(
            Suggestions.closest(
                "FAIL_ON", List.of("fail-on", "engine"), Reach.NEAR_IGNORING_SEPARATORS))
        .contains("fail-on");
    assertThat(
            Suggestions.closest(
                "zzzzzz", List.of("fail-on", "engine"), Reach.NEAR_IGNORING_SEPARATORS))
        .isEmpty();
    assertThatThrownBy(() -> loader.parse("fail-on: off\n", "f"))
        .hasMessageContaining("would never block");
  }
}
