package dev.schemawarden.drift.internal.snapshot;

class Postgres16SnapshotRoundTripTest extends AbstractSnapshotRoundTripTest {
  @Override
  Clusters.Major major() {
    return Clusters.Major.SECOND;
  }

  @Override
  int expectedMajor() {
    return 16;
  }
}
