package dev.schemawarden.replica.internal.postgres;

class Postgres16ReplicaSandboxTest extends AbstractReplicaSandboxTest {
  @Override
  Replicas.Major major() {
    return Replicas.Major.SECOND;
  }

  @Override
  int expectedMajor() {
    return 16;
  }
}
