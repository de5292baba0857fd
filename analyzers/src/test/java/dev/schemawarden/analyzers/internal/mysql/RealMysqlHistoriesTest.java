package dev.schemawarden.analyzers.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlParser.ParsedSql;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.BuiltInRules;
import dev.schemawarden.analyzers.internal.lint.LintRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real public MySQL migration histories (vendored unmodified under {@code src/test/resources/histories-mysql}, each
 * with its LICENSE and SOURCE.md) split and classified by the MySQL engine: every statement is classified or reported
 * as unclassified at its exact position, nothing is dropped, and a few findings read off the SQL by hand are raised.
 */
class RealMysqlHistoriesTest {

  private static final Path ROOT = Path.of("src/test/resources/histories-mysql");
  private static final DatabaseEngine MYSQL = Engines.forName("mysql");

  /**
   * Comments, DELIMITER lines and the delimiters these histories use: all that may lie between statements. An
   * executable comment ({@code /*!40101 SET NAMES utf8 *}{@code /}) is code, so it is no comment here.
   */
  private static final Pattern BETWEEN =
      Pattern.compile(
          "/\\*(?!!|M!)(?s:.*?)\\*/|(?:--(?=\\s|$)|#)[^\\n]*|(?im)^[ \\t]*delimiter[ \\t]+[^\\n]*|d//|\\$\\$|//|;");

  record Parsed(String path, String text, ParsedSql sql) {}

  private static List<Parsed> history(String name) {
    Path dir = ROOT.resolve(name);
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".sql"))
          .sorted()
          .map(
              p -> {
                String path = name + "/" + dir.relativize(p).toString().replace('\\', '/');
                String text = read(p);
                return new Parsed(path, text, MYSQL.parser().parse(path, text));
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Offset of a 1-based line and column, counted independently of the splitter's own line index. */
  private static int offset(String text, int line, int column) {
    int at = 0;
    for (int l = 1; l < line; l++) {
      at = text.indexOf('\n', at) + 1;
    }
    return at + column - 1;
  }

  @ParameterizedTest(name = "{0}: {1} files, {2} statements, {3} unclassified")
  @CsvSource({"ranger,73,657,0", "dolphinscheduler,18,729,3", "kratos,60,54,0"})
  void every_statement_is_found_at_its_exact_position_and_nothing_between_them_is_code(
      String name, int files, int statements, int unclassified) {
    List<Parsed> history = history(name);
    assertThat(history).as("vendored files of %s", name).hasSize(files);
    int count = 0;
    int unknown = 0;
    for (Parsed p : history) {
      StringBuilder rest = new StringBuilder(p.text());
      for (SqlStatement st : p.sql().statements()) {
        int start = offset(p.text(), st.line(), st.span().column());
        assertThat(p.text().startsWith(st.sql(), start))
            .as(
                "%s:%d:%d holds the statement's text: %s",
                p.path(), st.line(), st.span().column(), st.sql())
            .isTrue();
        int end = start + st.sql().length();
        assertThat(offset(p.text(), st.span().endLine(), st.span().endColumn()))
            .as("%s:%d: the span ends where the statement text does", p.path(), st.line())
            .isIn(end, end - 1);
        assertThat(st.scanError())
            .as("%s:%d: real, working histories have no scan error", p.path(), st.line())
            .isEmpty();
        for (int i = start; i < end; i++) {
          rest.setCharAt(i, ' ');
        }
        unknown += st.change() instanceof Change.Unknown ? 1 : 0;
      }
      // Independent of the splitter: once the statements are blanked out, only comments, DELIMITER
      // lines and delimiters may remain; any other character is a statement that was dropped.
      assertThat(BETWEEN.matcher(rest).replaceAll("").strip())
          .as("%s: text outside every statement must be comments and delimiters only", p.path())
          .isEmpty();
      count += p.sql().statements().size();
    }
    assertThat(count)
        .as("%s: statements, pinned after reading the files", name)
        .isEqualTo(statements);
    assertThat(unknown).as("%s: unclassified statements", name).isEqualTo(unclassified);
  }

  @Test
  void
      a_double_dash_without_a_space_is_code_as_mysql_reads_it_and_is_reported_unclassified_at_its_line() {
    // "--DROP ..." is not a comment for MySQL (it needs "-- "), so the server gets "- -DROP ..."
    // and refuses it: the statement must surface as unclassified at its own line, not vanish as a
    // comment.
    List<String> unknown =
        history("dolphinscheduler").stream()
            .flatMap(
                p ->
                    p.sql().statements().stream()
                        .filter(st -> st.change() instanceof Change.Unknown)
                        .map(st -> p.path() + ":" + st.line() + " " + st.sql()))
            .toList();
    assertThat(unknown)
        .as("unclassified statements with file and line")
        .containsExactly(
            "dolphinscheduler/3.2.1_schema/mysql/dolphinscheduler_ddl.sql:19 "
                + "--DROP PROCEDURE if EXISTS modify_data_t_ds_dq_rule_input_entry",
            "dolphinscheduler/3.2.1_schema/mysql/dolphinscheduler_ddl.sql:39 "
                + "--DROP PROCEDURE if EXISTS modify_data_value_t_ds_dq_rule_input_entry",
            "dolphinscheduler/3.2.2_schema/mysql/dolphinscheduler_ddl.sql:31 "
                + "--DROP PROCEDURE if EXISTS modify_data_t_ds_audit_log_input_entry");
  }

  @Test
  void delimiter_blocks_keep_each_routine_one_statement() {
    Parsed ranger =
        history("ranger").stream()
            .filter(p -> p.path().endsWith("013-permissionmodel.sql"))
            .findFirst()
            .orElseThrow();
    assertThat(ranger.sql().statements())
        .extracting(st -> st.line() + "-" + st.span().endLine())
        .as("DELIMITER $$ with DROP PROCEDURE ..$$ and CREATE PROCEDURE .. END $$, read by hand")
        .containsExactly(
            "16-16", "17-17", "18-18", "19-28", "31-31", "32-36", "41-41", "42-49", "51-51",
            "53-67", "69-83");
    assertThat(ranger.sql().statements().get(5).change())
        .as("the routine body is not split at its ;")
        .isInstanceOf(Change.Other.class)
        .hasFieldOrPropertyWithValue("keywords", "CREATE PROCEDURE");
  }

  @Test
  void a_mysqldump_base_keeps_its_executable_comments_as_statements() {
    Parsed dump =
        history("ranger").stream()
            .filter(p -> p.path().equals("ranger/base/xa_audit_db.sql"))
            .findFirst()
            .orElseThrow();
    List<String> lines =
        dump.sql().statements().stream()
            .map(st -> st.line() + " " + st.change().getClass().getSimpleName())
            .toList();
    assertThat(lines)
        .as("/*!40101 .. */; lines are sent to the server and must be reviewed, read by hand")
        .hasSize(19)
        .startsWith("22 SetParameter")
        .contains(
            "29 SetParameter",
            "40 CreateTable",
            "77 Other",
            "78 AlterTable",
            "79 AlterTable",
            "80 Other");
    assertThat(dump.sql().statements().get(7).sql())
        .as("line 29 keeps both assignments and its version comment")
        .isEqualTo(
            "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */");
  }

  @Test
  void
      a_quote_left_open_in_a_real_routine_swallows_the_rest_as_one_statement_reported_at_the_quote() {
    // Hostile or broken input: the file's last closing quote removed, inside a DELIMITER d//
    // procedure. Nothing after the quote may be reviewed as code the server runs, and the error
    // names the line and column of the quote.
    String path = "dolphinscheduler/3.2.1_schema/mysql/dolphinscheduler_ddl.sql";
    String original = read(ROOT.resolve(path));
    int closing = original.lastIndexOf('\'');
    String text = original.substring(0, closing) + original.substring(closing + 1);
    int opening = text.lastIndexOf('\'');
    int line = (int) text.substring(0, opening).chars().filter(c -> c == '\n').count() + 1;
    int column = opening - text.lastIndexOf('\n', opening);
    List<SqlStatement> before = MYSQL.parser().parse(path, original).statements();
    Parsed p = new Parsed(path, text, MYSQL.parser().parse(path, text));

    SqlStatement open = p.sql().statements().get(p.sql().statements().size() - 1);
    assertThat(open.line())
        .as("the open string is in the last routine, at its CREATE PROCEDURE")
        .isEqualTo(164)
        .isLessThan(line);
    List<String> expected =
        new ArrayList<>(
            before.stream().filter(st -> st.line() < open.line()).map(SqlStatement::sql).toList());
    expected.add(open.sql());
    assertThat(p.sql().statements())
        .extracting(SqlStatement::sql)
        .as("every statement before it stays whole")
        .containsExactlyElementsOf(expected);
    assertThat(open.scanError())
        .as("the open string, at its quote")
        .hasValueSatisfying(
            e -> {
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.message()).contains("never closed");
            });
    assertThat(text).as("the rest of the file is inside that one statement").endsWith(open.sql());
    assertThat(lint(p, "8.4"))
        .as("SQL000 at the quote, so the review cannot pass silently")
        .anySatisfy(f -> assertThat(f.rule() + "@" + f.span().line()).isEqualTo("SQL000@" + line));
  }

  static List<Finding> lint(Parsed p, String version) {
    Migration m =
        new Migration(
            p.path(),
            MigrationTool.PLAIN,
            Migration.Kind.VERSIONED,
            Optional.empty(),
            "real",
            false,
            p.sql().statements(),
            p.sql().comments());
    LintSettings settings = new LintSettings(ServerVersion.parse(version), Map.of(), Set.of());
    return new LintRunner(MYSQL, settings, BuiltInRules.ALL).lint(List.of(m));
  }

  @Test
  void findings_read_off_the_sql_by_hand_are_raised_at_their_lines_and_no_rule_crashes() {
    List<String> found = new ArrayList<>();
    for (String name : List.of("ranger", "dolphinscheduler", "kratos")) {
      for (Parsed p : history(name)) {
        for (Finding f : lint(p, "8.0.28")) {
          found.add(f.rule() + " " + p.path() + ":" + f.span().line());
        }
      }
    }
    assertThat(found)
        .as("no rule crashed on real SQL, no statement is left unterminated")
        .noneMatch(f -> f.startsWith("INTERNAL") || f.startsWith("SQL000"));
    assertThat(found)
        .as("each read by hand in the file")
        .contains(
            // ALTER TABLE `courier_messages` MODIFY `body` text NOT NULL: a column type change
            // copies the table, and nothing set lock_wait_timeout before it.
            "MY101 kratos/20191100000011000000_courier_body_type.mysql.up.sql:1",
            "MY103 kratos/20191100000011000000_courier_body_type.mysql.up.sql:1",
            // alter table t_ds_access_token CONVERT TO CHARACTER SET utf8 COLLATE utf8_bin: a copy,
            // to utf8mb3.
            "MY107 dolphinscheduler/3.2.0_schema/mysql/dolphinscheduler_ddl.sql:357",
            "MY108 dolphinscheduler/3.2.0_schema/mysql/dolphinscheduler_ddl.sql:357",
            // CREATE TABLE `t_ds_dq_comparison_type` (..) ENGINE=InnoDB DEFAULT CHARSET=utf8, ten
            // lines long.
            "MY108 dolphinscheduler/3.0.0_schema/mysql/dolphinscheduler_ddl.sql:502",
            // drop procedure, create procedure (a DELIMITER ;; block from line 19), call, drop
            // procedure: not atomic.
            "MY104 ranger/004-assetconfigsize.sql:19");
    assertThat(found)
        .as(
            "kratos names no character set, so the server default (utf8mb4 on 8.0) holds: no utf8mb3 finding")
        .noneMatch(f -> f.startsWith("MY108 kratos/"));
  }
}
