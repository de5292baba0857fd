package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LK121 advises combining ALTERs only where the combined statement would not still carry their errors. */
class MultipleAlterTableAdviceTest {

  @Test
  void the_readme_example_gets_no_combined_statement_because_each_alter_is_itself_an_error() {
    List<Finding> lk121 =
        RuleTesting.findings(
            "LK121",
            """
        ALTER TABLE orders ADD COLUMN tracking_id uuid DEFAULT gen_random_uuid();
        CREATE INDEX orders_customer_id_idx ON orders (customer_id);
        ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
        ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
        """);

    assertThat(lk121).as("the ALTERs at lines 3 and 4 repeat the lock on orders").hasSize(2);
    assertThat(lk121)
        .as("a combined ALTER would still rewrite and scan: no such fix")
        .allSatisfy(f -> assertThat(f.fixes()).isEmpty())
        .allSatisfy(f -> assertThat(f.message()).contains("not worth combining"))
        .allSatisfy(f -> assertThat(f.concern()).isEqualTo("lock-held:orders"));
  }

  @Test
  void harmless_alters_are_combined_and_the_dangerous_one_is_left_out() {
    List<Finding> lk121 =
        RuleTesting.findings(
            "LK121",
            """
        ALTER TABLE orders ADD COLUMN note text;
        ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
        ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
        """);

    Finding last = lk121.stream().filter(f -> f.span().line() == 3).findFirst().orElseThrow();
    assertThat(last.fixes())
        .singleElement()
        .satisfies(
            fix ->
                assertThat(fix.sql())
                    .as("only the two cheap ADD COLUMNs are folded together")
                    .contains("ADD COLUMN note text")
                    .contains("ADD COLUMN shipped_at timestamptz")
                    .doesNotContain("TYPE bigint"));
  }
}
