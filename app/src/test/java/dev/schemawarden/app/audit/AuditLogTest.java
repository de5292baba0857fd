package dev.schemawarden.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  static TestPostgres pg;
  DataSource ds;
  AuditLog log;

  @BeforeAll
  static void start() {
    pg = new TestPostgres();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @BeforeEach
  void fresh() {
    ds = pg.dataSource(pg.newDatabase("audit"));
    log = AuditLog.open(ds, Clock.systemUTC(), "test");
  }

  private AuditEntry append(AuditEvent e, String env) {
    return log.append(
        AuditRecord.of(e, "acme/shop", env)
            .withPr(7, "alice")
            .withShas("b", "h", "m")
            .withNote(e.label() + " on " + env));
  }

  private void three() {
    append(AuditEvent.REVIEWED, "");
    append(AuditEvent.APPROVED, "");
    append(AuditEvent.APPLIED, "staging");
  }

  @Test
  void entries_chain_each_hash_into_the_next_and_verify() {
    three();
    List<AuditEntry> all = log.list(AuditQuery.all());
    assertThat(all).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
    assertThat(all.get(0).prevHash()).isEqualTo(AuditEntry.GENESIS);
    assertThat(all.get(1).prevHash()).isEqualTo(all.get(0).hash());
    assertThat(all.get(2).hash())
        .as("hash = sha256(canonical body)")
        .isEqualTo(CanonicalJson.sha256(all.get(2).body()));
    VerifyResult v = log.verify();
    assertThat(v.ok()).isTrue();
    assertThat(v.entries()).isEqualTo(3);
    assertThat(v.headHash()).isEqualTo(all.get(2).hash());
  }

  @Test
  void filters_select_by_event_and_environment() {
    three();
    assertThat(log.list(AuditQuery.all().withEvent(AuditEvent.APPLIED)))
        .extracting(AuditEntry::seq)
        .containsExactly(3L);
    assertThat(log.list(AuditQuery.all().withEnvironment("staging"))).hasSize(1);
    assertThat(log.api(AuditQuery.all().withRepository("acme/shop"))).hasSize(3);
    assertThat(log.api(AuditQuery.all()).get(0).has("hash")).isTrue();
  }

  @Test
  void a_password_in_a_connection_url_never_reaches_the_table() throws SQLException {
    log.append(
        AuditRecord.of(AuditEvent.FAILED, "acme/shop", "prod")
            .withNote(
                "cannot connect to jdbc:postgresql://db:5432/app?user=app&password=hunter2 nor"
                    + " postgres://app:hunter2@db/app")
            .withDecision(
                JsonNodeFactory.instance
                    .objectNode()
                    .put("url", "jdbc:postgresql://x/y?password=hunter2"),
                List.of()));
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT string_agg(t::text, '') FROM warden_audit.audit_log t")) {
      rs.next();
      assertThat(rs.getString(1)).doesNotContain("hunter2").contains("password=***");
    }
  }

  @Nested
  class The_database_enforces_append_only {
    @Test
    void update_delete_and_truncate_are_rejected_even_for_the_owner() {
      three();
      for (String sql :
          List.of(
              "UPDATE warden_audit.audit_log SET pr = 1",
              "UPDATE warden_audit.audit_log SET event = 'approved' WHERE seq = 3",
              "DELETE FROM warden_audit.audit_log WHERE seq = 1",
              "TRUNCATE warden_audit.audit_log")) {
        assertThatThrownBy(() -> TestPostgres.exec(ds, sql))
            .as(sql)
            .hasMessageContaining("append-only");
      }
      assertThat(log.verify().ok()).isTrue();
    }

    @Test
    void the_bot_role_may_only_insert_and_select() {
      three();
      TestPostgres.exec(
          ds,
          "CREATE ROLE warden_bot LOGIN PASSWORD 'bot'",
          "GRANT USAGE ON SCHEMA warden_audit TO warden_bot",
          "GRANT SELECT, INSERT ON warden_audit.audit_log TO warden_bot",
          "GRANT SELECT ON warden_audit.warden_audit_schema_history TO warden_bot");
      String url = pg.url(currentDb()).replace("user=postgres", "user=warden_bot&password=bot");
      AuditLog asBot = AuditLog.open(pg.dataSource(url), Clock.systemUTC(), "test");
      assertThat(asBot.append(AuditRecord.of(AuditEvent.REVIEWED, "acme/shop", "")).seq())
          .isEqualTo(4);
      assertThatThrownBy(
              () ->
                  TestPostgres.exec(pg.dataSource(url), "UPDATE warden_audit.audit_log SET pr = 1"))
          .hasMessageContaining("permission denied");
    }
  }

  @Nested
  class Verify_names_the_first_tampered_entry {
    private void asSuperuserWithoutTriggers(String sql) {
      TestPostgres.exec(
          ds,
          "ALTER TABLE warden_audit.audit_log DISABLE TRIGGER USER",
          sql,
          "ALTER TABLE warden_audit.audit_log ENABLE TRIGGER USER");
    }

    @Test
    void an_updated_body() {
      three();
      asSuperuserWithoutTriggers(
          "UPDATE warden_audit.audit_log SET body = replace(body, 'alice', 'mallory') WHERE seq = 2");
      VerifyResult v = log.verify();
      assertThat(v.ok()).isFalse();
      assertThat(v.firstBad()).hasValue(2);
      assertThat(v.problem()).contains("entry 2 was altered");
    }

    @Test
    void an_updated_indexed_column() {
      three();
      asSuperuserWithoutTriggers(
          "UPDATE warden_audit.audit_log SET event = 'approved' WHERE seq = 3");
      assertThat(log.verify().firstBad()).hasValue(3);
    }

    @Test
    void a_deleted_entry() {
      three();
      asSuperuserWithoutTriggers("DELETE FROM warden_audit.audit_log WHERE seq = 2");
      VerifyResult v = log.verify();
      assertThat(v.firstBad()).hasValue(2);
      assertThat(v.problem()).contains("entry 2 was removed");
    }

    @Test
    void reordered_entries() {
      three();
      asSuperuserWithoutTriggers(
          "ALTER TABLE warden_audit.audit_log DROP CONSTRAINT audit_log_seq_check");
      asSuperuserWithoutTriggers(
          "UPDATE warden_audit.audit_log SET seq = -seq WHERE seq IN (2, 3)");
      asSuperuserWithoutTriggers(
          "UPDATE warden_audit.audit_log SET seq = CASE seq WHEN -2 THEN 3 ELSE 2 END"
              + " WHERE seq < 0");
      VerifyResult v = log.verify();
      assertThat(v.firstBad()).hasValue(2);
      assertThat(v.problem()).contains("entry 2 was reordered");
    }

    @Test
    void a_rehashed_entry_breaks_the_link_to_the_next() {
      three();
      // The attacker rewrites entry 2 AND its hash, but cannot fix entry 3's prev_hash without
      // rewriting it too.
      AuditEntry two = log.show(2).orElseThrow();
      String forged = two.body().replace("alice", "mallory");
      asSuperuserWithoutTriggers(
          "UPDATE warden_audit.audit_log SET body = '"
              + forged
              + "', hash = '"
              + CanonicalJson.sha256(forged)
              + "' WHERE seq = 2");
      VerifyResult v = log.verify();
      assertThat(v.firstBad()).hasValue(3);
      assertThat(v.problem()).contains("does not follow entry 2");
    }
  }

  @Test
  void concurrent_appends_never_fork_the_chain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AuditEntry>> fs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        fs.add(pool.submit(() -> append(AuditEvent.REVIEWED, "")));
      }
      for (Future<AuditEntry> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    VerifyResult v = log.verify();
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.entries()).isEqualTo(40);
  }

  private String currentDb() {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT current_database()")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
