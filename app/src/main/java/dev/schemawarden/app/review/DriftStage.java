package dev.schemawarden.app.review;

import dev.schemawarden.app.report.MigrationReport;

/**
 * Drift: production's schema (as {@link ProductionSchemaStage} resolved it) against what the base history says it
 * should be; every difference goes to the report, the ones that matter to the change become findings.
 */
public final class DriftStage implements ReviewStage {

  @Override
  public Needs needs() {
    return Needs.LAYOUT;
  }

  @Override
  public ReviewContext run(ReviewContext context, StepTimer steps) {
    if (context.production().isEmpty()) {
      return context;
    }
    DriftCheck.DriftResult result =
        steps.run(
            "drift",
            "Comparing with the production snapshot",
            () ->
                context
                    .production()
                    .get()
                    .check(MigrationReport.changedOnly(context.migrations()), context.config()));
    return context
        .withDrift(result.drift())
        .plusFindings(LintStage.withConfiguredSeverity(result.findings(), context.config()))
        .plusErrors(result.errors());
  }
}
