package dev.schemawarden.app.review;

/**
 * One step of the review pipeline. A stage reads the immutable {@link ReviewContext} the earlier stages produced
 * and returns it with its own contribution; it records its step (timing, status, detail) in the {@link StepTimer}.
 * The order is listed once, where the service is wired ({@code Main.reviewService}).
 */
public interface ReviewStage extends AutoCloseable {

  /** What a stage needs; the pipeline passes over a stage whose needs the review does not meet. */
  enum Needs {
    /** Runs on every review (the policy decides even when nothing changed). */
    NOTHING,
    /** Runs when a migration layout was recognised, changed or not (drift is checked either way). */
    LAYOUT,
    /** Runs when the change touches at least one migration. */
    CHANGE
  }

  Needs needs();

  ReviewContext run(ReviewContext context, StepTimer steps);

  /** Releases what the stage opened for the process (a replica provider); most stages hold nothing. */
  @Override
  default void close() {}
}
