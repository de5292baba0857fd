package dev.schemawarden.drift.internal.replica;

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
