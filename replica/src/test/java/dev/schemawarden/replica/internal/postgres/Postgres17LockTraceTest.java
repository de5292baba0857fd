package dev.schemawarden.replica.internal.postgres;

/** The statement-form table on the classpath's PostgreSQL (17). */
class Postgres17LockTraceTest extends AbstractLockTraceTest {
  @Override
  Replicas.Major major() {
    return Replicas.Major.PRIMARY;
  }
}
