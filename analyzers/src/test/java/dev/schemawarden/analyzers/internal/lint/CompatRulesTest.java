package dev.schemawarden.analyzers.internal.lint;

import static dev.schemawarden.analyzers.internal.lint.RuleTesting.findings;
import static dev.schemawarden.analyzers.internal.lint.RuleTesting.onlyFixSql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Edge cases of the BC1xx rules that the fixtures do not show. */
class CompatRulesTest {

  @Nested
  class AddingRequiredField {
    private static final String ADD = "ALTER TABLE orders ADD COLUMN region text NOT NULL;";

    @Test
    void
        on_postgres_12_and_later_both_fixes_are_offered_and_not_null_comes_from_the_validated_check() {
      List<Fix> fixes = findings("BC105", ADD).get(0).fixes();
      assertThat(fixes).hasSize(2);
      assertThat(fixes.get(0).sql())
          .isEqualTo("ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT <value>");
      assertThat(fixes.get(1).sql())
          .contains("ADD CONSTRAINT orders_region_not_null CHECK (region IS NOT NULL) NOT VALID;")
          .contains("ALTER TABLE orders ALTER COLUMN region SET NOT NULL;");
    }

    @Test
    void on_postgres_11_set_not_null_would_scan_again_so_the_fix_stops_at_the_validated_check() {
      List<Fix> fixes = findings("BC105", "-- engine-version: 11\n" + ADD).get(0).fixes();
      assertThat(fixes).hasSize(2);
      assertThat(fixes.get(1).sql())
          .contains("VALIDATE CONSTRAINT orders_region_not_null;")
          .doesNotContain("SET NOT NULL");
    }

    @Test
    void before_postgres_11_a_default_rewrites_the_table_so_it_is_not_offered() {
      List<Fix> fixes = findings("BC105", "-- engine-version: 10\n" + ADD).get(0).fixes();
      assertThat(fixes).singleElement().extracting(Fix::sql).asString().doesNotContain("DEFAULT");
    }

    @Test
    void a_primary_key_column_without_default_is_required_too_but_serial_fills_itself() {
      assertThat(findings("BC105", "ALTER TABLE orders ADD COLUMN code text PRIMARY KEY;"))
          .hasSize(1);
      assertThat(findings("BC105", "ALTER TABLE orders ADD COLUMN seq bigserial NOT NULL;"))
          .isEmpty();
    }
  }

  @Nested
  class RenamingTable {
    @Test
    void the_fix_is_the_rename_plus_an_updatable_view_under_the_old_name() {
      String fix = onlyFixSql(findings("BC102", "ALTER TABLE billing.invoice RENAME TO invoices;"));
      assertThat(fix)
          .startsWith("ALTER TABLE billing.invoice RENAME TO invoices;\n")
          .endsWith("CREATE VIEW billing.invoice AS SELECT * FROM billing.invoices");
    }

    @Test
    void a_view_under_the_old_name_before_the_rename_does_not_count() {
      assertThat(
              findings(
                  "BC102",
                  """
          CREATE VIEW orders_v AS SELECT * FROM orders;
          ALTER TABLE orders RENAME TO purchases;
          """))
          .hasSize(1);
    }
  }

  @Nested
  class RenamingColumn {
    @Test
    void the_message_names_table_old_and_new_column() {
      assertThat(findings("BC101", "ALTER TABLE orders RENAME COLUMN customer_id TO buyer_id;"))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("`orders.customer_id`", "`buyer_id`");
    }
  }

  @Nested
  class EnumValueOrdering {
    @Test
    void the_fix_appends_the_value_and_keeps_if_not_exists() {
      String fix =
          onlyFixSql(
              findings("BC107", "ALTER TYPE s.status ADD VALUE IF NOT EXISTS 'it''s' BEFORE 'b';"));
      assertThat(fix).isEqualTo("ALTER TYPE s.status ADD VALUE IF NOT EXISTS 'it''s'");
    }
  }
}
