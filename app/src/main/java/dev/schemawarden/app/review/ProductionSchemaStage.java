package dev.schemawarden.app.review;

import dev.schemawarden.app.git.Workspace;
import java.util.Objects;
import java.util.Optional;

/**
 * Production's schema, resolved once per review: {@code --snapshot}, {@code snapshot.path}, {@code snapshot.url} and
 * {@code snapshot.env} all resolve here, and lint, trace, drift and policy use the one object. Its server version
 * stands in for an unset {@code engine-version}, so lint and lock predictions judge for production's server.
 */
public final class ProductionSchemaStage implements ReviewStage {
  private final DriftCheck drift;

  public ProductionSchemaStage(DriftCheck drift) {
    this.drift = Objects.requireNonNull(drift, "drift");
  }

  /** Where production's schema comes from (what {@code warden drift} shares with the review). */
  public DriftCheck drift() {
    return drift;
  }

  @Override
  public Needs needs() {
    return Needs.LAYOUT;
  }

  @Override
  public ReviewContext run(ReviewContext context, StepTimer steps) {
    ReviewInput input = context.input();
    if (context.config().snapshot().isEmpty() && input.snapshotFile().isEmpty()) {
      return context;
    }
    Workspace ws = input.workspace();
    ReviewContext.Layout layout = context.layout().orElseThrow();
    Optional<DriftCheck.DriftRun> run =
        steps.run(
            "snapshot",
            "Loading the production snapshot",
            () ->
                drift.open(
                    new DriftCheck.DriftInputs(
                        context.config(),
                        input.snapshotFile(),
                        ws.headRoot(),
                        layout.head(),
                        ws::baseRoot,
                        layout.base())));
    run.ifPresent(r -> steps.detail("snapshot", r.description()));
    return context.withProduction(
        run,
        run.flatMap(DriftCheck.DriftRun::serverVersion)
            .map(context.config()::withDefaultEngineVersion)
            .orElse(context.config()));
  }
}
