package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Edge and hostile cases of the rules added to match Squawk, Eugene and strong_migrations (docs/rules/peers.md). */
class PeerRulesTest {

  private static List<Finding> only(String id, String sql) {
    return Fixtures.lint(Fixtures.postgres(), "V1__x.sql", sql).stream()
        .filter(f -> f.rule().equals(id))
        .toList();
  }

  @Nested
  class PrimaryKeyUsingIndex {
    @Test
    void a_column_added_not_null_earlier_needs_no_scan() {
      String sql =
          """
          ALTER TABLE accounts ADD COLUMN code text NOT NULL DEFAULT 'x';
          CREATE UNIQUE INDEX accounts_code_idx ON accounts (code);
          ALTER TABLE accounts ADD PRIMARY KEY USING INDEX accounts_code_idx;
          """;
      assertThat(only("LK125", sql))
          .as("code was added NOT NULL, so the primary key is instant")
          .isEmpty();
    }

    @Test
    void only_the_columns_not_proven_are_named_and_fixed() {
      String sql =
          """
          CREATE UNIQUE INDEX accounts_pk_idx ON accounts (tenant_id, id);
          ALTER TABLE accounts ALTER COLUMN tenant_id SET NOT NULL;
          ALTER TABLE accounts ADD PRIMARY KEY USING INDEX accounts_pk_idx;
          """;
      Finding f = only("LK125", sql).get(0);
      assertThat(f.message())
          .as("id is the unproven column")
          .contains("id is NOT NULL")
          .doesNotContain("tenant_id,");
      assertThat(f.fixes().get(0).sql())
          .as("the fix proves only id")
          .contains("CHECK (id IS NOT NULL) NOT VALID")
          .doesNotContain("CHECK (tenant_id");
    }

    @Test
    void a_hostile_index_name_is_quoted_in_the_fix_and_never_matches_another_index() {
      String sql =
          """
          CREATE UNIQUE INDEX "x; DROP TABLE users; --" ON accounts (id);
          ALTER TABLE accounts ALTER COLUMN id SET NOT NULL;
          ALTER TABLE accounts ADD PRIMARY KEY USING INDEX other_idx;
          """;
      List<Finding> found = only("LK125", sql);
      assertThat(found)
          .as("other_idx was not created here: its columns are unknown, so it is reported")
          .hasSize(1);
      assertThat(found.get(0).fixes().get(0).sql())
          .as("the unknown index is named as an identifier")
          .contains("for each column of other_idx")
          .doesNotContain("DROP TABLE users");
    }
  }

  @Nested
  class DuplicateColumns {
    @Test
    void unquoted_names_fold_to_lower_case_but_quoted_ones_keep_theirs() {
      assertThat(only("SQL004", "CREATE TABLE t (amount int, AMOUNT int);\n"))
          .as("amount and AMOUNT are one column to PostgreSQL")
          .hasSize(1);
      assertThat(only("SQL004", "CREATE TABLE t (amount int, \"Amount\" int);\n"))
          .as("\"Amount\" is another column")
          .isEmpty();
    }

    @Test
    void a_mangled_set_list_is_never_a_crash() {
      for (String sql :
          List.of(
              "UPDATE t SET (a, a = 1;\n",
              "UPDATE t SET;\n",
              "UPDATE t SET = = , , (;\n",
              "UPDATE t SET a = (SELECT 1 WHERE a = 2), a = 3 WHERE (;\n")) {
        assertThat(only("INTERNAL", sql)).as("no rule crashes on %s", sql).isEmpty();
      }
      assertThat(only("SQL004", "UPDATE t SET a = (SELECT 1 FROM u WHERE u.a = 2), a = 3;\n"))
          .as("a subquery's own FROM and WHERE do not end the SET list")
          .hasSize(1);
    }

    @Test
    void each_duplicated_column_is_named_once() {
      Finding f = only("SQL004", "CREATE TABLE t (a int, a int, a text, b int);\n").get(0);
      assertThat(f.message())
          .as("one mention of a, none of b")
          .contains("declares a more than once")
          .doesNotContain("b ");
    }
  }

  @Nested
  class Transactions {
    @Test
    void a_commit_in_a_migration_the_tool_does_not_wrap_is_not_nesting() {
      String sql = "-- run-in-transaction: false\nALTER TABLE orders ADD COLUMN a text;\nCOMMIT;\n";
      assertThat(only("TX102", sql)).as("no transaction is open to end").isEmpty();
    }

    @Test
    void rollback_of_the_tools_transaction_is_reported_once() {
      String sql = "ALTER TABLE orders ADD COLUMN a text;\nROLLBACK;\n";
      assertThat(only("TX102", sql))
          .singleElement()
          .extracting(Finding::message)
          .asString()
          .contains("ROLLBACK ends the transaction");
    }

    @Test
    void a_savepoint_does_not_release_the_lock_before_validate() {
      String sql =
          """
          ALTER TABLE orders ADD CONSTRAINT orders_fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID;
          SAVEPOINT s;
          ALTER TABLE orders VALIDATE CONSTRAINT orders_fk;
          """;
      assertThat(only("LK126", sql)).as("locks survive a savepoint").hasSize(1);
    }

    @Test
    void a_weak_lock_earlier_does_not_make_validate_block_writes() {
      String sql =
          """
          CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_c_idx ON orders (c);
          ALTER TABLE orders VALIDATE CONSTRAINT orders_fk;
          """;
      assertThat(only("LK126", "-- run-in-transaction: false\n" + sql)).isEmpty();
      assertThat(
              only(
                  "LK126",
                  "ALTER TABLE orders SET (fillfactor = 70);\n"
                      + "ALTER TABLE orders VALIDATE CONSTRAINT orders_fk;\n"))
          .as("SHARE UPDATE EXCLUSIVE does not block writes")
          .isEmpty();
    }
  }

  @Nested
  class EnumValues {
    @Test
    void bc107_and_bc109_never_report_the_same_statement() {
      String sql = "ALTER TYPE s ADD VALUE 'a';\nALTER TYPE s ADD VALUE 'b' AFTER 'a';\n";
      assertThat(only("BC109", sql)).singleElement().extracting(f -> f.span().line()).isEqualTo(1);
      assertThat(only("BC107", sql)).singleElement().extracting(f -> f.span().line()).isEqualTo(2);
    }

    @Test
    void a_quote_in_the_value_is_doubled_in_the_fix() {
      Finding f = only("BC109", "ALTER TYPE s ADD VALUE 'it''s';\n").get(0);
      assertThat(f.fixes().get(0).sql()).as("the value stays one literal").contains("'it''s'");
    }
  }

  @Nested
  class SetSchema {
    @Test
    void a_hostile_schema_name_stays_one_identifier_in_the_fix() {
      Finding f =
          only("BC110", "ALTER TABLE orders SET SCHEMA \"x; DROP TABLE users; --\";\n").get(0);
      assertThat(f.fixes().get(0).sql())
          .as("the view reads from the quoted schema, never runs its text")
          .contains("FROM \"x; DROP TABLE users; --\".orders");
    }

    @Test
    void the_fix_passes_its_own_review() {
      Finding f = only("BC110", "ALTER TABLE orders SET SCHEMA billing;\n").get(0);
      assertThat(only("BC110", f.fixes().get(0).sql() + "\n"))
          .as("the view under the old name clears it")
          .isEmpty();
    }
  }

  @Nested
  class LockTimeout {
    @Test
    void lock_table_with_a_mode_postgres_does_not_know_is_judged_as_the_default() {
      assertThat(only("LK115", "LOCK TABLE orders IN ACCESS SHARE MODE;\n")).isEmpty();
      assertThat(only("LK115", "LOCK TABLE orders IN (SELECT 1) MODE;\n"))
          .as("an unknown mode is not trusted to be weak")
          .hasSize(1);
    }

    @Test
    void drop_trigger_on_a_table_created_in_the_change_is_not_reported() {
      String sql = "CREATE TABLE audit_log (id bigint);\nDROP TRIGGER t ON audit_log;\n";
      assertThat(only("LK115", sql)).as("nobody waits on a new table").isEmpty();
    }
  }
}
