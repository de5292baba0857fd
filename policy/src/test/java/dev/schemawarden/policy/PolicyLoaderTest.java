package dev.schemawarden.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.PolicyProblem;
import dev.schemawarden.policy.api.PolicyRule;
import dev.schemawarden.policy.api.PolicySet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyLoaderTest {

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(
            "unknown key with a suggestion",
            """
            rules:
              - id: a
                match:
                  operation: [destructive]
                action: {warn: x}
            """,
            4,
            "unknown key 'operation' in 'match'",
            "did you mean 'operations'?"),
        Arguments.of(
            "bad operation class",
            """
            rules:
              - id: a
                match:
                  operations: [destructve]
                action: {warn: x}
            """,
            4,
            "'destructve' is not a valid operation class",
            "did you mean 'destructive'?"),
        Arguments.of(
            "bad time zone",
            """
            rules:
              - id: a
                match:
                  when:
                    zone: Europe/Berln
                    windows: [{days: [fri], from: "17:00", to: "24:00"}]
                action: {deny: x}
            """,
            5,
            "unknown time zone 'Europe/Berln'",
            "did you mean 'Europe/Berlin'?"),
        Arguments.of(
            "bad day",
            """
            rules:
              - id: a
                match:
                  when:
                    windows:
                      - days: [fry]
                        from: "17:00"
                        to: "24:00"
                action: {deny: x}
            """,
            6,
            "'fry' is not a valid day",
            "did you mean 'fri'?"),
        Arguments.of(
            "bad time",
            """
            rules:
              - id: a
                match:
                  when:
                    windows:
                      - days: [fri]
                        from: "25:00"
                        to: "24:00"
                action: {deny: x}
            """,
            7,
            "'from' must be a time HH:MM",
            "\"17:00\""),
        Arguments.of(
            "bad severity",
            """
            rules:
              - id: a
                match: {severity: fatal}
                action: {warn: x}
            """,
            3,
            "'fatal' is not a valid severity",
            "use one of"),
        Arguments.of(
            "bad lock mode",
            """
            rules:
              - id: a
                match:
                  lock-modes: [access exclusiv]
                action: {warn: x}
            """,
            4,
            "'access exclusiv' is not a lock mode",
            "did you mean 'access_exclusive'?"),
        Arguments.of(
            "bad size",
            """
            rules:
              - id: a
                match:
                  min-table-bytes: lots
                action: {warn: x}
            """,
            4,
            "min-table-bytes must be a size",
            "GB"),
        Arguments.of(
            "two actions",
            """
            rules:
              - id: a
                action:
                  deny: x
                  warn: y
            """,
            4,
            "exactly one of deny, require, warn",
            "keep one"),
        Arguments.of(
            "require without from",
            """
            rules:
              - id: a
                action:
                  require:
                    count: 2
            """,
            5,
            "'require' has no 'from'",
            "codeowners"),
        Arguments.of(
            "missing id",
            """
            rules:
              - description: nameless
                action: {warn: x}
            """,
            2,
            "a rule has no 'id'",
            "add id:"),
        Arguments.of(
            "duplicate id",
            """
            rules:
              - id: a
                action: {warn: x}
              - id: a
                action: {warn: y}
            """,
            4,
            "duplicate rule id 'a' (first at line 2)",
            "its own id"),
        Arguments.of(
            "freeze backwards",
            """
            rules:
              - id: a
                match:
                  when:
                    freezes:
                      - from: 2026-01-02
                        to: 2025-12-22
                action: {deny: x}
            """,
            7,
            "freeze ends (2025-12-22) before it starts",
            "swap"),
        Arguments.of(
            "YAML syntax",
            """
            rules:
              - id: a
                action: {warn: x
            """,
            3,
            "not valid YAML",
            "fix the YAML syntax"),
        Arguments.of(
            "unknown top-level key",
            """
            rule:
              - id: a
            """,
            1,
            "unknown key 'rule' in the policy",
            "did you mean 'rules'?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void problems_name_the_line_and_the_fix(
      String name, String yaml, int line, String message, String fix) {
    List<PolicyProblem> problems = PolicyLoader.check("policy.yml", yaml);
    assertThat(problems)
        .as(problems.toString())
        .anySatisfy(
            p -> {
              assertThat(p.file()).isEqualTo("policy.yml");
              assertThat(p.line()).isEqualTo(line);
              assertThat(p.message()).contains(message);
              assertThat(p.fix()).contains(fix);
            });
  }

  @Test
  void every_problem_is_reported_at_once_and_load_fails_with_all_of_them() {
    String yaml =
        """
        rules:
          - id: a
            match: {operations: [droop], tags: pii, severty: error}
            action: {warn: x}
        """;
    assertThat(PolicyLoader.check("p.yml", yaml)).hasSize(2);
    assertThatThrownBy(() -> PolicyLoader.parse("p.yml", yaml))
        .isInstanceOfSatisfying(
            WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
        .hasMessageContaining("p.yml:3: 'droop' is not a valid operation class")
        .hasMessageContaining("p.yml:3: unknown key 'severty'");
  }

  @Test
  void reads_the_policy_section_of_schemawarden_yml_and_a_file_it_names(@TempDir Path dir)
      throws Exception {
    Path separate = dir.resolve("policies/prod.yml");
    Files.createDirectories(separate.getParent());
    Files.writeString(
        separate,
        """
        version: 1
        overrides:
          authorized: ["@acme/leads"]
        rules:
          - id: ext
            match: {operations: [extension]}
            action:
              require: {count: 1, from: ["@acme/dba"]}
        """);
    Path config = dir.resolve(".schemawarden.yml");
    Files.writeString(config, "engine: postgres\npolicy: policies/prod.yml\n");
    PolicySet set = PolicyLoader.load(config);
    assertThat(set.rules()).extracting(PolicyRule::id).containsExactly("ext");
    assertThat(set.overrideAuthorized()).containsExactly("@acme/leads");
    assertThat(set.rules().get(0).line()).isEqualTo(5);

    Files.writeString(
        config, "engine: postgres\npolicy:\n  rules:\n    - id: inline\n      action: {warn: x}\n");
    assertThat(PolicyLoader.load(config).rules())
        .extracting(PolicyRule::id)
        .containsExactly("inline");
    assertThat(PolicyLoader.check(config)).isEmpty();
  }

  @Test
  void context_files_are_checked_with_lines_too() {
    assertThatThrownBy(
            () ->
                PolicyLoader.parseContext(
                    "ctx.yml",
                    """
        context:
          objects:
            - match: public.users
              tag: [pii]
        """))
        .hasMessageContaining("ctx.yml:4: unknown key 'tag' in an object; did you mean 'tags'?");
  }

  @Test
  void the_context_file_may_list_team_members_for_local_runs(@TempDir Path dir) throws Exception {
    Path ctx = dir.resolve("context.yml");
    Files.writeString(
        ctx,
        """
        objects:
          - match: public.users.email
            tags: [pii]
        teams:
          acme/privacy: [Priya, "@omar"]
          "@acme/dba": [carol]
        """);

    assertThat(PolicyLoader.checkContext(ctx)).isEmpty();
    assertThat(PolicyLoader.loadTeams(ctx))
        .as("logins lower case, no @; team names without @")
        .containsEntry("acme/privacy", java.util.Set.of("priya", "omar"))
        .containsEntry("acme/dba", java.util.Set.of("carol"));
    assertThat(PolicyLoader.loadContext(ctx).describe("public.users.email").tags())
        .containsExactly("pii");
  }

  @Test
  void a_team_without_org_or_members_is_a_problem_with_its_line() {
    assertThatThrownBy(
            () ->
                PolicyLoader.parseContext(
                    "ctx.yml",
                    """
        teams:
          privacy: [priya]
          acme/dba: []
        """))
        .hasMessageContaining("ctx.yml:2: 'privacy' is not a team name; write org/team")
        .hasMessageContaining("ctx.yml:3: team 'acme/dba' has no members");
  }

  @Test
  void the_default_policy_loads_and_every_rule_has_a_description() {
    PolicySet set = PolicyLoader.loadDefault();
    assertThat(set.source()).isEqualTo("default");
    assertThat(set.rules())
        .extracting(PolicyRule::id)
        .containsExactly(
            "destructive-needs-owner",
            "large-rewrite-needs-owner",
            "long-lock-needs-owner",
            "blocking-findings-need-review",
            "weekend-warning");
    assertThat(set.rules()).allSatisfy(r -> assertThat(r.description()).isNotBlank());
  }
}
