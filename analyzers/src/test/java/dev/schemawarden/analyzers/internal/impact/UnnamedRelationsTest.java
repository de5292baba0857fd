package dev.schemawarden.analyzers.internal.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.TraceResult.RelationFacts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TR109/TR110 decisions on traces whose observations are given: what goes with a named object is not reported. */
class UnnamedRelationsTest {
  private static final RelationFacts TABLE = facts("table", null, null);

  private static RelationFacts facts(String kind, String table, String parent) {
    return new RelationFacts(
        kind, Optional.ofNullable(table), Optional.ofNullable(parent), List.of());
  }

  private static TraceResult.TracedStatement traced(
      String sql,
      List<StatementEffects.ObservedLock> locks,
      List<String> created,
      List<String> dropped) {
    SqlStatement s =
        Engines.forName("postgres").parser().parse("V2__x.sql", sql).statements().get(0);
    return new TraceResult.TracedStatement(
        "V2__x.sql",
        s,
        TraceResult.Status.OK,
        new StatementEffects(
            StatementEffects.Source.TRACED,
            locks,
            List.of(),
            List.of(),
            Optional.of(Duration.ofMillis(1)),
            Optional.empty(),
            Optional.empty()),
        Optional.empty(),
        locks,
        Optional.of("2s"),
        true,
        created,
        dropped);
  }

  private static List<Finding> findings(
      Map<String, RelationFacts> facts, TraceResult.TracedStatement... s) {
    return UnnamedRelations.findings(
        new TraceResult(List.of(s), ServerVersion.DEFAULT_POSTGRES, Duration.ZERO, facts),
        TraceAnalysis.Statistics.NONE);
  }

  private static StatementEffects.ObservedLock ae(String relation) {
    return new StatementEffects.ObservedLock(relation, LockMode.ACCESS_EXCLUSIVE);
  }

  @Test
  void the_partitions_indexes_and_sequences_of_a_dropped_table_go_with_it() {
    List<Finding> f =
        findings(
            Map.of(
                "public.events",
                facts("partitioned table", null, null),
                "public.events_2024",
                facts("table", null, "public.events"),
                "public.events_pkey",
                facts("partitioned index", "public.events", null),
                "public.events_id_seq",
                facts("sequence", null, null)),
            traced(
                "DROP TABLE events",
                List.of(ae("public.events"), ae("public.events_2024")),
                List.of(),
                List.of(
                    "public.events",
                    "public.events_2024",
                    "public.events_id_seq",
                    "public.events_pkey")));

    assertThat(f)
        .as("DROP TABLE names the partitioned table; its parts are not unnamed objects")
        .isEmpty();
  }

  @Test
  void a_lock_on_the_table_of_a_named_index_is_the_statement_own() {
    assertThat(
            findings(
                Map.of(
                    "public.orders",
                    TABLE,
                    "public.orders_idx",
                    facts("index", "public.orders", null)),
                traced(
                    "DROP INDEX orders_idx",
                    List.of(ae("public.orders"), ae("public.orders_idx")),
                    List.of(),
                    List.of("public.orders_idx"))))
        .isEmpty();
  }

  @Test
  void a_view_recreated_later_in_the_change_is_not_reported_one_that_is_not_is() {
    Map<String, RelationFacts> views =
        Map.of(
            "public.a",
            facts("view", null, null),
            "public.b",
            facts("view", null, null),
            "public.c",
            facts("materialized view", null, null));
    TraceResult.TracedStatement drop =
        traced(
            "DROP VIEW a CASCADE",
            List.of(ae("public.a"), ae("public.b"), ae("public.c")),
            List.of(),
            List.of("public.a", "public.b", "public.c"));

    assertThat(
            findings(
                views,
                drop,
                traced("CREATE VIEW b AS SELECT 1", List.of(), List.of("public.b"), List.of())))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.rule()).isEqualTo("TR110");
              assertThat(x.message()).startsWith("also dropped materialized view public.c, which");
            });
  }
}
