package dev.schemawarden.replica.internal.postgres;

import static dev.schemawarden.replica.internal.postgres.Replicas.statement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SqlComment;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.SchemaSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TraceAnalysis#traceChange}: the probe, the trace, the analysis and the suppressions in one call. */
class TraceChangeTest {
  private static final SchemaSource SCHEMA =
      new SchemaSource.SqlDump(
          """
      CREATE TABLE parent (id int PRIMARY KEY);
      -- a foreign key production already has without an index: not the change's to answer for
      CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));
      CREATE TABLE other (id int PRIMARY KEY, parent_id int);
      """);
  private static final String ADD_FK =
      "ALTER TABLE other ADD CONSTRAINT other_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id)";

  private static TraceAnalysis.TracedChange trace(Migration m) {
    try (Replica replica =
        Replicas.provider(Replicas.Major.PRIMARY).create(SCHEMA, Duration.ofSeconds(30))) {
      return TraceAnalysis.traceChange(
          LockTracer.postgres(),
          replica.connections(),
          List.of(m),
          TraceOptions.defaults(),
          s -> Optional.empty(),
          TraceAnalysis.Statistics.NONE,
          Optional.empty());
    }
  }

  private static Migration migration(List<SqlComment> comments, SqlStatement... statements) {
    return new Migration(
        "db/V2__change.sql",
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.of("2"),
        "change",
        true,
        List.of(statements),
        comments);
  }

  @Test
  void
      only_the_foreign_key_the_change_adds_is_reported_uncovered_and_effects_are_keyed_by_statement() {
    SqlStatement add = statement(0, ADD_FK);

    TraceAnalysis.TracedChange traced = trace(migration(List.of(), add));

    assertThat(traced.findings())
        .extracting(Finding::rule)
        .as("TR106 for other_parent_fk; child's older uncovered key was probed before the trace")
        .contains("TR106")
        .filteredOn(id -> id.equals("TR106"))
        .hasSize(1);
    assertThat(traced.findings())
        .filteredOn(f -> f.rule().equals("TR106"))
        .extracting(Finding::message)
        .allMatch(m -> m.contains("other_parent_fk"), "names the change's key");
    StatementEffects effects = traced.effects().get(add);
    assertThat(effects).as("keyed by the caller's statement object").isNotNull();
    assertThat(effects.locks())
        .as("the traced locks of the very statement object the caller passed")
        .anyMatch(
            l -> l.relation().equals("public.other") && l.mode() == LockMode.SHARE_ROW_EXCLUSIVE);
  }

  @Test
  void a_warden_ignore_directive_hides_the_trace_finding_it_names() {
    SqlStatement add = statement(1, ADD_FK); // line 2, under the directive on line 1
    Migration m =
        migration(
            List.of(new SqlComment(1, 1, " warden:ignore TR106 lookups go through parent only")),
            add);

    TraceAnalysis.TracedChange traced = trace(m);

    assertThat(traced.findings())
        .extracting(Finding::rule)
        .as("suppressed in the same call")
        .doesNotContain("TR106");
  }
}
