package dev.schemawarden.policy;

import static dev.schemawarden.policy.Fixtures.HEAD;
import static dev.schemawarden.policy.Fixtures.addColumn;
import static dev.schemawarden.policy.Fixtures.approved;
import static dev.schemawarden.policy.Fixtures.facts;
import static dev.schemawarden.policy.Fixtures.finding;
import static dev.schemawarden.policy.Fixtures.stmt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.Decision.Outcome;
import dev.schemawarden.policy.api.PolicyEngine;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.PolicyOverride;
import dev.schemawarden.policy.api.PolicySet;
import dev.schemawarden.policy.api.PrFacts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** POL003: a change with a TR108 sandbox escape needs a human, whatever the policy file, overrides or approvals. */
class SandboxEscapeFloorTest {
  /** A permissive policy: overrides by olga, no rule of its own. */
  private static final PolicySet LAX =
      PolicyLoader.parse(
          "policy.yml",
          """
      overrides:
        authorized: [olga]
      rules: []
      """);

  private static final Finding ESCAPE = finding("TR108", Severity.ERROR, 4);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no escape, additive change", List.of(), List.of(), List.of(), Outcome.ALLOW),
        Arguments.of(
            "an escape alone", List.of(ESCAPE), List.of(), List.of(), Outcome.NEEDS_APPROVAL),
        Arguments.of(
            "an escape approved by its author",
            List.of(ESCAPE),
            List.of(approved("alice")),
            List.of(),
            Outcome.NEEDS_APPROVAL),
        Arguments.of(
            "an escape approved by a committer",
            List.of(ESCAPE),
            List.of(approved("bob")),
            List.of(),
            Outcome.NEEDS_APPROVAL),
        Arguments.of(
            "an escape approved by a bot",
            List.of(ESCAPE),
            List.of(approved("renovate[bot]")),
            List.of(),
            Outcome.NEEDS_APPROVAL),
        Arguments.of(
            "an escape with POL003 overridden",
            List.of(ESCAPE),
            List.of(),
            List.of(new PolicyOverride("olga", "POL003", "it is fine", HEAD)),
            Outcome.NEEDS_APPROVAL),
        Arguments.of(
            "an escape with TR108 overridden",
            List.of(ESCAPE),
            List.of(),
            List.of(new PolicyOverride("olga", "TR108", "it is fine", HEAD)),
            Outcome.NEEDS_APPROVAL),
        Arguments.of(
            "an escape approved by another human",
            List.of(ESCAPE),
            List.of(approved("carol")),
            List.of(),
            Outcome.ALLOW),
        Arguments.of(
            "an escape at a lower severity still counts",
            List.of(finding("TR108", Severity.INFO, 4)),
            List.of(),
            List.of(),
            Outcome.NEEDS_APPROVAL),
        Arguments.of(
            "another trace error is not an escape",
            List.of(finding("TR101", Severity.ERROR, 4)),
            List.of(),
            List.of(),
            Outcome.ALLOW));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the_floor_holds(
      String name,
      List<Finding> findings,
      List<Approval> approvals,
      List<PolicyOverride> overrides,
      Outcome expected) {
    PrFacts.Builder b =
        facts()
            .statements(List.of(stmt(addColumn("orders", "note"), 4)))
            .findings(findings)
            .approvals(approvals);
    overrides.forEach(b::override);
    Decision d = new PolicyEngine(LAX).decide(b.build());
    assertThat(d.outcome()).as(name + ": " + d.reasons()).isEqualTo(expected);
    if (!findings.isEmpty() && findings.get(0).rule().equals("TR108")) {
      assertThat(d.requiredApprovals())
          .as("cites POL003")
          .extracting(Decision.ApprovalRequirement::policyId)
          .contains("POL003");
      assertThat(d.reasons())
          .anySatisfy(
              r ->
                  assertThat(r)
                      .startsWith("POL003: ")
                      .contains("reach outside the replica sandbox")
                      .contains("db/migration/V3__change.sql:4 TR108"));
    }
  }

  @Test
  void a_policy_file_cannot_redefine_it() {
    assertThatThrownBy(
            () ->
                PolicyLoader.parse(
                    "policy.yml",
                    """
        rules:
          - id: POL003
            action:
              warn: escapes are fine
        """))
        .hasMessageContaining("'POL003' is a built-in policy id");
  }

  @Test
  void a_deny_in_the_policy_file_raises_it() {
    PolicySet strict =
        PolicyLoader.parse(
            "policy.yml",
            """
        rules:
          - id: no-escapes
            match: {rules: [TR108]}
            action:
              deny: server-level statements go through the DBA
        """);
    Decision d =
        new PolicyEngine(strict)
            .decide(
                facts()
                    .statements(List.of(stmt(addColumn("orders", "note"), 4)))
                    .findings(List.of(ESCAPE))
                    .approvals(List.of(approved("carol")))
                    .build());
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
  }
}
