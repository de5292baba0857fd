package dev.schemawarden.drift.internal.snapshot;

class Postgres17SnapshotRoundTripTest extends AbstractSnapshotRoundTripTest {
  @Override
  Clusters.Major major() {
    return Clusters.Major.PRIMARY;
  }

  @Override
  int expectedMajor() {
    return 17;
  }
}
