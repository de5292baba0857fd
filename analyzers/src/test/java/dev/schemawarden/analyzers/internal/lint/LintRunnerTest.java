package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlComment;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementFacts;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The runner's own behaviour, on statements built by hand so it is tested without the parser: one statement per
 * line, comments on their own lines. {@code Drop TABLE} stands for "takes ACCESS EXCLUSIVE" in the stub engine.
 */
class LintRunnerTest {

  /** The engine's lock knowledge for these tests: DROP takes ACCESS EXCLUSIVE on every table it names. */
  static final class StubEngine implements DatabaseEngine {
    @Override
    public String id() {
      return "postgres";
    }

    @Override
    public boolean supports(String name) {
      return false; // never picked by ServiceLoader lookups
    }

    @Override
    public SqlParser parser() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean mustRunOutsideTransaction(SqlStatement statement, ServerVersion version) {
      return false;
    }

    @Override
    public List<PredictedLock> predictLocks(Change change, ServerVersion version) {
      if (change instanceof Change.Drop d) {
        return d.names().stream()
            .map(n -> new PredictedLock(n, LockMode.ACCESS_EXCLUSIVE, false, false))
            .toList();
      }
      return List.of();
    }
  }

  /** Builds a migration line by line: each element is a statement or, when starting with "--", a comment. */
  static Migration migration(boolean runInTransaction, Object... lines) {
    List<SqlStatement> statements = new ArrayList<>();
    List<SqlComment> comments = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      int line = i + 1;
      if (lines[i] instanceof String c) {
        if (c.isEmpty()) {
          continue; // a blank line
        }
        comments.add(new SqlComment(line, 1, c.substring(2)));
      } else {
        statements.add(
            new SqlStatement(
                statements.size(),
                "stmt " + line,
                new SourceSpan("V1__x.sql", line, 1, line, 10),
                (Change) lines[i],
                SqlStatement.ParsedBy.CLASSIFIER,
                Optional.empty()));
      }
    }
    return new Migration(
        "V1__x.sql",
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.empty(),
        "x",
        runInTransaction,
        statements,
        comments);
  }

  static Change drop(String table) {
    QualifiedName name =
        table.contains(".")
            ? QualifiedName.of(
                table.substring(0, table.indexOf('.')), table.substring(table.indexOf('.') + 1))
            : QualifiedName.of(table);
    return new Change.Drop(Change.ObjectKind.TABLE, List.of(name), false, false, false);
  }

  static Change create(String table) {
    return new Change.CreateTable(
        QualifiedName.of("public", table),
        List.of(),
        List.of(),
        false,
        false,
        false,
        Optional.empty(),
        false,
        false);
  }

  static Change set(String name, String value, boolean local) {
    return new Change.SetParameter(name, Optional.ofNullable(value), local);
  }

  static Change tx(Change.Transaction.TxKind kind) {
    return new Change.Transaction(kind);
  }

  /** Reports every DROP of an existing table, and records the facts it saw. */
  static class DropRule implements LintRule {
    final List<StatementFacts> seen = new ArrayList<>();

    @Override
    public RuleMeta meta() {
      return Metas.postgres("XX901", "test-drop", "drop", Severity.WARNING, "c", "e", "w");
    }

    @Override
    public void check(Migration migration, dev.schemawarden.analyzers.api.RuleContext ctx) {
      for (SqlStatement s : migration.statements()) {
        seen.add(ctx.facts(s));
        if (s.change() instanceof Change.Drop d && !ctx.isNewTable(d.names().get(0))) {
          ctx.report(s, "drop " + d.names().get(0), List.of());
        }
      }
    }
  }

  static List<Finding> lint(LintSettings settings, List<LintRule> rules, Migration... migrations) {
    return new LintRunner(new StubEngine(), settings, rules).lint(List.of(migrations));
  }

  static List<String> ids(List<Finding> findings) {
    return findings.stream().map(f -> f.rule() + "@" + f.span().line()).toList();
  }

  @Nested
  class Facts {
    @Test
    void explicit_begin_commit_and_the_tool_wrapper_decide_in_transaction() {
      DropRule rule = new DropRule();
      lint(
          LintSettings.defaults(),
          List.of(rule),
          migration(
              false,
              drop("a"),
              tx(Change.Transaction.TxKind.BEGIN),
              drop("b"),
              tx(Change.Transaction.TxKind.COMMIT),
              drop("c")));
      assertThat(rule.seen)
          .extracting(StatementFacts::inTransaction)
          .containsExactly(false, false, true, true, false);
      assertThat(rule.seen)
          .extracting(StatementFacts::explicitTransaction)
          .containsExactly(false, false, true, true, false);

      DropRule wrapped = new DropRule();
      lint(LintSettings.defaults(), List.of(wrapped), migration(true, drop("a")));
      assertThat(wrapped.seen.get(0).inTransaction())
          .as("the tool's wrapper is a transaction")
          .isTrue();
      assertThat(wrapped.seen.get(0).explicitTransaction()).isFalse();
    }

    @Test
    void lock_timeout_counts_when_non_zero_and_set_local_ends_with_the_transaction() {
      DropRule rule = new DropRule();
      lint(
          LintSettings.defaults(),
          List.of(rule),
          migration(
              false,
              set("lock_timeout", "'0'", false),
              drop("a"),
              set("lock_timeout", "'2s'", false),
              drop("b"),
              set("lock_timeout", null, false),
              drop("c"),
              tx(Change.Transaction.TxKind.BEGIN),
              set("LOCK_TIMEOUT", "1000", true),
              drop("d"),
              tx(Change.Transaction.TxKind.COMMIT),
              drop("e"),
              set("statement_timeout", "'5min'", false),
              drop("f")));
      assertThat(rule.seen)
          .extracting(StatementFacts::lockTimeoutSet)
          .containsExactly(
              false, false, false, true, true, false, false, false, true, true, false, false,
              false);
      assertThat(rule.seen.get(12).statementTimeoutSet()).isTrue();
    }

    @Test
    void access_exclusive_is_held_until_the_transaction_ends_but_not_for_new_tables() {
      DropRule rule = new DropRule();
      lint(
          LintSettings.defaults(),
          List.of(rule),
          migration(
              false,
              create("fresh"),
              tx(Change.Transaction.TxKind.BEGIN),
              drop("fresh"),
              drop("orders"),
              drop("x"),
              tx(Change.Transaction.TxKind.COMMIT),
              drop("y")));
      assertThat(rule.seen)
          .extracting(f -> f.accessExclusiveHeldOn().map(Object::toString).orElse("-"))
          .containsExactly("-", "-", "-", "-", "orders", "orders", "-");
    }

    @Test
    void tables_created_in_an_earlier_migration_of_the_change_are_new() {
      List<Finding> findings =
          lint(
              LintSettings.defaults(),
              List.of(new DropRule()),
              migration(false, create("orders")),
              migration(false, drop("public.orders"), drop("customers")));
      assertThat(findings).extracting(Finding::message).containsExactly("drop customers");
    }
  }

  @Nested
  class Settings {
    @Test
    void severity_overrides_and_disabled_rules_apply() {
      Migration m = migration(false, drop("a"));
      assertThat(
              lint(
                  new LintSettings(
                      ServerVersion.DEFAULT_POSTGRES, Map.of("XX901", Severity.ERROR), Set.of()),
                  List.of(new DropRule()),
                  m))
          .extracting(Finding::severity)
          .containsExactly(Severity.ERROR);
      assertThat(
              lint(
                  new LintSettings(ServerVersion.DEFAULT_POSTGRES, Map.of(), Set.of("test-drop")),
                  List.of(new DropRule()),
                  m))
          .as("disabled by slug")
          .isEmpty();
    }

    @Test
    void rules_outside_their_version_range_do_not_run() {
      LintRule pg12 =
          new DropRule() {
            @Override
            public RuleMeta meta() {
              return Metas.since(12, super.meta());
            }
          };
      Migration m = migration(false, drop("a"));
      assertThat(
              lint(
                  LintSettings.defaults().withServerVersion(new ServerVersion(11, 0)),
                  List.of(pg12),
                  m))
          .isEmpty();
      assertThat(
              lint(
                  LintSettings.defaults().withServerVersion(new ServerVersion(12, 0)),
                  List.of(pg12),
                  m))
          .hasSize(1);
    }

    @Test
    void an_unknown_rule_id_fails_fast_and_suggests_the_closest() {
      assertThatThrownBy(
              () ->
                  new LintRunner(
                      new StubEngine(),
                      new LintSettings(
                          ServerVersion.DEFAULT_POSTGRES, Map.of("SQL01", Severity.OFF), Set.of()),
                      List.of()))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("'SQL01'")
          .hasMessageContaining("did you mean SQL001")
          .extracting(e -> ((WardenException) e).code())
          .isEqualTo(ErrorCode.CONFIG);
    }
  }

  @Nested
  class Isolation {
    @Test
    void a_crashing_rule_becomes_an_internal_finding_and_the_others_still_run() {
      LintRule crashing =
          new DropRule() {
            @Override
            public RuleMeta meta() {
              return Metas.postgres("XX902", "test-crash", "crash", Severity.ERROR, "c", "e", "w");
            }

            @Override
            public void check(Migration migration, dev.schemawarden.analyzers.api.RuleContext ctx) {
              throw new IllegalStateException("boom");
            }
          };
      List<Finding> findings =
          lint(
              LintSettings.defaults(),
              List.of(crashing, new DropRule()),
              migration(false, drop("a")));
      assertThat(ids(findings)).containsExactly("INTERNAL@1", "XX901@1");
      assertThat(findings.get(0).message())
          .contains("XX902", "test-crash", "IllegalStateException: boom");
    }

    @Test
    void findings_are_sorted_and_carry_the_statement_sql() {
      List<Finding> findings =
          lint(
              LintSettings.defaults(),
              List.of(new DropRule()),
              migration(false, drop("b"), drop("a")));
      assertThat(ids(findings)).containsExactly("XX901@1", "XX901@2");
      assertThat(findings.get(1).statementSql()).isEqualTo("stmt 2");
    }
  }

  @Nested
  class Suppression {
    @Test
    void ignore_on_the_lines_before_a_statement_suppresses_it_there_only() {
      List<Finding> findings =
          lint(
              LintSettings.defaults(),
              List.of(new DropRule()),
              migration(
                  false,
                  "-- warden:ignore XX901 the table is empty",
                  "-- a second comment line",
                  drop("a"),
                  drop("b")));
      assertThat(ids(findings)).containsExactly("XX901@4");
    }

    @Test
    void ignore_file_suppresses_everywhere_and_accepts_several_ids() {
      List<Finding> findings =
          lint(
              LintSettings.defaults(),
              List.of(new DropRule()),
              migration(
                  false,
                  drop("a"),
                  "-- warden:ignore-file XX901, SQL001 -- tables are empty in every environment",
                  drop("b")));
      assertThat(ids(findings))
          .as("SQL001 did not run in this test, so its ignore is not reported unused")
          .isEmpty();
    }

    @Test
    void a_missing_reason_an_unknown_id_or_a_misplaced_ignore_is_wd001_and_hides_nothing() {
      List<Finding> findings =
          lint(
              LintSettings.defaults(),
              List.of(new DropRule()),
              migration(
                  false,
                  "-- warden:ignore XX901",
                  drop("a"),
                  "-- warden:ignore XX9O1 typo in the id",
                  drop("b"),
                  "-- warden:ignore XX901 a blank line follows",
                  "",
                  drop("c"),
                  "-- warden:ignroe XX901 bad verb",
                  drop("d")));
      assertThat(ids(findings))
          .containsExactly(
              "WD001@1", "XX901@2", "WD001@3", "XX901@4", "WD001@5", "XX901@7", "WD001@8",
              "XX901@9");
      assertThat(findings.get(0).message()).contains("gives no reason");
      assertThat(findings.get(2).message()).contains("unknown rule `XX9O1`", "did you mean");
      assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void an_ignore_that_suppresses_nothing_is_wd002() {
      List<Finding> findings =
          lint(
              LintSettings.defaults(),
              List.of(new DropRule()),
              migration(false, "-- warden:ignore XX901 the table is new", create("t")));
      assertThat(ids(findings)).containsExactly("WD002@1");
      assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
      assertThat(findings.get(0).message()).contains("XX901", "suppresses nothing");
    }
  }
}
