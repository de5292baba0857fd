package dev.schemawarden.drift.internal.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import dev.schemawarden.drift.internal.snapshot.TestClusters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Production's object names are not ours: a name holding quotes, a line break and SQL is quoted in every proposed
 * statement (which then runs and does exactly what it says) and escaped in every message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileNamesDiagnoseTest {
  static final String TABLE = "we\"ird\nt; DROP TABLE victim; --";
  static final String INDEX = "i\"; DROP TABLE victim; --\nx";
  static final String COLUMN = "c\"ol\n-- ";
  private String db;
  private Diagnosis found;

  @BeforeAll
  void build() throws Exception {
    db = TestClusters.createDatabase("diag_hostile");
    String t = Identifiers.quote(TABLE);
    DiagnoseFixtures.exec(
        db,
        "CREATE TABLE victim (id int PRIMARY KEY)",
        "CREATE TABLE "
            + t
            + " (id int PRIMARY KEY, "
            + Identifiers.quote(COLUMN)
            + " int REFERENCES victim (id),"
            + " note text)",
        "CREATE INDEX " + Identifiers.quote(INDEX) + " ON " + t + " (note)");
    found =
        PostgresDiagnoserTest.diagnose(db, DiagnoseSettings.defaults().withWindow(Duration.ZERO));
  }

  private Problem of(String check) {
    return found.problems().stream()
        .filter(p -> p.check().equals(check))
        .findFirst()
        .orElseThrow(() -> new AssertionError(check + " not among " + found.problems()));
  }

  @Test
  void messages_and_objects_escape_line_breaks() {
    assertThat(found.problems())
        .isNotEmpty()
        .allSatisfy(
            p -> {
              assertThat(p.object()).as("object of %s", p.check()).doesNotContain("\n");
              assertThat(p.message())
                  .as("message of %s", p.check())
                  .doesNotContain("\n")
                  .contains("\\n");
            });
  }

  @Test
  void the_proposed_drop_quotes_the_name_and_runs_as_one_statement() throws SQLException {
    ProposedFix drop = of("DG101").fix().orElseThrow();
    assertThat(drop.sql()).contains(Identifiers.quote(INDEX));
    List<SqlStatement> statements =
        Engines.forName("postgres").parser().parse("fix.sql", drop.sql()).statements();
    assertThat(statements).as("SET lock_timeout and the drop, nothing injected").hasSize(2);
    run(drop.sql());
    assertThat(
            PostgresDiagnoserTest.query(
                db, "SELECT count(*) FROM pg_class WHERE relname = 'victim'"))
        .as("the name's SQL never ran")
        .isEqualTo(1);
    assertThat(
            PostgresDiagnoserTest.query(
                db, "SELECT count(*) FROM pg_class WHERE relname = " + Names.literal(INDEX)))
        .as("the index is gone")
        .isZero();
  }

  @Test
  void the_proposed_foreign_key_index_quotes_table_and_column_and_builds() throws SQLException {
    ProposedFix index = of("DG105").fix().orElseThrow();
    assertThat(index.sql()).contains(Identifiers.quote(TABLE)).contains(Identifiers.quote(COLUMN));
    assertThat(DiagnoseFixtures.lint(index, "V9__fk.sql"))
        .as("lint findings")
        .noneMatch(f -> f.severity() == dev.schemawarden.analyzers.api.Severity.ERROR);
    run(index.sql());
    assertThat(
            PostgresDiagnoserTest.diagnose(
                    db, DiagnoseSettings.defaults().withWindow(Duration.ZERO))
                .problems())
        .extracting(Problem::check)
        .as("the key is covered now")
        .doesNotContain("DG105");
  }

  @Test
  void the_bloat_rewrite_quotes_the_name_in_sql_and_in_the_pg_repack_command_line()
      throws Exception {
    String name = "b'; touch pwned; echo '$(touch pwned2)\"x";
    DiagnoseFixtures.bloated(db, name);
    Problem bloat =
        PostgresDiagnoserTest.diagnose(
                db,
                DiagnoseSettings.defaults().withWindow(Duration.ZERO).withBloat(256 * 1024, 0.3))
            .problems()
            .stream()
            .filter(p -> p.check().equals("DG110"))
            .findFirst()
            .orElseThrow();
    ProposedFix rewrite = bloat.fix().orElseThrow();
    assertThat(Engines.forName("postgres").parser().parse("fix.sql", rewrite.sql()).statements())
        .as("one VACUUM, nothing injected")
        .hasSize(1);
    String plan = rewrite.onlinePlan().orElseThrow();
    Path dir = Files.createTempDirectory("repack");
    Process echo =
        new ProcessBuilder(
                "sh", "-c", "printf '%s\\n' " + plan.substring(plan.indexOf("--dbname=")))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String words = new String(echo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(echo.waitFor()).isZero();
    assertThat(words)
        .as("the shell reads each name back as one word, running nothing")
        .isEqualTo("--dbname=" + db + "\n--table=public." + Identifiers.render(name) + "\n");
    try (var files = Files.list(dir)) {
      assertThat(files).as("nothing the name said ran").isEmpty();
    }
    run(rewrite.sql());
    assertThat(
            PostgresDiagnoserTest.query(
                db, "SELECT count(*) FROM pg_class WHERE relname = 'victim'"))
        .isEqualTo(1);
    assertThat(
            PostgresDiagnoserTest.diagnose(
                    db,
                    DiagnoseSettings.defaults()
                        .withWindow(Duration.ZERO)
                        .withBloat(256 * 1024, 0.3))
                .problems())
        .extracting(Problem::check)
        .as("the rewrite compacted it")
        .doesNotContain("DG110");
  }

  /** Runs a proposed migration as a non-transactional tool would: statement by statement, autocommit. */
  private void run(String sql) throws SQLException {
    try (Connection c = TestClusters.admin(db);
        Statement st = c.createStatement()) {
      for (SqlStatement s :
          Engines.forName("postgres").parser().parse("fix.sql", sql).statements()) {
        st.execute(s.sql());
      }
    }
  }
}
