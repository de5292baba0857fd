package dev.schemawarden.app.review;

import dev.schemawarden.app.git.Workspace;
import java.util.List;
import java.util.Objects;

/**
 * Down migrations as the rollback plan of the change's up migrations ({@link DownMigrations}): the downs the change
 * touches are linted with their findings capped at info and listed under their up; an irreversible up without a
 * down is MG002. The policy never sees the rollback plan's findings.
 */
public final class RollbackPlanStage implements ReviewStage {
  private final Components components;

  public RollbackPlanStage(Components components) {
    this.components = Objects.requireNonNull(components, "components");
  }

  @Override
  public Needs needs() {
    return Needs.CHANGE;
  }

  @Override
  public ReviewContext run(ReviewContext context, StepTimer steps) {
    Workspace ws = context.input().workspace();
    ReviewContext.Layout layout = context.layout().orElseThrow();
    DownMigrations.Result downs =
        DownMigrations.review(
            layout
                .source()
                .downs(
                    ws.headRoot(),
                    context.config().migrations(),
                    context.input().engine().parser()),
            context.change().orElseThrow().migrations(),
            layout.head().get(),
            ws.changedFiles(),
            ms -> components.linter().lint(ms, LintStage.options(context.config())));
    int reviewed = downs.byUp().values().stream().mapToInt(List::size).sum();
    if (reviewed > 0) {
      steps.appendDetail(
          "sources", reviewed + " down migration(s) reviewed as their rollback plan");
    }
    downs.note().ifPresent(n -> steps.appendDetail("sources", n));
    return context
        .withMigrations(
            downs.attach(
                context.migrations(),
                (m, status) ->
                    PredictStage.predicted(m, status, context.input().engine(), context.config())))
        .plusFindings(downs.lint())
        .plusFindings(LintStage.withConfiguredSeverity(downs.missing(), context.config()));
  }
}
