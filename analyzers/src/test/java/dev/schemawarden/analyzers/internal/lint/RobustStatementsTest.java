package dev.schemawarden.analyzers.internal.lint;

import static dev.schemawarden.analyzers.internal.lint.RuleTesting.findings;
import static dev.schemawarden.analyzers.internal.lint.RuleTesting.onlyFixSql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import org.junit.jupiter.api.Test;

/** SQL003 prefer-robust-statements beyond its fixtures. */
class RobustStatementsTest {

  private static final String OUTSIDE = "-- run-in-transaction: false\n";

  @Test
  void inside_a_transaction_a_failure_rolls_back_so_nothing_is_reported() {
    assertThat(findings("SQL003", "CREATE TABLE refunds (id bigint);\nDROP TABLE orders;"))
        .isEmpty();
  }

  @Test
  void an_explicit_begin_makes_the_statements_transactional() {
    assertThat(findings("SQL003", OUTSIDE + "BEGIN;\nCREATE TABLE refunds (id bigint);\nCOMMIT;"))
        .isEmpty();
  }

  @Test
  void an_unnamed_index_cannot_be_made_re_runnable_so_it_gets_no_fix() {
    assertThat(findings("SQL003", OUTSIDE + "CREATE INDEX ON orders (created_at);"))
        .singleElement()
        .satisfies(f -> assertThat(f.fixes()).isEmpty())
        .extracting(Finding::message)
        .asString()
        .contains("has no name");
  }

  @Test
  void every_drop_column_of_an_alter_gets_if_exists() {
    String fix =
        onlyFixSql(
            findings("SQL003", OUTSIDE + "ALTER TABLE orders DROP COLUMN a, DROP COLUMN b;"));
    assertThat(fix)
        .isEqualTo("ALTER TABLE orders DROP COLUMN IF EXISTS a, DROP COLUMN IF EXISTS b");
  }

  @Test
  void is_off_unless_configured() {
    assertThat(BuiltInRules.ALL)
        .filteredOn(r -> r.meta().id().equals("SQL003"))
        .singleElement()
        .satisfies(r -> assertThat(r.meta().defaultSeverity().name()).isEqualTo("OFF"));
  }
}
