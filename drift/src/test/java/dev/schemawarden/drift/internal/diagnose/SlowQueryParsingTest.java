package dev.schemawarden.drift.internal.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DG111's two gates on production's text: which statements may be explained, which filters name an index. */
class SlowQueryParsingTest {

  @Test
  void a_plain_select_with_parameters_comments_and_quoted_names_passes() {
    assertThat(QueryText.refusal("SELECT * FROM \"we\"\"ird\" WHERE \"c--\" = $1 /* a */ -- */ x"))
        .as("comments and quoted names are not statements")
        .isEmpty();
    assertThat(QueryText.parameterised("SELECT 1 WHERE a = $12")).isTrue();
  }

  @Test
  void anything_but_one_plain_select_is_refused() {
    assertThat(QueryText.refusal("SELECT 1 /* ; DROP TABLE victim; */"))
        .as("a ';' even in a comment")
        .contains("it holds a ';'");
    assertThat(QueryText.refusal("SELECT \"a;b\" FROM t")).contains("it holds a ';'");
    assertThat(QueryText.refusal("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"))
        .contains("it is not a SELECT");
    assertThat(QueryText.refusal("/* x */ UPDATE t SET a = $1")).contains("it is not a SELECT");
    assertThat(QueryText.refusal("SELECT * INTO copy FROM t"))
        .contains("SELECT ... INTO creates a table");
    assertThat(QueryText.refusal("SELECT 1 /* open")).contains("a comment is not closed");
    assertThat(QueryText.refusal("SELECT 'open")).contains("a quote is not closed");
    assertThat(QueryText.refusal("SELECT $q$x$q$")).contains("it holds a dollar-quoted string");
    assertThat(QueryText.refusal("SELECT data ? 'k' FROM t"))
        .as("the driver's placeholder")
        .contains("it holds '?'");
    assertThat(QueryText.refusal("SELECT \"into\" FROM t")).as("a quoted name is a name").isEmpty();
  }

  @Test
  void equalities_then_one_range_of_plain_columns_of_the_scanned_relation() {
    assertThat(PlanFilter.candidateColumns("(orders.customer_id = $1)", "orders"))
        .containsExactly("customer_id");
    assertThat(
            PlanFilter.candidateColumns(
                "((o.created > $2) AND (o.status = 'new'::text) AND (o.shop = 5))", "o"))
        .containsExactly("status", "shop", "created");
    assertThat(PlanFilter.candidateColumns("(\"we\"\"ird\".\"c\"\"ol\" = ($1)::bigint)", "we\"ird"))
        .containsExactly("c\"ol");
  }

  @Test
  void expressions_casts_other_relations_and_or_are_never_guessed_at() {
    assertThat(PlanFilter.candidateColumns("(lower(t.email) = $1)", "t")).isEmpty();
    assertThat(PlanFilter.candidateColumns("((t.code)::text = $1)", "t")).isEmpty();
    assertThat(PlanFilter.candidateColumns("(t.a = c.id)", "t")).as("a join column").isEmpty();
    assertThat(PlanFilter.candidateColumns("(c.a = $1)", "t"))
        .as("another relation's column")
        .isEmpty();
    assertThat(PlanFilter.candidateColumns("((t.a = $1) OR (t.b = $2))", "t")).isEmpty();
    assertThat(PlanFilter.candidateColumns("((t.a = $1) AND (lower(t.b) = $2))", "t"))
        .as("only the plain part")
        .containsExactly("a");
  }

  @Test
  void
      and_or_and_parentheses_inside_quoted_constants_and_names_do_not_split_or_unwrap_the_filter() {
    assertThat(PlanFilter.candidateColumns("((t.a = 'x) OR (y') AND (t.b = $1))", "t"))
        .as("OR and parentheses inside a string constant are text, not structure")
        .containsExactly("a", "b");
    assertThat(PlanFilter.candidateColumns("((t.\"p AND q)\" = $1) AND (t.c = 'it''s AND'))", "t"))
        .as("AND inside a quoted name or a string with a doubled quote splits nothing")
        .containsExactly("p AND q)", "c");
    assertThat(PlanFilter.unwrap("(t.a = $1) AND (t.b = $2)"))
        .as("two groups are not one pair of parentheses")
        .isEqualTo("(t.a = $1) AND (t.b = $2)");
    assertThat(PlanFilter.unwrap("(t.a = ')')"))
        .as("a parenthesis in a string closes nothing")
        .isEqualTo("t.a = ')'");
    assertThat(PlanFilter.conjuncts("t.a = 'unclosed AND x"))
        .as("an unclosed quote runs to the end")
        .containsExactly("t.a = 'unclosed AND x");
  }
}
