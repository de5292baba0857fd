package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Migration;
import java.util.ArrayList;
import java.util.List;

/** Lints SQL text blocks with the real PostgreSQL parser and every built-in rule, for per-rule edge-case tests. */
final class RuleTesting {

  private RuleTesting() {}

  static DatabaseEngine engine() {
    return Fixtures.postgres();
  }

  /** The findings of rule {@code id} for {@code sql} (header lines such as {@code -- engine-version: 11} apply). */
  static List<Finding> findings(String id, String sql) {
    return Fixtures.lint(engine(), "V1__test.sql", sql).stream()
        .filter(f -> f.rule().equals(id))
        .toList();
  }

  /** The findings of rule {@code id} for several migrations of one change, in order. */
  static List<Finding> findingsOfChange(String id, String... migrations) {
    DatabaseEngine engine = engine();
    List<Migration> all = new ArrayList<>();
    for (int i = 0; i < migrations.length; i++) {
      all.add(Fixtures.migration(engine, "V" + (i + 1) + "__test.sql", migrations[i]));
    }
    return new LintRunner(engine, LintSettings.defaults(), BuiltInRules.ALL)
        .lint(all).stream().filter(f -> f.rule().equals(id)).toList();
  }

  /** The SQL of the first fix of the only finding. */
  static String onlyFixSql(List<Finding> findings) {
    if (findings.size() != 1) {
      throw new AssertionError("expected one finding, got " + findings);
    }
    if (findings.get(0).fixes().isEmpty()) {
      throw new AssertionError("expected a fix on " + findings.get(0));
    }
    return findings.get(0).fixes().get(0).sql();
  }
}
