package dev.schemawarden.app.review;

/**
 * One finding per problem: the static prediction and the traced observation of one concern become one finding
 * (see {@link OneFindingPerConcern}). Runs after the trace and before drift, whose findings are their own.
 */
public final class ConcernsStage implements ReviewStage {

  @Override
  public Needs needs() {
    return Needs.NOTHING;
  }

  @Override
  public ReviewContext run(ReviewContext context, StepTimer steps) {
    return context.withFindings(
        OneFindingPerConcern.merge(context.findings(), context.migrations()));
  }
}
