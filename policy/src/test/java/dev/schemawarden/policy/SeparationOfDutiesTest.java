package dev.schemawarden.policy;

import static dev.schemawarden.policy.Fixtures.AT;
import static dev.schemawarden.policy.Fixtures.HEAD;
import static dev.schemawarden.policy.Fixtures.OLD;
import static dev.schemawarden.policy.Fixtures.dropTable;
import static dev.schemawarden.policy.Fixtures.facts;
import static dev.schemawarden.policy.Fixtures.stmt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.Approval.State;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.Decision.Outcome;
import dev.schemawarden.policy.api.PolicyEngine;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.TeamDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Separation of duties (POL002) with the floor (POL001) and a team rule: alice is the author, bob a committer
 * (and a DBA), dora and erin are DBAs, carol is not. The change drops a table.
 */
class SeparationOfDutiesTest {
  private static final PolicyEngine ENGINE =
      new PolicyEngine(
          PolicyLoader.parse(
              "test.yml",
              """
      rules:
        - id: dba-two
          match: {operations: [destructive]}
          action:
            require: {count: 2, from: ["@acme/dba"]}
      """));
  private static final TeamDirectory DBA =
      TeamDirectory.of(Map.of("acme/dba", Set.of("dora", "erin", "bob")));

  private static Approval on(String user, String sha, int minute, State state) {
    return new Approval(user, sha, AT.minusSeconds(3600 - minute * 60L), state);
  }

  private static Approval ok(String user, int minute) {
    return on(user, HEAD, minute, State.APPROVED);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no approvals", List.of(), DBA, List.of(), List.of()),
        Arguments.of(
            "two DBAs approve the head",
            List.of(ok("dora", 1), ok("erin", 2)),
            DBA,
            List.of("dora", "erin"),
            List.of("dora", "erin")),
        Arguments.of(
            "self-approval by the author does not count",
            List.of(ok("alice", 1), ok("dora", 2)),
            DBA,
            List.of("dora"),
            List.of("dora")),
        Arguments.of(
            "a committer's approval does not count, even a DBA's",
            List.of(ok("bob", 1), ok("dora", 2)),
            DBA,
            List.of("dora"),
            List.of("dora")),
        Arguments.of(
            "the bot's approval does not count",
            List.of(ok("schema-warden[bot]", 1), ok("dora", 2)),
            TeamDirectory.of(Map.of("acme/dba", Set.of("dora", "schema-warden[bot]"))),
            List.of("dora"),
            List.of("dora")),
        Arguments.of(
            "any [bot] account is not a human",
            List.of(ok("renovate[bot]", 1)),
            DBA,
            List.of(),
            List.of()),
        Arguments.of(
            "an approval on an older commit does not count",
            List.of(on("dora", OLD, 1, State.APPROVED), ok("erin", 2)),
            DBA,
            List.of("erin"),
            List.of("erin")),
        Arguments.of(
            "re-approval on the head counts",
            List.of(on("dora", OLD, 1, State.APPROVED), ok("dora", 2), ok("erin", 3)),
            DBA,
            List.of("dora", "erin"),
            List.of("dora", "erin")),
        Arguments.of(
            "a non-member meets the floor but not the team rule",
            List.of(ok("carol", 1)),
            DBA,
            List.of("carol"),
            List.of()),
        Arguments.of(
            "the same person approving twice counts once",
            List.of(ok("dora", 1), ok("dora", 2)),
            DBA,
            List.of("dora"),
            List.of("dora")),
        Arguments.of(
            "logins compare case-insensitively, still once",
            List.of(ok("Dora", 1), ok("dora", 2)),
            DBA,
            List.of("dora"),
            List.of("dora")),
        Arguments.of(
            "a later request for changes replaces an approval",
            List.of(ok("dora", 1), on("dora", HEAD, 2, State.CHANGES_REQUESTED), ok("erin", 3)),
            DBA,
            List.of("erin"),
            List.of("erin")),
        Arguments.of(
            "a dismissed review is no approval",
            List.of(on("dora", HEAD, 1, State.DISMISSED)),
            DBA,
            List.of(),
            List.of()),
        Arguments.of(
            "membership is what the directory says now",
            List.of(ok("dora", 1), ok("erin", 2)),
            TeamDirectory.of(Map.of("acme/dba", Set.of("erin"))),
            List.of("dora", "erin"),
            List.of("erin")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void only_eligible_approvals_count(
      String name,
      List<Approval> approvals,
      TeamDirectory teams,
      List<String> floorBy,
      List<String> dbaBy) {
    Decision d =
        ENGINE.decide(
            facts()
                .statement(stmt(dropTable("users"), 1))
                .approvals(approvals)
                .teams(teams)
                .build());

    assertThat(d.requiredApprovals())
        .extracting(Decision.ApprovalRequirement::policyId)
        .containsExactly("POL001", "dba-two");
    assertThat(d.requiredApprovals().get(0).satisfiedBy())
        .as("POL001 (any human)")
        .isEqualTo(floorBy);
    assertThat(d.requiredApprovals().get(1).satisfiedBy())
        .as("dba-two (@acme/dba)")
        .isEqualTo(dbaBy);
    assertThat(d.outcome())
        .as("allowed only when both requirements are met")
        .isEqualTo(
            floorBy.size() >= 1 && dbaBy.size() >= 2 ? Outcome.ALLOW : Outcome.NEEDS_APPROVAL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the_decision_is_deterministic_whatever_the_input_order(
      String name,
      List<Approval> approvals,
      TeamDirectory teams,
      List<String> floorBy,
      List<String> dbaBy) {
    List<Approval> reversed = new java.util.ArrayList<>(approvals);
    java.util.Collections.reverse(reversed);
    Decision a =
        ENGINE.decide(
            facts()
                .statement(stmt(dropTable("users"), 1))
                .approvals(approvals)
                .teams(teams)
                .build());
    Decision b =
        ENGINE.decide(
            facts()
                .statement(stmt(dropTable("users"), 1))
                .approvals(reversed)
                .teams(teams)
                .build());
    assertThat(b).isEqualTo(a);
  }

  @org.junit.jupiter.api.Test
  void set_aside_approvals_are_explained_under_POL002() {
    Decision d =
        ENGINE.decide(
            facts()
                .statement(stmt(dropTable("users"), 1))
                .approvals(List.of(ok("alice", 1), on("dora", OLD, 2, State.APPROVED)))
                .teams(DBA)
                .build());

    Decision.EvaluatedPolicy sod =
        d.evaluated().stream().filter(p -> p.policyId().equals("POL002")).findFirst().orElseThrow();
    assertThat(sod.result()).isEqualTo(Decision.PolicyResult.CHECKED);
    assertThat(sod.details())
        .anySatisfy(x -> assertThat(x).startsWith("alice").contains("author"))
        .anySatisfy(
            x -> assertThat(x).startsWith("dora").contains("new push needs a new approval"));
  }

  @org.junit.jupiter.api.Test
  void approvals_from_the_future_order_by_time_not_by_input() {
    // erin requested changes after approving; the input lists the later review first.
    Approval later =
        new Approval("erin", HEAD, Instant.parse("2025-06-04T09:59:00Z"), State.CHANGES_REQUESTED);
    Approval earlier = Approval.approved("erin", HEAD, Instant.parse("2025-06-04T09:00:00Z"));
    Decision d =
        ENGINE.decide(
            facts()
                .statement(stmt(dropTable("users"), 1))
                .approvals(List.of(later, earlier))
                .teams(DBA)
                .build());
    assertThat(d.requiredApprovals().get(0).satisfiedBy()).isEmpty();
  }
}
