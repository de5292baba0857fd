package dev.schemawarden.app.apply;

import static dev.schemawarden.app.apply.ApplyFixture.HEAD;
import static dev.schemawarden.app.apply.ApplyFixture.approvedBy;
import static dev.schemawarden.app.apply.ApplyFixture.count;
import static dev.schemawarden.app.apply.ApplyFixture.fingerprint;
import static dev.schemawarden.app.apply.ApplyFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.apply.ApplyResult.Status;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway projects end to end on real PostgreSQL: review, approval, merge, apply to two environments; the deny path. */
class ApplyEndToEndTest {
  static TestPostgres pg;
  @TempDir Path dir;
  ApplyFixture f;
  String staging;
  String production;

  @BeforeAll
  static void start() {
    pg = new TestPostgres();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @BeforeEach
  void repo() {
    f =
        new ApplyFixture(dir, pg)
            .write(
                ".schemawarden.yml",
                """
            migrations:
              tool: flyway
              locations: [db/migration]
            policy: policy.yml
            environments:
              - name: staging
                url-env: STAGING_URL
                apply: auto
              - name: production
                url-env: PROD_URL
            """)
            .write(
                "policy.yml",
                """
            version: 1
            rules:
              - id: every-change-reviewed
                description: every schema change needs a second person
                action:
                  require: {count: 1, from: ["*"]}
              - id: no-destructive
                match:
                  operations: [destructive]
                action:
                  deny: destructive changes go through a data-retention review, not a migration
            """)
            .write(
                "db/migration/V1__orders.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, note text);\n")
            .write(
                "db/migration/V2__orders_created_idx.sql",
                "CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);\n");
    staging = pg.newDatabase("staging");
    production = pg.newDatabase("production");
  }

  private List<Target> both() {
    return List.of(target("staging", staging), target("production", production));
  }

  @Test
  void an_approved_index_migration_is_applied_to_both_environments_in_order_and_the_log_verifies()
      throws Exception {
    ApplySettings settings = ApplySettings.defaults();
    // Review: nobody has approved yet -> reviewed (needs approval). Then bob approves the head
    // commit.
    AuditEntry reviewed =
        f.service.recordDecision(f.request(both(), List.of(), settings), both().get(0));
    assertThat(reviewed.event()).isEqualTo(AuditEvent.REVIEWED);
    AuditEntry approved =
        f.service.recordDecision(
            f.request(both(), approvedBy("bob", HEAD), settings), both().get(0));
    assertThat(approved.event()).isEqualTo(AuditEvent.APPROVED);

    List<ApplyResult> results =
        f.service.apply(f.request(both(), approvedBy("bob", HEAD), settings));

    assertThat(results)
        .extracting(ApplyResult::environment, ApplyResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("staging", Status.APPLIED),
            org.assertj.core.groups.Tuple.tuple("production", Status.APPLIED));
    for (String url : List.of(staging, production)) {
      assertThat(
              count(url, "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_created_idx'"))
          .isOne();
      assertThat(count(url, "SELECT count(*) FROM flyway_schema_history WHERE success"))
          .as("Flyway's history" + " is the truth")
          .isEqualTo(2);
    }
    List<AuditEntry> log = f.audit.list(AuditQuery.all());
    assertThat(log)
        .extracting(AuditEntry::event, AuditEntry::environment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditEvent.REVIEWED, "staging"),
            org.assertj.core.groups.Tuple.tuple(AuditEvent.APPROVED, "staging"),
            org.assertj.core.groups.Tuple.tuple(AuditEvent.APPLIED, "staging"),
            org.assertj.core.groups.Tuple.tuple(AuditEvent.APPLIED, "production"));
    JsonNode applied = log.get(2).json();
    assertThat(applied.path("approvers").toString()).contains("bob");
    assertThat(applied.path("decision").path("outcome").asText()).isEqualTo("ALLOW");
    assertThat(applied.path("statements").toString()).contains("CREATE INDEX CONCURRENTLY");
    assertThat(applied.path("schema_hash_before").asText())
        .isNotEqualTo(applied.path("schema_hash_after").asText());
    assertThat(applied.path("rollback_plan").toString())
        .contains("DROP INDEX CONCURRENTLY IF EXISTS orders_created_idx")
        .contains("DROP TABLE orders");
    assertThat(f.audit.verify().ok()).isTrue();

    // Applying again is a no-op: nothing pending, nothing recorded.
    assertThat(f.service.apply(f.request(both(), approvedBy("bob", HEAD), settings)))
        .extracting(ApplyResult::status)
        .containsOnly(Status.UP_TO_DATE);
  }

  @Test
  void a_recorded_rollback_plan_runs_through_the_same_approval_path() throws Exception {
    ApplySettings settings = ApplySettings.defaults();
    f.write(
        "db/migration/V1__orders.sql",
        "CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz);\n");
    List<Target> one = List.of(target("staging", staging));
    f.service.apply(f.request(one, approvedBy("bob", HEAD), settings));
    f.write(
        "db/migration/V3__orders_id_created_idx.sql",
        "CREATE INDEX CONCURRENTLY orders_id_created_idx ON orders (id, created_at);\n");
    ApplyResult applied = f.service.apply(f.request(one, approvedBy("bob", HEAD), settings)).get(0);
    long seq = applied.auditSeq().getAsLong();
    assertThat(
            count(
                staging,
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_id_created_idx'"))
        .isOne();

    ApplyResult unapproved =
        f.service.rollback(f.request(one, approvedBy("bob", HEAD), settings), one.get(0), seq);
    assertThat(unapproved.status())
        .as("an approval of the merge is not an approval of its rollback")
        .isEqualTo(Status.REFUSED);

    String plan = f.service.rollbackIdentity(seq);
    ApplyResult rolledBack =
        f.service.rollback(f.request(one, approvedBy("bob", plan), settings), one.get(0), seq);
    assertThat(rolledBack.status()).as(rolledBack.message()).isEqualTo(Status.APPLIED);
    assertThat(
            count(
                staging,
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_id_created_idx'"))
        .isZero();
    assertThat(f.audit.list(AuditQuery.all().withEvent(AuditEvent.ROLLED_BACK))).hasSize(1);
    assertThat(f.audit.verify().ok()).isTrue();
  }

  @Test
  void an_approval_given_on_an_earlier_commit_does_not_authorise_the_merged_one() throws Exception {
    String before = fingerprint(staging);
    List<ApplyResult> results =
        f.service.apply(
            f.request(both(), approvedBy("bob", "0000000older"), ApplySettings.defaults()));
    assertThat(results)
        .extracting(ApplyResult::status)
        .containsExactly(Status.REFUSED, Status.SKIPPED);
    assertThat(results.get(0).message()).contains("needs_approval");
    assertThat(fingerprint(staging)).isEqualTo(before);
    assertThat(f.audit.list(AuditQuery.all()))
        .extracting(AuditEntry::event)
        .containsExactly(AuditEvent.REFUSED);
  }

  @Test
  void the_author_cannot_approve_their_own_change() {
    List<ApplyResult> results =
        f.service.apply(f.request(both(), approvedBy("alice", HEAD), ApplySettings.defaults()));
    assertThat(results.get(0).status()).isEqualTo(Status.REFUSED);
  }

  @Test
  void a_denied_destructive_migration_merged_anyway_is_refused_and_changes_nothing()
      throws Exception {
    ApplySettings settings = ApplySettings.defaults();
    List<ApplyResult> first = f.service.apply(f.request(both(), approvedBy("bob", HEAD), settings));
    assertThat(first).allMatch(ApplyResult::ok);
    f.write("db/migration/V3__drop_note.sql", "ALTER TABLE orders DROP COLUMN note;\n");
    AuditEntry denied =
        f.service.recordDecision(
            f.request(both(), approvedBy("bob", HEAD), settings), both().get(0));
    assertThat(denied.event()).isEqualTo(AuditEvent.DENIED);
    String stagingBefore = fingerprint(staging);
    String productionBefore = fingerprint(production);

    List<ApplyResult> results =
        f.service.apply(f.request(both(), approvedBy("bob", HEAD), settings));

    assertThat(results)
        .extracting(ApplyResult::status)
        .containsExactly(Status.REFUSED, Status.SKIPPED);
    assertThat(results.get(0).message()).contains("deny").contains("no-destructive");
    assertThat(fingerprint(staging)).as("nothing changed on staging").isEqualTo(stagingBefore);
    assertThat(fingerprint(production)).isEqualTo(productionBefore);
    assertThat(count(staging, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(2);
    AuditEntry refusal = f.audit.list(AuditQuery.all().withEvent(AuditEvent.REFUSED)).get(0);
    assertThat(refusal.json().path("decision").path("outcome").asText()).isEqualTo("DENY");
    assertThat(refusal.json().path("rollback_plan").toString()).contains("irreversible");
    assertThat(f.audit.verify().ok()).isTrue();
  }
}
