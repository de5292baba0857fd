package dev.schemawarden.drift.internal.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Linter;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import dev.schemawarden.drift.internal.snapshot.TestClusters;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every migration diagnose proposes passes Schema Warden's own lint, as the tool would run it (in a transaction or
 * not): no error remains, except on fixes that say they need an online plan, whose errors are the reason for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProposedFixLintTest {
  private static final DatabaseEngine POSTGRES = Engines.forName("postgres");
  private Diagnosis found;

  @BeforeAll
  void diagnose_a_sick_database() throws Exception {
    String db = TestClusters.createDatabase("diag_lint");
    DiagnoseFixtures.sick(db);
    found = PostgresDiagnoserTest.diagnose(db, DiagnoseSettings.defaults().withWindow(Duration.ZERO));
  }

  static List<Finding> lint(ProposedFix fix, String path) {
    SqlParser.ParsedSql parsed = POSTGRES.parser().parse(path, fix.sql());
    Migration m = new Migration(path, MigrationTool.PLAIN, Migration.Kind.PLAIN, Optional.empty(), fix.summary(),
        !fix.outsideTransaction(), parsed.statements(), parsed.comments());
    return Linter.builtIn(POSTGRES, LintSettings.defaults()).lint(List.of(m));
  }

  private static List<String> errors(List<Finding> findings) {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).map(f -> f.rule() + ": " + f.message())
        .toList();
  }

  @Test
  void every_proposed_migration_lints_without_errors_unless_it_needs_an_online_plan() {
    List<Problem> withMigrations = found.problems().stream()
        .filter(p -> p.fix().map(f -> f.kind() == ProposedFix.Kind.MIGRATION).orElse(false)).toList();
    assertThat(withMigrations).extracting(Problem::check).as("a migration for each kind of problem")
        .contains("DG101", "DG102", "DG103", "DG104", "DG105", "DG106", "DG107");
    for (Problem p : withMigrations) {
      ProposedFix fix = p.fix().orElseThrow();
      List<String> errors = errors(lint(fix, "V1__fix.sql"));
      if (fix.onlinePlan().isEmpty()) {
        assertThat(errors).as("lint errors of the fix for %s:\n%s", p.key(), fix.sql()).isEmpty();
      } else {
        // Explained: the statement as written rewrites the table (LK112 identity column, LK113 type change),
        // which is exactly why the fix carries an online plan instead of being applied as it is.
        assertThat(errors).as("lint errors of the fix for %s:\n%s", p.key(), fix.sql()).isNotEmpty()
            .allMatch(e -> e.startsWith("LK112: ") || e.startsWith("LK113: "));
      }
    }
  }
}
