package dev.schemawarden.policy;

import static dev.schemawarden.policy.Fixtures.HEAD;
import static dev.schemawarden.policy.Fixtures.approved;
import static dev.schemawarden.policy.Fixtures.dropColumn;
import static dev.schemawarden.policy.Fixtures.facts;
import static dev.schemawarden.policy.Fixtures.stmt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.PolicyEngine;
import dev.schemawarden.policy.api.PolicyExplainer;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.PolicyOverride;
import dev.schemawarden.policy.api.PrFacts;
import dev.schemawarden.policy.api.SchemaContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionRecordTest {
  private static final PolicyEngine ENGINE = new PolicyEngine(PolicyLoader.loadDefault());

  private static PrFacts pr() {
    return facts()
        .statement(stmt(dropColumn("users", "email"), 12))
        .context(
            SchemaContext.empty()
                .withComments(Map.of("public.users.email", "@pii @owner:acme/privacy")))
        .codeowners(List.of("@acme/dba"))
        .approval(approved("alice"))
        .override(new PolicyOverride("mallory", "POL001", "just this once", HEAD))
        .build();
  }

  @Test
  void serialises_to_json_and_back_with_plain_jackson() throws Exception {
    Decision d = ENGINE.decide(pr());
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(d);
    assertThat(mapper.readValue(json, Decision.class)).isEqualTo(d);
    assertThat(json)
        .contains(
            "\"outcome\":\"NEEDS_APPROVAL\"",
            "\"policyId\":\"POL001\"",
            "\"headSha\":\"" + HEAD + "\"",
            "\"evaluatedAt\":\"2025-06-04T10:00:00Z\"");
  }

  @Test
  void the_same_facts_give_an_equal_decision_and_the_same_json() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.writeValueAsString(ENGINE.decide(pr())))
        .isEqualTo(
            mapper.writeValueAsString(new PolicyEngine(PolicyLoader.loadDefault()).decide(pr())));
  }

  @Test
  void the_short_constructor_still_works_for_existing_callers() {
    Decision d = new Decision(Decision.Outcome.ALLOW, List.of("ok"), List.of());
    assertThat(d.evaluated()).isEmpty();
    assertThat(d.headSha()).isEmpty();
    assertThat(Decision.allow(List.of()).outcome()).isEqualTo(Decision.Outcome.ALLOW);
  }

  @Test
  void explain_names_the_rules_that_fired_the_approvers_the_owners_and_the_refused_override() {
    String text = PolicyExplainer.explain(ENGINE.decide(pr()));
    assertThat(text)
        .startsWith("Decision: needs_approval for " + HEAD)
        .contains("[ ] POL001: 1 from any eligible reviewer")
        .contains("[ ] destructive-needs-owner: 1 from @acme/privacy, @acme/dba")
        .contains(
            "POL002 checked",
            "alice (approved on a1b2c3d): the author cannot approve their own change")
        .contains("POL001 by mallory (\"just this once\"): refused: POL001 is built in")
        .contains("public.users.email tags: pii owners: acme/privacy")
        .contains(Fixtures.PATH + ":12 destructive public.users, public.users.email");
  }
}
