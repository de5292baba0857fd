package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.app.config.WardenConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The static rules over the changed migrations, with the severities the config sets. */
public final class LintStage implements ReviewStage {
  private final Components components;

  public LintStage(Components components) {
    this.components = Objects.requireNonNull(components, "components");
  }

  @Override
  public Needs needs() {
    return Needs.CHANGE;
  }

  @Override
  public ReviewContext run(ReviewContext context, StepTimer steps) {
    ReviewContext.Change change = context.change().orElseThrow();
    return context
        .plusFindings(lint(components, change.migrations(), context.config(), steps))
        .plusFindings(withConfiguredSeverity(change.findings(), context.config()));
  }

  /** Lints {@code migrations} as one ordered change (a table one creates is new in the next). */
  static List<Finding> lint(
      Components components, List<Migration> migrations, WardenConfig config, StepTimer steps) {
    return steps.run(
        "lint",
        "Checking "
            + migrations.stream().mapToInt(m -> m.statements().size()).sum()
            + " statement(s) against "
            + components.catalog().rules().size()
            + " rules",
        () -> components.linter().lint(migrations, options(config)));
  }

  static Components.LintOptions options(WardenConfig config) {
    return new Components.LintOptions(config.engine(), config.engineVersion(), config.rules());
  }

  /**
   * Findings that other stages produce (MG, TR, DR) with the severity the config's {@code rules:} sets, and none
   * of a rule set to {@code off}; the linter applies the same to its own.
   */
  static List<Finding> withConfiguredSeverity(List<Finding> findings, WardenConfig config) {
    return findings.stream()
        .map(f -> Optional.ofNullable(config.rules().get(f.rule())).map(f::withSeverity).orElse(f))
        .filter(f -> f.severity() != Severity.OFF)
        .toList();
  }
}
