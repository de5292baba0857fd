package dev.schemawarden.policy;

import static dev.schemawarden.policy.Fixtures.PATH;
import static dev.schemawarden.policy.Fixtures.addColumn;
import static dev.schemawarden.policy.Fixtures.approved;
import static dev.schemawarden.policy.Fixtures.facts;
import static dev.schemawarden.policy.Fixtures.stmt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.policy.api.CodeOwners;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.Decision.Outcome;
import dev.schemawarden.policy.api.PolicyEngine;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.PolicyProblem;
import dev.schemawarden.policy.api.TeamDirectory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodeOwnersTest {

  @Nested
  class Patterns {
    static Stream<Arguments> cases() {
      return Stream.of(
          // pattern, path, owned?
          Arguments.of("*", "db/migration/V1__a.sql", true),
          Arguments.of("*.sql", "db/migration/V1__a.sql", true),
          Arguments.of("*.sql", "V1__a.sql", true),
          Arguments.of("*.sql", "db/migration/V1__a.xml", false),
          Arguments.of("/V1__a.sql", "V1__a.sql", true),
          Arguments.of("/V1__a.sql", "db/V1__a.sql", false),
          Arguments.of("V1__a.sql", "db/V1__a.sql", true),
          Arguments.of("/db/", "db/migration/V1__a.sql", true),
          Arguments.of("/db/", "app/db/migration/V1__a.sql", false),
          Arguments.of("migration/", "db/migration/V1__a.sql", true),
          Arguments.of("migration/", "db/migration", false),
          Arguments.of("db/migration", "db/migration/V1__a.sql", true),
          Arguments.of("db/migration", "app/db/migration/V1__a.sql", false),
          Arguments.of("migration", "app/db/migration/V1__a.sql", true),
          Arguments.of("docs/*", "docs/a.md", true),
          Arguments.of("docs/*", "docs/sub/a.md", false),
          Arguments.of("**/migration/*.sql", "db/migration/V1__a.sql", true),
          Arguments.of("**/migration/*.sql", "migration/V1__a.sql", true),
          Arguments.of("**/migration", "a/b/migration/x/V1__a.sql", true),
          Arguments.of("db/**/V*.sql", "db/V1__a.sql", true),
          Arguments.of("db/**/V*.sql", "db/a/b/V1__a.sql", true),
          Arguments.of("db/**/V*.sql", "other/db/a/V1__a.sql", false),
          Arguments.of("db/**", "db/a/b/c.sql", true),
          Arguments.of("V?__a.sql", "db/V1__a.sql", true),
          Arguments.of("V?__a.sql", "db/V12__a.sql", false),
          Arguments.of("*.SQL", "db/V1__a.sql", false));
    }

    @ParameterizedTest(name = "{0} owns {1}: {2}")
    @MethodSource("cases")
    void patterns_follow_gitignore_as_github_applies_it(
        String pattern, String path, boolean owned) {
      CodeOwners co = CodeOwners.parse("CODEOWNERS", pattern + " @owner\n");
      assertThat(co.problems()).isEmpty();
      assertThat(co.ownersOf(path)).isEqualTo(owned ? List.of("@owner") : List.of());
    }
  }

  @Nested
  class Files {
    static final String FILE =
        """
        # everything defaults to the platform team
        *                      @acme/platform

        [Database]             @acme/dba
        /db/migration/         # section default owners apply
        /db/migration/V9*.sql  @olga dba-lead@acme.com   # a trailing comment
        ^[Optional docs][2]
        *.md                   @writer
        /db/migration/README.md
        """;
    static final CodeOwners CO = CodeOwners.parse(".github/CODEOWNERS", FILE);

    static Stream<Arguments> cases() {
      return Stream.of(
          Arguments.of("src/Main.java", List.of("@acme/platform"), 2),
          Arguments.of("db/migration/V1__a.sql", List.of("@acme/dba"), 5),
          Arguments.of("db/migration/V9__b.sql", List.of("@olga", "dba-lead@acme.com"), 6),
          Arguments.of("docs/guide.md", List.of("@writer"), 8),
          Arguments.of("db/migration/README.md", List.of(), 9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_last_matching_line_wins_and_section_names_are_ignored(
        String path, List<String> owners, int line) {
      assertThat(CO.problems()).isEmpty();
      assertThat(CO.ownersOf(path)).isEqualTo(owners);
      assertThat(CO.ruleFor(path)).get().extracting(CodeOwners.Rule::line).isEqualTo(line);
    }

    @Test
    void no_matching_line_means_no_owner() {
      CodeOwners co = CodeOwners.parse("CODEOWNERS", "/docs/ @writer\n");
      assertThat(co.ruleFor("db/V1__a.sql")).isEmpty();
      assertThat(co.ownersOf("db/V1__a.sql")).isEmpty();
      assertThat(CodeOwners.empty().ownersOf("x")).isEmpty();
    }

    @Test
    void escaped_spaces_belong_to_the_pattern() {
      CodeOwners co = CodeOwners.parse("CODEOWNERS", "/my\\ dir/ @alice\n");
      assertThat(co.ownersOf("my dir/V1.sql")).containsExactly("@alice");
    }
  }

  @Nested
  class Problems {
    @Test
    void bad_lines_are_reported_with_their_line_and_skipped() {
      CodeOwners co =
          CodeOwners.parse(
              ".github/CODEOWNERS",
              """
          *            @acme/platform
          !/db/        @nobody
          /db/         alice
          /db/[ab]/    @alice
          [Broken      @x
          /db/         @acme/dba @olga
          """);
      assertThat(co.problems()).extracting(PolicyProblem::line).containsExactly(2, 3, 4, 5);
      assertThat(co.problems().get(0).toString())
          .startsWith(".github/CODEOWNERS:2: negated pattern '!/db/'");
      assertThat(co.problems().get(1).message()).contains("'alice'");
      assertThat(co.problems().get(1).fix()).contains("@login, @org/team or an e-mail");
      assertThat(co.ownersOf("db/V1.sql"))
          .as("valid lines still apply")
          .containsExactly("@acme/dba", "@olga");
      assertThat(co.ownersOf("src/x")).containsExactly("@acme/platform");
    }
  }

  /** A {@code from: [codeowners]} requirement resolves to the owners of the files its rule matched. */
  @Nested
  class Policy {
    static final PolicyEngine ENGINE =
        new PolicyEngine(
            PolicyLoader.parse(
                "test.yml",
                """
        rules:
          - id: schema-needs-codeowner
            match: {operations: [additive_ddl]}
            action:
              require: {count: 1, from: [codeowners]}
        """));
    static final TeamDirectory TEAMS = TeamDirectory.of(Map.of("acme/dba", Set.of("dora")));
    static final CodeOwners CO =
        CodeOwners.parse("CODEOWNERS", "*  @acme/platform\n/db/ @acme/dba\n");

    static Decision.ApprovalRequirement requirement(Decision d) {
      return d.requiredApprovals().stream()
          .filter(r -> r.policyId().equals("schema-needs-codeowner"))
          .findFirst()
          .orElseThrow();
    }

    static Stream<Arguments> cases() {
      return Stream.of(
          Arguments.of("a dba member", "dora", Outcome.ALLOW),
          Arguments.of("a non-member", "carol", Outcome.NEEDS_APPROVAL),
          Arguments.of("the author, though a member", "alice", Outcome.NEEDS_APPROVAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_file_owned_by_a_team_needs_a_member_of_it(String who, String approver, Outcome outcome) {
      TeamDirectory teams = TeamDirectory.of(Map.of("acme/dba", Set.of("dora", "alice")));
      Decision d =
          ENGINE.decide(
              facts()
                  .statement(stmt(addColumn("users", "nick"), 1))
                  .fileOwners(Map.of(PATH, CO.ownersOf(PATH)))
                  .teams(teams)
                  .approval(approved(approver))
                  .build());

      assertThat(requirement(d).approvers()).as("owners of " + PATH).containsExactly("acme/dba");
      assertThat(d.outcome()).isEqualTo(outcome);
    }

    @Test
    void without_a_matching_line_any_eligible_reviewer_may_approve_and_the_reason_says_so() {
      Decision d =
          ENGINE.decide(
              facts()
                  .statement(stmt(addColumn("users", "nick"), 1))
                  .fileOwners(Map.of(PATH, List.of()))
                  .teams(TEAMS)
                  .approval(approved("carol"))
                  .build());

      assertThat(requirement(d).approvers()).containsExactly("*");
      assertThat(requirement(d).reason())
          .contains("no CODEOWNERS for these files")
          .contains("any eligible reviewer may approve");
      assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void only_the_matched_files_owners_are_asked() {
      Decision d =
          ENGINE.decide(
              facts()
                  .statement(stmt(addColumn("users", "nick"), 1))
                  .fileOwners(
                      Map.of(PATH, List.of("@acme/dba"), "other/V4__x.sql", List.of("@olga")))
                  .teams(TEAMS)
                  .build());

      assertThat(requirement(d).approvers())
          .as("olga owns a file this rule did not match")
          .containsExactly("acme/dba");
    }
  }
}
