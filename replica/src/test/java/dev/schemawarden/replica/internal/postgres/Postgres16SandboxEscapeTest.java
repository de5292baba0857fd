package dev.schemawarden.replica.internal.postgres;

class Postgres16SandboxEscapeTest extends AbstractSandboxEscapeTest {
  @Override
  Replicas.Major major() {
    return Replicas.Major.SECOND;
  }
}
