package dev.schemawarden.policy;

import static dev.schemawarden.policy.Fixtures.addColumn;
import static dev.schemawarden.policy.Fixtures.dropColumn;
import static dev.schemawarden.policy.Fixtures.dropTable;
import static dev.schemawarden.policy.Fixtures.facts;
import static dev.schemawarden.policy.Fixtures.stmt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.Decision.Outcome;
import dev.schemawarden.policy.api.PolicyEngine;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.SchemaContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeAndContextTest {

  @Nested
  class FreezeWindows {
    // Friday 17:00-24:00 in Berlin; Christmas freeze in New York; additive changes only, so POL001
    // stays quiet.
    private final PolicyEngine engine =
        new PolicyEngine(
            PolicyLoader.parse(
                "time.yml",
                """
        rules:
          - id: friday-evening
            match:
              when:
                zone: Europe/Berlin
                windows:
                  - {days: [fri], from: "17:00", to: "24:00"}
            action:
              deny: no deploys on Friday evening in Berlin
          - id: night-shift
            match:
              when:
                windows:
                  - {days: [sat], from: "22:00", to: "02:00", zone: Asia/Tokyo}
            action:
              deny: night shift
          - id: year-end
            match:
              when:
                freezes:
                  - {from: 2025-12-24, to: 2025-12-26, zone: America/New_York, reason: holidays}
            action:
              deny: year-end freeze
        """));

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource({
      // Winter (CET, UTC+1): Friday 17:00 Berlin is 16:00 UTC.
      "2025-03-28T15:59:00Z, allow, 16:59 CET: before the window",
      "2025-03-28T16:00:00Z, deny,  17:00 CET: the window opens",
      "2025-03-28T22:59:59Z, deny,  23:59 CET: still Friday in Berlin",
      "2025-03-28T23:00:00Z, allow, 00:00 CET Saturday: closed",
      // Summer (CEST, UTC+2) after the 30 March switch: Friday 17:00 Berlin is 15:00 UTC.
      "2025-04-04T15:00:00Z, deny,  17:00 CEST: the window opens an hour earlier in UTC",
      "2025-04-04T14:59:00Z, allow, 16:59 CEST",
      "2025-04-04T21:30:00Z, deny,  23:30 CEST",
      "2025-04-04T22:00:00Z, allow, 00:00 CEST Saturday, though still Friday in UTC",
      // Autumn: Friday before the 26 October switch is CEST; the Friday after is CET.
      "2025-10-24T15:00:00Z, deny,  17:00 CEST",
      "2025-10-31T15:00:00Z, allow, 16:00 CET",
      "2025-10-31T16:00:00Z, deny,  17:00 CET",
      // A window past midnight: Saturday 22:00 to Sunday 02:00 in Tokyo (UTC+9).
      "2025-06-07T13:00:00Z, deny,  22:00 Saturday Tokyo",
      "2025-06-07T16:59:00Z, deny,  01:59 Sunday Tokyo",
      "2025-06-07T17:00:00Z, allow, 02:00 Sunday Tokyo",
      // The freeze is in New York dates: 24 Dec 00:00 EST is 05:00 UTC.
      "2025-12-24T04:59:00Z, allow, 23:59 on 23 Dec in New York",
      "2025-12-24T05:00:00Z, deny,  00:00 on 24 Dec in New York",
      "2025-12-27T04:59:00Z, deny,  23:59 on 26 Dec in New York",
      "2025-12-27T05:00:00Z, allow, 27 Dec in New York"
    })
    void windows_and_freezes_are_judged_in_their_own_time_zone(
        String at, String expected, String why) {
      Decision d =
          engine.decide(
              facts()
                  .evaluatedAt(Instant.parse(at))
                  .statement(stmt(addColumn("t", "c"), 1))
                  .build());
      assertThat(d.outcome().label()).as(why).isEqualTo(expected);
    }
  }

  @Nested
  class Tags {
    private final PolicyEngine engine =
        new PolicyEngine(
            PolicyLoader.parse(
                "tags.yml",
                """
        rules:
          - id: pii-needs-privacy
            match: {tags: [pii]}
            action:
              require: {count: 1, from: ["@acme/privacy", owners]}
        """));

    private Decision decide(Change change, SchemaContext ctx) {
      return engine.decide(facts().statement(stmt(change, 1)).context(ctx).build());
    }

    @Test
    void tags_and_owners_come_from_the_context_file_by_glob() {
      SchemaContext ctx =
          PolicyLoader.parseContext(
              "ctx.yml",
              """
          objects:
            - match: "crm.*"
              tags: [pii, critical]
              owners: ["@acme/crm"]
          """);
      Decision d =
          decide(
              new Change.AlterTable(QualifiedName.of("crm", "contacts"), false, false, List.of()),
              ctx);
      assertThat(d.missingApprovals())
          .singleElement()
          .satisfies(r -> assertThat(r.approvers()).containsExactly("acme/privacy", "acme/crm"));
      assertThat(d.objects())
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.object()).isEqualTo("crm.contacts");
                assertThat(o.tags()).containsExactly("critical", "pii");
                assertThat(o.owners()).containsExactly("@acme/crm");
              });
      assertThat(decide(addColumn("public.orders", "x"), ctx).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void tags_come_from_database_comments() {
      SchemaContext ctx =
          SchemaContext.empty()
              .withComments(
                  Map.of(
                      "public.users.email", "Customer e-mail @pii @owner:acme/privacy",
                      "public.orders", "plain comment, mail me@example.com"));
      Decision dropEmail = decide(dropColumn("users", "email"), ctx);
      assertThat(dropEmail.evaluated())
          .filteredOn(p -> p.policyId().equals("pii-needs-privacy"))
          .singleElement()
          .extracting(Decision.EvaluatedPolicy::result)
          .isEqualTo(Decision.PolicyResult.REQUIRE);
      assertThat(dropEmail.objects())
          .filteredOn(o -> o.object().equals("public.users.email"))
          .singleElement()
          .satisfies(o -> assertThat(o.owners()).containsExactly("acme/privacy"));
      assertThat(firstFileRule(decide(dropTable("users"), ctx)).result())
          .as("a table holding a pii column is a pii table")
          .isEqualTo(Decision.PolicyResult.REQUIRE);
      assertThat(decide(addColumn("orders", "x"), ctx).outcome())
          .as("an e-mail address in a comment is no tag")
          .isEqualTo(Outcome.ALLOW);
      assertThat(firstFileRule(decide(addColumn("users", "nickname"), ctx)).result())
          .as("changing the table of a pii column")
          .isEqualTo(Decision.PolicyResult.REQUIRE);
    }
  }

  /** The first policy-file rule evaluated, after however many built-ins run first. */
  private static Decision.EvaluatedPolicy firstFileRule(Decision d) {
    return d.evaluated().stream()
        .filter(p -> !p.policyId().startsWith("POL"))
        .findFirst()
        .orElseThrow();
  }
}
