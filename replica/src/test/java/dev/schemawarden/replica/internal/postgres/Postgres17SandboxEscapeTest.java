package dev.schemawarden.replica.internal.postgres;

class Postgres17SandboxEscapeTest extends AbstractSandboxEscapeTest {
  @Override
  Replicas.Major major() {
    return Replicas.Major.PRIMARY;
  }
}
