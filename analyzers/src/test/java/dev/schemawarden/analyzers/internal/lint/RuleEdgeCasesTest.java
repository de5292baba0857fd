package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Cases a bad/good fixture pair cannot show: other server versions, fixes, suppression on parsed SQL. */
class RuleEdgeCasesTest {

  private static final DatabaseEngine engine = Fixtures.postgres();

  private static List<Finding> lint(String sql) {
    return Fixtures.lint(engine, "V1__x.sql", sql);
  }

  private static List<Finding> only(String id, String sql) {
    return lint(sql).stream().filter(f -> f.rule().equals(id)).toList();
  }

  @Nested
  class Versions {
    @Test
    void before_pg11_any_default_rewrites_the_table() {
      String sql = "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';\n";
      assertThat(only("LK110", sql)).as("PG 17 stores a constant default in the catalog").isEmpty();
      assertThat(only("LK110", "-- engine-version: 10\n" + sql))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("before PostgreSQL 11");
    }

    @Test
    void enum_add_value_in_a_transaction_fails_on_pg11_even_unused() {
      String sql = "-- engine-version: 11\nALTER TYPE order_status ADD VALUE 'refunded';\n";
      assertThat(only("TX104", sql))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("cannot run inside a transaction block on PostgreSQL 11");
      assertThat(
              only(
                  "TX104",
                  "-- engine-version: 11\n-- run-in-transaction: false\n"
                      + "ALTER TYPE order_status ADD VALUE 'refunded';\n"))
          .as("autocommit is fine on 11")
          .isEmpty();
    }

    @Test
    void set_not_null_fix_keeps_the_check_before_pg12() {
      String sql = "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;\n";
      assertThat(fixSql(only("LK106", sql))).contains("SET NOT NULL", "DROP CONSTRAINT");
      assertThat(fixSql(only("LK106", "-- engine-version: 11\n" + sql)))
          .as("before 12 SET NOT NULL still scans, so the fix stops at the validated CHECK")
          .contains("VALIDATE CONSTRAINT orders_customer_id_not_null")
          .doesNotContain("SET NOT NULL;");
    }
  }

  @Nested
  class Fixes {
    @Test
    void concurrent_index_fix_keeps_the_statement_and_is_a_replacement_outside_transactions() {
      String sql =
          "-- run-in-transaction: false\n"
              + "CREATE UNIQUE INDEX orders_number_key ON public.orders USING btree (number) WHERE deleted_at IS NULL;\n";
      Fix fix = only("LK101", sql).get(0).fixes().get(0);
      assertThat(fix.sql())
          .isEqualTo(
              "CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON public.orders USING"
                  + " btree (number) WHERE deleted_at IS NULL;");
      assertThat(fix.replacesStatement()).isTrue();
      assertThat(
              only("LK101", sql.replace("-- run-in-transaction: false\n", ""))
                  .get(0)
                  .fixes()
                  .get(0)
                  .replacesStatement())
          .as("inside the tool's transaction the statement must move too")
          .isFalse();
    }

    @Test
    void not_valid_fix_validates_in_a_separate_step_with_the_constraint_name() {
      String sql =
          "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
              + " REFERENCES customers (id) ON DELETE CASCADE;\n";
      assertThat(fixSql(only("LK104", sql)))
          .contains("ON DELETE CASCADE NOT VALID;", "VALIDATE CONSTRAINT orders_customer_fk;");
    }

    @Test
    void tx101_fix_names_the_tools_setting() {
      String sql = "CREATE INDEX CONCURRENTLY orders_placed_at_idx ON orders (placed_at);\n";
      assertThat(fixSql(only("TX101", sql))).contains("executeInTransaction=false");
      assertThat(fixSql(only("TX101", "-- tool: liquibase\n" + sql)))
          .contains("runInTransaction:false");
      assertThat(fixSql(only("TX101", "-- tool: dbmate\n" + sql))).contains("transaction:false");
      assertThat(only("TX101", "-- run-in-transaction: false\nBEGIN;\n" + sql + "COMMIT;\n"))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("inside the BEGIN block");
    }

    private static String fixSql(List<Finding> findings) {
      return RuleEdgeCasesTest.fixSql(findings);
    }
  }

  @Nested
  class TransactionFacts {
    @Test
    void set_local_lock_timeout_ends_with_its_transaction() {
      String sql =
          """
          -- run-in-transaction: false
          BEGIN;
          SET LOCAL lock_timeout = '2s';
          ALTER TABLE orders ADD COLUMN note text;
          COMMIT;
          ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
          """;
      assertThat(only("LK115", sql)).extracting(f -> f.span().line()).containsExactly(6);
    }

    @Test
    void statements_after_access_exclusive_are_reported_once_per_stretch() {
      String sql =
          """
          ALTER TABLE orders ADD COLUMN note text;
          UPDATE customers SET tier = 'basic' WHERE tier IS NULL;
          UPDATE customers SET tier = 'gold' WHERE spend > 1000;
          """;
      assertThat(only("LK116", sql))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("with 1 more statement after it", "orders");
    }
  }

  @Nested
  class SystemFindings {
    @Test
    void an_unclassified_statement_is_quoted_with_the_classifiers_reason() {
      assertThat(
              only(
                  "SQL001",
                  "FROBNICATE TABLE audit_log WITH EXTRA CARE AND THEN SOME MORE WORDS TO CUT OFF;\n"))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains(
              "`FROBNICATE TABLE audit_log WITH EXTRA CARE AND THEN SOME MOR…`", "frobnicate");
    }
  }

  @Nested
  class Suppression {
    @Test
    void a_trailing_ignore_on_the_statement_line_suppresses_it() {
      String sql =
          "CREATE INDEX orders_x_idx ON orders (x); -- warden:ignore LK101,LK115 orders has 12 rows\n";
      assertThat(lint(sql))
          .extracting(Finding::rule)
          .doesNotContain("LK101", "LK115", "WD001", "WD002");
    }

    @Test
    void ignore_file_applies_to_every_statement_and_unknown_ids_are_wd001() {
      String sql =
          """
          -- warden:ignore-file LK115 lock_timeout is set by the deploy job
          ALTER TABLE orders ADD COLUMN note text;
          -- warden:ignore LK999 typo
          ALTER TABLE customers ADD COLUMN tier text;
          """;
      List<Finding> findings = lint(sql);
      assertThat(findings).extracting(Finding::rule).doesNotContain("LK115");
      assertThat(findings)
          .filteredOn(f -> f.rule().equals("WD001"))
          .singleElement()
          .satisfies(f -> assertThat(f.span().line()).isEqualTo(3))
          .extracting(Finding::message)
          .asString()
          .contains("LK999", "did you mean");
    }
  }

  static String fixSql(List<Finding> findings) {
    assertThat(findings).as("exactly one finding").hasSize(1);
    return findings.get(0).fixes().get(0).sql();
  }
}
