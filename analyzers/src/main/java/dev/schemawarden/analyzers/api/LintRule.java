package dev.schemawarden.analyzers.api;

/**
 * One static check. Pure: no I/O, configuration or suppression logic; it reports through {@link RuleContext}
 * and the runner decides severity, suppression and error isolation.
 */
public interface LintRule {

  RuleMeta meta();

  void check(Migration migration, RuleContext ctx);
}
