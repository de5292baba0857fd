package dev.schemawarden.analyzers.api;

/**
 * One static check. Pure: no I/O, configuration or suppression logic; it reports through {@link RuleContext}
 * and the runner decides severity, suppression and error isolation.
 */
public interface LintRule {

  RuleMeta meta();

  void check(Migration migration, RuleContext ctx);

  /**
   * The concern ({@link Concerns}) of a finding this rule reports on {@code statement}; the rule's own id unless the
   * rule reports a problem other rules or the trace see too. Documented on the rule's page.
   */
  default String concern(SqlStatement statement) {
    return meta().id();
  }
}
