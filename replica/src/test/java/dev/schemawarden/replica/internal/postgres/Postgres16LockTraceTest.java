package dev.schemawarden.replica.internal.postgres;

/** The statement-form table on the second PostgreSQL major (16, from the copied binaries jar). */
class Postgres16LockTraceTest extends AbstractLockTraceTest {
  @Override
  Replicas.Major major() {
    return Replicas.Major.SECOND;
  }
}
