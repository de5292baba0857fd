package dev.schemawarden.policy;

import static dev.schemawarden.policy.Fixtures.HEAD;
import static dev.schemawarden.policy.Fixtures.OLD;
import static dev.schemawarden.policy.Fixtures.addColumn;
import static dev.schemawarden.policy.Fixtures.approved;
import static dev.schemawarden.policy.Fixtures.dropColumn;
import static dev.schemawarden.policy.Fixtures.dropTable;
import static dev.schemawarden.policy.Fixtures.facts;
import static dev.schemawarden.policy.Fixtures.finding;
import static dev.schemawarden.policy.Fixtures.stmt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.Decision.Outcome;
import dev.schemawarden.policy.api.Decision.PolicyResult;
import dev.schemawarden.policy.api.PolicyEngine;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.PolicyOverride;
import dev.schemawarden.policy.api.PolicySet;
import dev.schemawarden.policy.api.PrFacts;
import dev.schemawarden.policy.api.SchemaContext;
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

class DenyPathTest {
  private static final PolicySet POLICY =
      PolicyLoader.parse(
          "policy.yml",
          """
      overrides:
        authorized: [olga, "@acme/leads"]
      rules:
        - id: no-pii-drops
          description: pii data is never dropped by a migration
          match:
            operations: [destructive]
            tags: [pii]
          action:
            deny: dropping pii needs a data-retention review outside migrations
        - id: pii-needs-privacy
          match:
            tags: [pii]
          action:
            require: {count: 1, from: ["@acme/privacy"]}
        - id: lk101-blocks
          match:
            rules: [LK101]
          action:
            deny: LK101 must be fixed
        - id: errors-need-owner
          match:
            severity: fail-on
          action:
            require: {count: 1, from: [owners]}
      """);
  private static final PolicyEngine ENGINE = new PolicyEngine(POLICY);
  private static final SchemaContext CONTEXT =
      PolicyLoader.parseContext(
          "context.yml",
          """
      context:
        objects:
          - match: public.users.email
            tags: [pii]
            owners: ["@acme/privacy"]
          - match: "billing.*"
            tags: [critical]
            owners: ["@acme/billing"]
      """);
  private static final TeamDirectory TEAMS =
      TeamDirectory.of(
          Map.of(
              "acme/privacy",
              Set.of("pia"),
              "acme/leads",
              Set.of("lee"),
              "acme/billing",
              Set.of("bill")));

  private static PrFacts.Builder base() {
    return facts().context(CONTEXT).teams(TEAMS);
  }

  @Nested
  class Deny {
    static Stream<Arguments> everyoneApproves() {
      return Stream.of(
          Arguments.of("dropping a pii column", dropColumn("users", "email")),
          Arguments.of("dropping the table holding a pii column", dropTable("users")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyoneApproves")
    void no_approval_lifts_a_deny(String name, dev.schemawarden.analyzers.api.Change change) {
      Decision d =
          ENGINE.decide(
              base()
                  .statement(stmt(change, 3))
                  .approvals(
                      List.of(
                          approved("pia"), approved("lee"), approved("carol"), approved("olga")))
                  .build());

      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.reasons())
          .anySatisfy(r -> assertThat(r).startsWith("no-pii-drops: dropping pii"));
      assertThat(d.requiredApprovals())
          .as("requirements are still listed, and met")
          .allMatch(Decision.ApprovalRequirement::satisfied);
    }

    @Test
    void adding_a_column_to_a_pii_table_needs_privacy_not_a_deny() {
      Decision d = ENGINE.decide(base().statement(stmt(addColumn("users", "nickname"), 3)).build());
      assertThat(d.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
      assertThat(d.missingApprovals())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.policyId()).isEqualTo("pii-needs-privacy");
                assertThat(r.approvers()).containsExactly("acme/privacy");
              });
      assertThat(
              ENGINE
                  .decide(
                      base()
                          .statement(stmt(addColumn("users", "nickname"), 3))
                          .approval(approved("pia"))
                          .build())
                  .outcome())
          .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void a_policy_naming_a_rule_matches_the_finding_it_was_merged_into() {
      // One finding per concern: the review merged LK101 into a finding led by another rule on the
      // same problem.
      dev.schemawarden.analyzers.api.Finding merged =
          finding("LK999", Severity.WARNING, 3)
              .withConcern(
                  "index-build:orders",
                  List.of(
                      new dev.schemawarden.analyzers.api.Finding.Evidence(
                          dev.schemawarden.analyzers.api.Finding.Evidence.Kind.TRACED,
                          "LK999",
                          3,
                          false,
                          ""),
                      new dev.schemawarden.analyzers.api.Finding.Evidence(
                          dev.schemawarden.analyzers.api.Finding.Evidence.Kind.PREDICTED,
                          "LK101",
                          3,
                          false,
                          "")));
      PrFacts f = base().statement(stmt(addColumn("orders", "x"), 3)).finding(merged).build();

      assertThat(ENGINE.decide(f).outcome())
          .as("rules: [LK101] still sees LK101's finding")
          .isEqualTo(Outcome.DENY);
    }

    @Test
    void a_finding_rule_denies_until_overridden() {
      PrFacts f =
          base()
              .statement(stmt(addColumn("orders", "x"), 3))
              .finding(finding("LK101", Severity.ERROR, 3))
              .build();
      assertThat(ENGINE.decide(f).outcome()).isEqualTo(Outcome.DENY);
    }

    @Test
    void error_findings_ask_the_objects_owners() {
      PrFacts f =
          base()
              .statement(stmt(addColumn("billing.invoices", "x"), 3))
              .finding(finding("LK999", Severity.ERROR, 3))
              .build();
      Decision d = ENGINE.decide(f);
      assertThat(d.missingApprovals())
          .extracting(Decision.ApprovalRequirement::approvers)
          .containsExactly(List.of("acme/billing"));
      assertThat(d.objects())
          .extracting(SchemaContext.ObjectInfo::object)
          .contains("billing.invoices");
      assertThat(ENGINE.decide(f.toBuilder().failOn(Severity.OFF).build()).outcome())
          .as("severity: fail-on follows the configured threshold")
          .isEqualTo(Outcome.ALLOW);
    }
  }

  @Nested
  class Floor {
    @Test
    void irreversible_operations_need_a_human_even_with_no_policy_file() {
      PolicyEngine builtIn = new PolicyEngine(PolicySet.builtInOnly());
      Decision none = builtIn.decide(facts().statement(stmt(dropTable("orders"), 7)).build());
      assertThat(none.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
      assertThat(none.reasons())
          .singleElement()
          .asString()
          .startsWith("POL001: irreversible operation")
          .contains(Fixtures.PATH + ":7");
      assertThat(
              builtIn
                  .decide(
                      facts()
                          .statement(stmt(dropTable("orders"), 7))
                          .approval(approved("carol"))
                          .build())
                  .outcome())
          .isEqualTo(Outcome.ALLOW);
      assertThat(
              builtIn
                  .decide(facts().statement(stmt(addColumn("orders", "x"), 7)).build())
                  .outcome())
          .as("additive changes are not irreversible")
          .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void a_policy_file_cannot_redefine_or_lower_the_floor() {
      var problems =
          PolicyLoader.check(
              "lower.yml",
              """
          rules:
            - id: POL001
              match: {operations: [destructive]}
              action:
                warn: drops are fine
            - id: zero
              match: {operations: [destructive]}
              action:
                require: {count: 0, from: [any]}
          """);
      assertThat(problems).hasSize(2);
      assertThat(problems.get(0).line()).isEqualTo(2);
      assertThat(problems.get(0).message()).contains("built-in policy id");
      assertThat(problems.get(1).line()).isEqualTo(9);
      assertThat(problems.get(1).message()).contains("at least 1");
    }

    @Test
    void a_file_can_raise_the_floor() {
      PolicyEngine two =
          new PolicyEngine(
              PolicyLoader.parse(
                  "raise.yml",
                  """
          rules:
            - id: two-humans
              match: {operations: [destructive]}
              action:
                require: {count: 2, from: [any]}
          """));
      PrFacts one =
          facts().statement(stmt(dropTable("orders"), 1)).approval(approved("carol")).build();
      assertThat(two.decide(one).outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
      assertThat(two.decide(one.toBuilder().approval(approved("dave")).build()).outcome())
          .isEqualTo(Outcome.ALLOW);
    }
  }

  @Nested
  class Overrides {
    private PrFacts lk101(PolicyOverride o) {
      return base()
          .statement(stmt(addColumn("orders", "x"), 3))
          .finding(finding("LK101", Severity.ERROR, 3))
          .override(o)
          .build();
    }

    static Stream<Arguments> cases() {
      return Stream.of(
          Arguments.of(
              "authorised user overrides the finding",
              new PolicyOverride("olga", "LK101", "reviewed: table is empty", HEAD),
              true,
              "applied",
              Outcome.ALLOW),
          Arguments.of(
              "a team member listed as authorised",
              new PolicyOverride("lee", "lk101-blocks", "hotfix, approved in INC-42", HEAD),
              true,
              "applied",
              Outcome.NEEDS_APPROVAL),
          Arguments.of(
              "unauthorised user",
              new PolicyOverride("carol", "LK101", "trust me", HEAD),
              false,
              "not authorised",
              Outcome.DENY),
          Arguments.of(
              "no written reason",
              new PolicyOverride("olga", "LK101", "  ", HEAD),
              false,
              "written reason",
              Outcome.DENY),
          Arguments.of(
              "given on an older commit",
              new PolicyOverride("olga", "LK101", "ok", OLD),
              false,
              "bound to the commit",
              Outcome.DENY),
          Arguments.of(
              "the author overriding their own change",
              new PolicyOverride("alice", "LK101", "mine", HEAD),
              false,
              "not authorised",
              Outcome.DENY),
          Arguments.of(
              "an unknown target",
              new PolicyOverride("olga", "LK777", "ok", HEAD),
              false,
              "neither a policy id nor a finding",
              Outcome.DENY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void are_recorded_applied_or_refused(
        String name, PolicyOverride o, boolean applied, String note, Outcome outcome) {
      Decision d = ENGINE.decide(lk101(o));
      assertThat(d.overrides())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.applied()).isEqualTo(applied);
                assertThat(r.note()).contains(note);
                assertThat(r.reason()).isEqualTo(o.reason());
              });
      // Overriding the finding removes it for every rule; overriding one rule leaves the error
      // finding, which errors-need-owner still routes to an approver.
      assertThat(d.outcome()).isEqualTo(outcome);
    }

    @Test
    void an_authorised_author_still_cannot_override_their_own_change() {
      PrFacts f = lk101(new PolicyOverride("lee", "LK101", "mine", HEAD)).toBuilder().build();
      PrFacts asAuthor =
          PrFacts.builder("acme/shop", 42, HEAD, "lee", Fixtures.AT)
              .context(CONTEXT)
              .teams(TEAMS)
              .statements(f.statements())
              .findings(f.findings())
              .overrides(f.overrides())
              .build();
      Decision d = ENGINE.decide(asAuthor);
      assertThat(d.overrides().get(0).note()).contains("separation of duties");
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    }

    @Test
    void an_overridden_policy_is_recorded_as_overridden() {
      Decision d = ENGINE.decide(lk101(new PolicyOverride("olga", "lk101-blocks", "INC-42", HEAD)));
      assertThat(d.evaluated())
          .filteredOn(p -> p.policyId().equals("lk101-blocks"))
          .singleElement()
          .extracting(Decision.EvaluatedPolicy::result)
          .isEqualTo(PolicyResult.OVERRIDDEN);
      assertThat(d.reasons()).contains("lk101-blocks (overridden): by olga: INC-42");
    }

    @Test
    void the_floor_cannot_be_overridden_and_the_attempt_is_recorded() {
      PrFacts f =
          base()
              .statement(stmt(dropTable("orders"), 1))
              .override(new PolicyOverride("olga", "POL001", "emergency", HEAD))
              .build();
      Decision d = ENGINE.decide(f);
      assertThat(d.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
      assertThat(d.overrides())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.applied()).isFalse();
                assertThat(r.note()).startsWith("refused: POL001 is built in");
              });
      assertThat(
              ENGINE
                  .decide(
                      f.toBuilder()
                          .overrides(List.of(new PolicyOverride("olga", "POL002", "x", HEAD)))
                          .approval(approved("alice"))
                          .build())
                  .outcome())
          .as("separation of duties cannot be overridden either")
          .isEqualTo(Outcome.NEEDS_APPROVAL);
    }
  }
}
