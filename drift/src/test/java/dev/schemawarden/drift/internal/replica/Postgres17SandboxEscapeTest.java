package dev.schemawarden.drift.internal.replica;

class Postgres17SandboxEscapeTest extends AbstractSandboxEscapeTest {
  @Override
  Replicas.Major major() {
    return Replicas.Major.PRIMARY;
  }
}
