package dev.schemawarden.drift.internal.replica;

class Postgres16SandboxEscapeTest extends AbstractSandboxEscapeTest {
  @Override
  Replicas.Major major() {
    return Replicas.Major.SECOND;
  }
}
