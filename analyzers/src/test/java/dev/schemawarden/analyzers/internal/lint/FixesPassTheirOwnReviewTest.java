package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fix must pass its own review: for every rule's {@code bad.sql}, each finding's first fix is put in place of its
 * statement and the file is linted again; no finding of the same concern may remain at error where the fix went (or
 * anywhere in the file, for a migration-wide concern).
 */
class FixesPassTheirOwnReviewTest {

  /**
   * Rules whose fix adds a safeguard in front of the very operation the author asked for (a backup before TRUNCATE,
   * a proof of non-use before DROP TYPE): the operation is what the rule reports, so it stays an error that a person
   * approves (POL001). Every other rule's fix must clear its own concern.
   */
  private static final java.util.Set<String> SAFEGUARD_ONLY = java.util.Set.of("DS105", "DS109");

  static Stream<String> ruleIds() throws java.io.IOException {
    return RuleFixturesTest.ruleIds();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleIds")
  void applying_the_suggested_fix_leaves_no_error_of_the_same_concern(String id) {
    String path = "rules/" + id + "/bad.sql";
    String bad = Fixtures.read(Fixtures.rulesDir().resolve(id).resolve("bad.sql"));
    DatabaseEngine engine = Fixtures.engineOf(bad);

    for (Finding f : Fixtures.lint(engine, path, bad)) {
      if (!f.rule().equals(id)
          || f.fixes().isEmpty()
          || f.statementSql().isEmpty()
          || SAFEGUARD_ONLY.contains(id)) {
        continue;
      }
      Fix fix = f.fixes().get(0);
      Applied applied = apply(bad, f, fix.sql());
      List<Finding> after = Fixtures.lint(engine, path, applied.text());

      assertThat(after)
          .as(
              "%s line %d: after its fix (%s)%n%s%nthe same concern %s remains at error",
              id, f.span().line(), fix.description(), fix.sql(), f.concern())
          .noneMatch(
              a ->
                  a.concern().equals(f.concern())
                      && a.severity() == Severity.ERROR
                      && (Concerns.migrationWide(a.concern())
                          || (a.span().line() >= applied.from()
                              && a.span().line() <= applied.to())));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleIds")
  void the_rule_page_names_the_concern_its_findings_carry(String id) {
    String doc = Fixtures.read(Fixtures.repoRoot().resolve("docs/rules/" + id + ".md"));
    String path = "rules/" + id + "/bad.sql";
    String bad = Fixtures.read(Fixtures.rulesDir().resolve(id).resolve("bad.sql"));
    String concernLine =
        doc.lines().filter(l -> l.startsWith("**Concern:**")).findFirst().orElse("");

    assertThat(concernLine)
        .as("docs/rules/%s.md says its concern in a **Concern:** line", id)
        .isNotEmpty();
    for (Finding f : Fixtures.lint(Fixtures.engineOf(bad), path, bad)) {
      if (f.rule().equals(id)) {
        String kind =
            f.concern().contains(":")
                ? f.concern().substring(0, f.concern().indexOf(':') + 1)
                : f.concern();
        assertThat(concernLine)
            .as("%s line %d has concern %s", id, f.span().line(), f.concern())
            .contains("`" + kind);
      }
    }
  }

  @Test
  void the_safeguard_only_rules_are_destructive_ones_whose_fix_keeps_the_operation() {
    assertThat(SAFEGUARD_ONLY)
        .as("an exemption is for destructive rules only")
        .allMatch(id -> id.startsWith("DS"));
  }

  @Test
  void the_property_catches_a_fix_that_keeps_the_error() {
    // The old LK121 advice folded a type change into one combined ALTER: that statement is still
    // LK113's error.
    String sql = "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;\n";
    Finding f =
        Fixtures.lint(Fixtures.postgres(), "V1__t.sql", sql).stream()
            .filter(x -> x.rule().equals("LK113"))
            .findFirst()
            .orElseThrow();
    Applied applied =
        apply(
            sql, f, "ALTER TABLE orders ADD COLUMN note text, ALTER COLUMN quantity TYPE bigint;");

    assertThat(Fixtures.lint(Fixtures.postgres(), "V1__t.sql", applied.text()))
        .as("a combined statement still rewrites: the property test must see it")
        .anyMatch(a -> a.concern().equals(f.concern()) && a.severity() == Severity.ERROR);
  }

  /** {@code text} with the finding's statement (and its semicolon) replaced by {@code sql}; lines it now covers. */
  record Applied(String text, int from, int to) {}

  static Applied apply(String text, Finding f, String sql) {
    int start = offset(text, f.span().line(), f.span().column());
    String statement = f.statementSql().strip();
    int at = text.indexOf(statement, start);
    if (at < 0) {
      throw new AssertionError("statement not found in the fixture: " + statement);
    }
    int end = at + statement.length();
    while (end < text.length()
        && Character.isWhitespace(text.charAt(end))
        && text.charAt(end) != '\n') {
      end++;
    }
    if (end < text.length() && text.charAt(end) == ';') {
      end++;
    }
    String replacement = sql.strip().endsWith(";") ? sql.strip() : sql.strip() + ";";
    int from = f.span().line();
    int to = from + (int) replacement.lines().count() - 1;
    return new Applied(text.substring(0, at) + replacement + text.substring(end), from, to);
  }

  private static int offset(String text, int line, int column) {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.get(line - 1) + column - 1;
  }
}
