package dev.schemawarden.analyzers.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one scanner's comment-free text, which the sandbox guard, the tracer and the transaction table read. */
class PostgresLexerTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      SELECT E'\\'--', 1 -- gone                        | SELECT E'\\'--', 1
      SELECT E'/*', pg_read_file('x') /* gone */        | SELECT E'/*', pg_read_file('x')
      SELECT $q$--$q$, pg_read_file('x')                | SELECT $q$ $q$, pg_read_file('x')
      SELECT 'it''s -- kept'  ,   1                     | SELECT 'it''s -- kept' , 1
      /* outer /* nested */ still */ VACUUM t           | VACUUM t
      SELECT "a--b" FROM t                              | SELECT "a--b" FROM t
      SELECT $$ x /* c */ y $$                          | SELECT $$ x y $$
      """)
  void comments_go_literals_stay_whole(String sql, String expected) {
    assertThat(PostgresLexer.withoutComments(sql))
        .as("a comment marker inside a literal is no comment")
        .isEqualTo(expected);
  }

  @Test
  void a_dollar_quoted_body_is_scanned_as_code_so_its_comments_hide_nothing() {
    String sql = "DO $$ BEGIN -- a note\n  EXECUTE 'ALTER SYSTEM SET fsync = off'; END $$";
    assertThat(PostgresLexer.withoutComments(sql))
        .isEqualTo("DO $$ BEGIN EXECUTE 'ALTER SYSTEM SET fsync = off'; END $$");
  }

  @Test
  void deeply_nested_dollar_quotes_from_a_hostile_file_end_without_overflowing_the_stack() {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      open.append("$t").append(i).append('$');
      close.insert(0, "$t" + i + "$");
    }
    String sql = "SELECT " + open + " pg_read_file('x') -- c\n" + close;
    assertThat(PostgresLexer.withoutComments(sql))
        .as("bounded depth, nothing lost")
        .contains("pg_read_file('x')");
  }
}
