package dev.schemawarden.analyzers.internal.lint;

import static dev.schemawarden.analyzers.internal.lint.RuleTesting.findings;
import static dev.schemawarden.analyzers.internal.lint.RuleTesting.findingsOfChange;
import static dev.schemawarden.analyzers.internal.lint.RuleTesting.onlyFixSql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Edge cases of the DS1xx rules that the fixtures do not show. */
class DestructiveRulesTest {

  @Nested
  class BanDropTable {
    @Test
    void a_table_created_by_an_earlier_migration_of_the_same_change_may_be_dropped() {
      assertThat(
              findingsOfChange("DS101", "CREATE TABLE staging (id bigint);", "DROP TABLE staging;"))
          .isEmpty();
    }

    @Test
    void only_the_existing_tables_of_a_multi_table_drop_are_named() {
      List<Finding> found =
          findings(
              "DS101",
              """
          CREATE TABLE staging (id bigint);
          DROP TABLE staging, orders;
          """);
      assertThat(found)
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("`orders`")
          .doesNotContain("staging");
    }

    @Test
    void the_retire_fix_keeps_the_schema_and_stays_within_63_bytes() {
      String fix =
          onlyFixSql(
              findings(
                  "DS101",
                  "DROP TABLE billing.customer_subscription_billing_cycle_adjustment_history_entries;"));
      assertThat(fix)
          .contains(
              "ALTER TABLE billing.customer_subscription_billing_cycle_adjustment_history_entries RENAME TO "
                  + "customer_subscription_billing_cycle_adjustment_history_retired;")
          .as("the name is cut to make room for the suffix, so PostgreSQL keeps it whole")
          .contains(
              "-- DROP TABLE billing.customer_subscription_billing_cycle_adjustment_history_retired;");
    }
  }

  @Nested
  class DropCascade {
    @Test
    void the_fix_removes_every_cascade_of_a_multi_action_alter() {
      String fix =
          onlyFixSql(
              findings(
                  "DS108",
                  "ALTER TABLE orders DROP COLUMN customer_id CASCADE, DROP CONSTRAINT orders_total_check CASCADE;"));
      assertThat(fix)
          .isEqualTo(
              "ALTER TABLE orders DROP COLUMN customer_id, DROP CONSTRAINT orders_total_check");
    }

    @Test
    void cascade_on_a_type_created_in_the_same_migration_is_not_reported() {
      assertThat(
              findings(
                  "DS108",
                  """
          CREATE TYPE import_state AS ENUM ('new', 'done');
          DROP TYPE import_state CASCADE;
          """))
          .isEmpty();
    }
  }

  @Nested
  class UnboundedDataChange {
    @Test
    void a_bounded_update_is_not_reported() {
      assertThat(
              findings(
                  "DS107",
                  "UPDATE orders SET status = 'archived' WHERE created_at < '2020-01-01';"))
          .isEmpty();
    }

    @Test
    void the_batch_goes_before_returning() {
      String fix = onlyFixSql(findings("DS107", "DELETE FROM sessions RETURNING id;"));
      assertThat(fix).contains("DELETE FROM sessions\nWHERE id >= 1 AND id < 10001\nRETURNING id;");
    }
  }

  @Nested
  class TruncateCascade {
    @Test
    void the_fix_keeps_restart_identity_and_every_table() {
      String fix =
          onlyFixSql(
              findings(
                  "DS106", "TRUNCATE TABLE public.carts, cart_items RESTART IDENTITY CASCADE;"));
      assertThat(fix).isEqualTo("TRUNCATE public.carts, cart_items RESTART IDENTITY");
    }
  }

  @Nested
  class BanDropType {
    @Test
    void the_check_query_names_every_type_that_is_dropped() {
      String fix = onlyFixSql(findings("DS109", "DROP TYPE billing.mood, status;"));
      assertThat(fix)
          .contains("a.atttypid IN ('billing.mood'::regtype, 'status'::regtype)")
          .endsWith("DROP TYPE billing.mood, status;");
    }
  }
}
