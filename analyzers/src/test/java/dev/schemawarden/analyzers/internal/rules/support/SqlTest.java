package dev.schemawarden.analyzers.internal.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.QualifiedName;
import org.junit.jupiter.api.Test;

class SqlTest {

  @Test
  void plain_lower_case_names_stay_bare_and_others_are_quoted() {
    assertThat(Sql.ident("orders")).isEqualTo("orders");
    assertThat(Sql.ident("Orders"))
        .as("upper case would fold to lower case if bare")
        .isEqualTo("\"Orders\"");
    assertThat(Sql.ident("user")).as("reserved word").isEqualTo("\"user\"");
    assertThat(Sql.ident("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(Sql.ident("\"Already\"")).isEqualTo("\"Already\"");
    assertThat(Sql.name(QualifiedName.of("Billing", "order"))).isEqualTo("\"Billing\".\"order\"");
  }

  @Test
  void truncation_keeps_63_bytes_without_splitting_a_character() {
    String name = "a" + "ä".repeat(40); // 81 bytes
    String kept = Sql.truncateToIdentifier(name);
    assertThat(Sql.utf8Bytes(kept)).as("the next ä would make 64").isEqualTo(63);
    assertThat(kept).isEqualTo("a" + "ä".repeat(31));
  }

  @Test
  void suffixed_and_constraint_names_fit_in_63_bytes() {
    String long64 = "x".repeat(64);
    assertThat(Sql.suffixed(long64, "retired")).hasSize(63).endsWith("x_retired");
    assertThat(Sql.constraintName(QualifiedName.of(long64), "col", "not_null"))
        .hasSize(63)
        .endsWith("_not_null");
    assertThat(Sql.constraintName(QualifiedName.of("orders"), "region", "not_null"))
        .isEqualTo("orders_region_not_null");
  }

  @Test
  void without_cascade_removes_each_cascade_option_but_not_names_containing_it() {
    assertThat(Sql.withoutCascade("DROP TABLE cascade_log CASCADE"))
        .isEqualTo("DROP TABLE cascade_log");
    assertThat(
            Sql.withoutCascade("ALTER TABLE t DROP COLUMN a CASCADE , DROP CONSTRAINT c cascade"))
        .isEqualTo("ALTER TABLE t DROP COLUMN a , DROP CONSTRAINT c");
  }
}
