package dev.schemawarden.analyzers.internal.lint;

import static dev.schemawarden.analyzers.internal.lint.RuleTesting.findings;
import static dev.schemawarden.analyzers.internal.lint.RuleTesting.onlyFixSql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Edge cases of the TY1xx rules that the fixtures do not show. */
class TypeRulesTest {

  @Nested
  class PreferJsonb {
    @Test
    void casts_to_json_follow_the_column_type() {
      String fix =
          onlyFixSql(
              findings(
                  "TY101", "ALTER TABLE orders ADD COLUMN meta json NOT NULL DEFAULT '{}'::json;"));
      assertThat(fix)
          .isEqualTo("ALTER TABLE orders ADD COLUMN meta jsonb NOT NULL DEFAULT '{}'::jsonb");
    }

    @Test
    void only_the_declared_column_is_rewritten_when_another_name_contains_it() {
      String fix =
          onlyFixSql(
              findings(
                  "TY101",
                  "CREATE TABLE events (old_payload jsonb, payload json, payload_json text);"));
      assertThat(fix)
          .isEqualTo("CREATE TABLE events (old_payload jsonb, payload jsonb, payload_json text)");
    }
  }

  @Nested
  class PreferBigint {
    @Test
    void before_postgres_10_a_serial_becomes_bigserial_because_identity_does_not_exist() {
      String fix =
          onlyFixSql(
              findings(
                  "TY102", "-- engine-version: 9.6\nCREATE TABLE tags (id serial PRIMARY KEY);"));
      assertThat(fix).isEqualTo("CREATE TABLE tags (id bigserial PRIMARY KEY)");
    }

    @Test
    void a_non_id_column_is_reported_without_calling_it_an_id() {
      assertThat(findings("TY102", "ALTER TABLE orders ADD COLUMN quantity int;"))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("`orders.quantity` (integer)")
          .doesNotContain("runs out");
    }

    @Test
    void a_smallint_id_runs_out_at_32767() {
      assertThat(findings("TY102", "CREATE TABLE colours (id smallint PRIMARY KEY);"))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("32,767");
    }
  }

  @Nested
  class PreferIdentity {
    @Test
    void is_silent_before_postgres_10() {
      assertThat(
              findings(
                  "TY106", "-- engine-version: 9.6\nCREATE TABLE tags (id serial PRIMARY KEY);"))
          .isEmpty();
    }
  }

  @Nested
  class PreferText {
    @Test
    void an_existing_table_gets_the_check_not_valid_and_validated_separately() {
      String fix =
          onlyFixSql(findings("TY105", "ALTER TABLE users ALTER COLUMN email TYPE varchar(320);"));
      assertThat(fix)
          .isEqualTo(
              """
          ALTER TABLE users ALTER COLUMN email TYPE text;
          ALTER TABLE users ADD CONSTRAINT users_email_max_length CHECK (char_length(email) <= 320) NOT VALID;
          ALTER TABLE users VALIDATE CONSTRAINT users_email_max_length;""");
    }
  }

  @Nested
  class IdentifierTooLong {
    @Test
    void counts_bytes_not_characters() {
      String name = "ä".repeat(32); // 32 characters, 64 bytes
      assertThat(findings("TY107", "CREATE TABLE " + name + " (id bigint);"))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("64 bytes", "kept as `" + "ä".repeat(31) + "`");
      assertThat(findings("TY107", "CREATE TABLE " + "ä".repeat(31) + " (id bigint);")).isEmpty();
    }

    @Test
    void a_rename_to_a_long_name_is_reported() {
      assertThat(
              findings("TY107", "ALTER TABLE orders RENAME COLUMN note TO " + "n".repeat(64) + ";"))
          .hasSize(1);
    }
  }
}
