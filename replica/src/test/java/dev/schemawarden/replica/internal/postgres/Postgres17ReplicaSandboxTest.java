package dev.schemawarden.replica.internal.postgres;

class Postgres17ReplicaSandboxTest extends AbstractReplicaSandboxTest {
  @Override
  Replicas.Major major() {
    return Replicas.Major.PRIMARY;
  }

  @Override
  int expectedMajor() {
    return 17;
  }
}
