package dev.schemawarden.analyzers.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemawarden.analyzers.api.SqlComment;
import dev.schemawarden.analyzers.internal.postgres.PostgresStatementSplitter.Kind;
import dev.schemawarden.analyzers.internal.postgres.PostgresStatementSplitter.RawStatement;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PostgresStatementSplitterTest {
  private final PostgresStatementSplitter splitter = new PostgresStatementSplitter();

  private List<RawStatement> split(String sql) {
    return splitter.split(sql, 1).statements();
  }

  @Test
  void positions_are_exact_first_and_last_character_of_each_statement() {
    List<RawStatement> st = split("SELECT 1;\n  CREATE TABLE t (\n    id int\n  );\n");
    assertThat(st)
        .extracting(
            RawStatement::sql,
            RawStatement::line,
            RawStatement::column,
            RawStatement::endLine,
            RawStatement::endColumn)
        .containsExactly(
            tuple("SELECT 1", 1, 1, 1, 8), tuple("CREATE TABLE t (\n    id int\n  )", 2, 3, 4, 3));
  }

  @Test
  void first_line_offsets_lines_but_not_columns() {
    List<RawStatement> st = split("  SELECT 1;\nSELECT 2");
    List<RawStatement> shifted = splitter.split("  SELECT 1;\nSELECT 2", 40).statements();
    assertThat(shifted)
        .extracting(RawStatement::line, RawStatement::column)
        .containsExactly(tuple(40, 3), tuple(41, 1));
    assertThat(st).extracting(RawStatement::line).containsExactly(1, 2);
  }

  @Test
  void last_statement_without_semicolon_is_kept_and_empty_statements_are_skipped() {
    assertThat(split(";;SELECT 1;; ;\nSELECT 2\n\n"))
        .extracting(RawStatement::sql)
        .containsExactly("SELECT 1", "SELECT 2");
  }

  @Nested
  class Quoting {
    @Test
    void semicolons_in_strings_with_doubled_quotes_do_not_split() {
      assertThat(split("INSERT INTO t VALUES ('it''s; ok');SELECT 2"))
          .extracting(RawStatement::sql)
          .containsExactly("INSERT INTO t VALUES ('it''s; ok')", "SELECT 2");
    }

    @Test
    void e_strings_honour_backslash_escapes() {
      assertThat(split("SELECT E'a\\';b';SELECT 2"))
          .extracting(RawStatement::sql)
          .as("\\' inside E'' does not end the string")
          .containsExactly("SELECT E'a\\';b'", "SELECT 2");
    }

    @Test
    void a_plain_string_ending_in_backslash_ends_at_the_quote() {
      assertThat(split("SELECT 'a\\';SELECT 2"))
          .extracting(RawStatement::sql)
          .as("standard_conforming_strings: backslash is not an escape in ''")
          .containsExactly("SELECT 'a\\'", "SELECT 2");
    }

    @Test
    void dollar_quotes_with_and_without_tags_keep_their_bodies_whole() {
      String fn =
          "CREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN\n  PERFORM 1; RETURN $$x;$$;\nEND;\n$fn$ LANGUAGE plpgsql";
      List<RawStatement> st = split(fn + ";\nDO $$ BEGIN PERFORM 1; END $$;");
      assertThat(st)
          .extracting(RawStatement::sql)
          .containsExactly(fn, "DO $$ BEGIN PERFORM 1; END $$");
      assertThat(st.get(1).line()).isEqualTo(6);
    }

    @Test
    void positional_parameters_and_dollars_inside_identifiers_are_not_dollar_quotes() {
      assertThat(split("PREPARE p AS SELECT $1;SELECT a$b$ FROM t;SELECT 3"))
          .extracting(RawStatement::sql)
          .containsExactly("PREPARE p AS SELECT $1", "SELECT a$b$ FROM t", "SELECT 3");
    }

    @Test
    void quoted_identifiers_may_contain_semicolons() {
      assertThat(split("CREATE TABLE \"a;b\" (\"x\"\"y;\" int);SELECT 2"))
          .extracting(RawStatement::sql)
          .containsExactly("CREATE TABLE \"a;b\" (\"x\"\"y;\" int)", "SELECT 2");
    }

    @Test
    void an_unterminated_string_runs_to_the_end_and_is_not_dropped() {
      assertThat(split("SELECT 1; SELECT 'oops; SELECT 3"))
          .extracting(RawStatement::sql)
          .containsExactly("SELECT 1", "SELECT 'oops; SELECT 3");
    }
  }

  @Nested
  class Comments {
    @Test
    void line_and_nested_block_comments_are_returned_with_positions_and_without_markers() {
      var split =
          splitter.split(
              "-- warden:ignore LK101 reason\nSELECT /* outer /* inner; */ still; */ 1;\n  /* tail */",
              1);
      assertThat(split.statements())
          .extracting(RawStatement::sql)
          .containsExactly("SELECT /* outer /* inner; */ still; */ 1");
      assertThat(split.comments())
          .containsExactly(
              new SqlComment(1, 1, "warden:ignore LK101 reason"),
              new SqlComment(2, 8, "outer /* inner; */ still;"),
              new SqlComment(3, 3, "tail"));
    }

    @Test
    void a_statement_starts_after_leading_comments_and_ends_before_trailing_ones() {
      List<RawStatement> st = split("/* a */ SELECT 1 -- b\n;");
      assertThat(st)
          .extracting(RawStatement::sql, RawStatement::column, RawStatement::endColumn)
          .containsExactly(tuple("SELECT 1", 9, 16));
    }

    @Test
    void semicolons_in_line_comments_do_not_split() {
      assertThat(split("SELECT 1 -- x; y\n+ 1;"))
          .extracting(RawStatement::sql)
          .containsExactly("SELECT 1 -- x; y\n+ 1");
    }
  }

  @Nested
  class Psql {
    @Test
    void meta_commands_become_their_own_statements() {
      List<RawStatement> st = split("\\connect db\nSELECT 1;\n  \\i other.sql\n\\set x 'a;b'\n");
      assertThat(st)
          .extracting(
              RawStatement::kind, RawStatement::sql, RawStatement::line, RawStatement::column)
          .containsExactly(
              tuple(Kind.META, "\\connect db", 1, 1),
              tuple(Kind.SQL, "SELECT 1", 2, 1),
              tuple(Kind.META, "\\i other.sql", 3, 3),
              tuple(Kind.META, "\\set x 'a;b'", 4, 1));
    }

    @Test
    void a_meta_command_after_an_unterminated_statement_ends_it_without_losing_it() {
      assertThat(split("SELECT 1\n\\gset\nSELECT 2;"))
          .extracting(RawStatement::sql)
          .containsExactly("SELECT 1", "\\gset", "SELECT 2");
    }

    @Test
    void copy_from_stdin_data_belongs_to_the_copy_statement() {
      String sql = "COPY t (a, b) FROM stdin;\n1\tx;y\n2\t'z\n\\.\nSELECT 2;";
      List<RawStatement> st = split(sql);
      assertThat(st)
          .extracting(RawStatement::sql, RawStatement::command)
          .containsExactly(
              tuple("COPY t (a, b) FROM stdin;\n1\tx;y\n2\t'z\n\\.", "COPY t (a, b) FROM stdin"),
              tuple("SELECT 2", "SELECT 2"));
      assertThat(st.get(0))
          .extracting(RawStatement::endLine, RawStatement::endColumn)
          .as("the span ends at the dot of \\.")
          .containsExactly(4, 2);
      assertThat(st.get(1).line()).isEqualTo(5);
    }

    @Test
    void copy_to_stdout_has_no_data() {
      assertThat(split("COPY t TO stdout;\nSELECT 2;"))
          .extracting(RawStatement::sql)
          .containsExactly("COPY t TO stdout", "SELECT 2");
    }
  }

  @Nested
  class Bodies {
    @Test
    void begin_atomic_bodies_do_not_split() {
      String fn =
          "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
              + "  SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END;\n  SELECT a;\nEND";
      assertThat(split(fn + ";\nSELECT 2;"))
          .extracting(RawStatement::sql)
          .containsExactly(fn, "SELECT 2");
    }

    @Test
    void procedures_with_begin_atomic_also_nest() {
      String p = "CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END";
      assertThat(split(p + "; BEGIN; COMMIT;"))
          .extracting(RawStatement::sql)
          .as("a transaction BEGIN outside a routine header still splits")
          .containsExactly(p, "BEGIN", "COMMIT");
    }

    @Test
    void semicolons_inside_parentheses_do_not_split() {
      assertThat(
              split(
                  "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));"))
          .hasSize(1);
    }
  }

  @Test
  void crlf_files_keep_editor_line_numbers() {
    List<RawStatement> st = split("SELECT 1;\r\nSELECT 2;\r\n");
    assertThat(st)
        .extracting(RawStatement::sql, RawStatement::line, RawStatement::column)
        .containsExactly(tuple("SELECT 1", 1, 1), tuple("SELECT 2", 2, 1));
  }
}
