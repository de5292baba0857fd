package dev.schemawarden.app.jobs;

/**
 * Does one job. Must be idempotent in its effects: the queue delivers at least once, so a job may run again after a
 * crash or an expired lease. Throw {@link RetryLater} for passing failures (its cause tells host outages, which
 * feed the host's circuit breaker, from rate limits); any other exception is retried too, within the retry horizon,
 * except a {@link dev.schemawarden.analyzers.api.WardenException} with code CONFIG, INPUT or USAGE, which fails the
 * job at once.
 */
@FunctionalInterface
public interface JobHandler {
  void handle(Job job) throws Exception;
}
