package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Migration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A change with many migrations is linted on every core: the result must be what one migration at a time gives. */
class ParallelLintTest {
  private final DatabaseEngine engine = Fixtures.postgres();

  @Test
  void many_migrations_give_the_same_findings_in_the_same_order_as_one_at_a_time() {
    List<Migration> change = new ArrayList<>();
    change.add(
        Fixtures.migration(
            engine, "V1__orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, note json);"));
    for (int i = 2; i <= 60; i++) {
      change.add(
          Fixtures.migration(
              engine,
              "V" + i + "__m.sql",
              "CREATE INDEX i"
                  + i
                  + " ON orders (id);\nCREATE INDEX j"
                  + i
                  + " ON customers (id);\n"
                  + "ALTER TABLE customers ALTER COLUMN c"
                  + i
                  + " SET NOT NULL;"));
    }
    LintRunner runner = new LintRunner(engine, LintSettings.defaults(), BuiltInRules.ALL);

    List<Finding> parallel = runner.lint(change);
    List<Finding> oneByOne = new ArrayList<>();
    List<Migration> sofar = new ArrayList<>();
    for (Migration m : change) {
      sofar.add(m);
      // Linting the prefix and keeping this migration's findings gives its sequential verdict, new
      // tables included.
      runner.lint(List.copyOf(sofar)).stream()
          .filter(f -> f.span().path().equals(m.path()))
          .forEach(oneByOne::add);
    }
    oneByOne.sort(Finding.ORDER);

    assertThat(parallel).as("same findings, same order").isEqualTo(oneByOne);
    assertThat(parallel)
        .as("orders was created in V1, so indexing it later is not LK101")
        .noneMatch(f -> f.rule().equals("LK101") && f.message().contains(" orders "));
    assertThat(parallel).as("customers already existed").anyMatch(f -> f.rule().equals("LK101"));
  }
}
