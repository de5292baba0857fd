package dev.schemawarden.app.jobs;

/**
 * Does one job. Must be idempotent in its effects: the queue delivers at least once, so a job may run again after a
 * crash or an expired lease. Throw {@link RetryLater} for passing failures; any other exception is retried too,
 * until the attempts run out.
 */
@FunctionalInterface
public interface JobHandler {
  void handle(Job job) throws Exception;
}
