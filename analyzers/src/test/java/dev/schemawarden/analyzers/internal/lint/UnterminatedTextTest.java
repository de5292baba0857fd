package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SQL000: a construct the scanner finds opened and never closed is an error at its opening, and nothing is lost. */
class UnterminatedTextTest {

  private static final String BEFORE = "CREATE TABLE refunds (id bigint);\nDROP TABLE audit_log;\n";

  static Stream<Arguments> constructs() {
    return Stream.of(
        Arguments.of(
            "dollar quote",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n SELECT 1;\nDROP TABLE x;",
            3,
            49,
            "unterminated dollar-quoted string $$ starting here: close it with $$"),
        Arguments.of(
            "tagged dollar quote",
            "DO $fn$ BEGIN PERFORM 1; END;\nDROP TABLE x;",
            3,
            4,
            "unterminated dollar-quoted string $fn$ starting here: close it with $fn$"),
        Arguments.of(
            "string",
            "UPDATE t SET a = 'oops;\nDROP TABLE x;",
            3,
            18,
            "unterminated string constant starting here: close it with '"),
        Arguments.of(
            "escape string",
            "SELECT E'it\\'s;\nDROP TABLE x;",
            3,
            8,
            "unterminated escape string E'...' starting here: close it with '"),
        Arguments.of(
            "quoted identifier",
            "ALTER TABLE \"orders;\nDROP TABLE x;",
            3,
            13,
            "unterminated quoted identifier starting here: close it with \""),
        Arguments.of(
            "block comment inside a statement",
            "SELECT 1 /* a /* nested */ still open;\nDROP TABLE x;",
            3,
            10,
            "unterminated /* comment starting here: close it with */"),
        Arguments.of(
            "block comment between statements",
            "  /* the rest is a comment;\nDROP TABLE x;",
            3,
            3,
            "unterminated /* comment starting here: close it with */"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constructs")
  void an_unterminated_construct_is_an_sql000_error_where_it_starts(
      String name, String tail, int line, int column, String message) {
    List<Finding> findings = Fixtures.lint(Fixtures.postgres(), "V1__test.sql", BEFORE + tail);
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("SQL000"))
        .as("one SQL000 for the %s", name)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).as("scanner errors block").isEqualTo(Severity.ERROR);
              assertThat(f.span().line()).as("the line where the construct starts").isEqualTo(line);
              assertThat(f.span().column())
                  .as("the column where the construct starts")
                  .isEqualTo(column);
              assertThat(f.message())
                  .as("names what is open and how to close it")
                  .startsWith(message);
            });
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("SQL001"))
        .as("the broken statement is reported once, by SQL000, not also as unclassified")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constructs")
  void the_statements_before_it_are_still_split_and_reviewed(
      String name, String tail, int line, int column, String message) {
    Migration m = Fixtures.migration(Fixtures.postgres(), "V1__test.sql", BEFORE + tail);
    assertThat(m.statements())
        .extracting(SqlStatement::sql)
        .as("nothing before the open %s is lost", name)
        .startsWith("CREATE TABLE refunds (id bigint)", "DROP TABLE audit_log");
    assertThat(m.statements()).hasSize(3);
    assertThat(m.statements().get(2).sql())
        .as("the rest of the file is one statement, as psql would send it")
        .endsWith("DROP TABLE x;");
    assertThat(Fixtures.lint(Fixtures.postgres(), "V1__test.sql", BEFORE + tail))
        .filteredOn(f -> f.rule().equals("DS101"))
        .extracting(f -> f.span().line())
        .as("the DROP before the open %s is still reviewed", name)
        .contains(2);
  }

  @Test
  void closed_constructs_give_no_sql000() {
    String sql =
        "SELECT 'a''b', E'c\\'d', \"e\"\"f\", $$g$$, $t$h$$i$t$ /* j /* k */ l */;\nSELECT 1";
    assertThat(Fixtures.lint(Fixtures.postgres(), "V1__test.sql", sql))
        .filteredOn(f -> f.rule().equals("SQL000"))
        .isEmpty();
  }

  @Test
  void a_suppression_cannot_hide_it() {
    String sql = "-- warden:ignore-file SQL000 -- trust me\nSELECT 'open;\n";
    assertThat(Fixtures.lint(Fixtures.postgres(), "V1__test.sql", sql))
        .filteredOn(f -> f.rule().equals("SQL000"))
        .as("SQL000 is not suppressible")
        .hasSize(1);
  }

  @Test
  void the_lint_settings_cannot_lower_it() {
    LintSettings lowered =
        new LintSettings(
            LintSettings.defaults().serverVersion(), Map.of("SQL000", Severity.WARNING), Set.of());
    assertThatThrownBy(() -> new LintRunner(Fixtures.postgres(), lowered, BuiltInRules.ALL))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("SQL000 in the lint settings cannot be lowered")
        .extracting(e -> ((WardenException) e).code())
        .isEqualTo(ErrorCode.CONFIG);
  }
}
