package dev.schemawarden.app.review;

import dev.schemawarden.app.report.MigrationReport;
import java.util.Objects;
import java.util.Optional;

/** The decision (allow, needs_approval, deny) on everything the earlier stages found but the rollback plan. */
public final class PolicyStage implements ReviewStage {
  private final PolicyCheck policy;

  public PolicyStage(PolicyCheck policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public Needs needs() {
    return Needs.NOTHING;
  }

  @Override
  public ReviewContext run(ReviewContext context, StepTimer steps) {
    ReviewInput input = context.input();
    return context.withDecision(
        steps.run(
            "policy",
            "Applying policy",
            () ->
                policy.decide(
                    new PolicyCheck.PolicyInput(
                        input.workspace().target(),
                        input.people(),
                        MigrationReport.changedOnly(context.migrations()),
                        // the rollback plan's findings inform; they never decide
                        context.findings().stream()
                            .filter(f -> !MigrationReport.inRollbackPlan(context.migrations(), f))
                            .toList(),
                        context.drift(),
                        context.config().withFailOn(input.failOn()),
                        Optional.of(input.workspace().settingsRoot())))));
  }
}
