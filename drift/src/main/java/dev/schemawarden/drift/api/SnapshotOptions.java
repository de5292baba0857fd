package dev.schemawarden.drift.api;

import java.util.List;

/**
 * What {@link Snapshots#take} reads.
 *
 * @param schemas the schemas to read; empty = every schema but the system's
 * @param statistics whether to read per relation statistics (sizes, rows, counters)
 */
public record SnapshotOptions(List<String> schemas, boolean statistics) {
  public SnapshotOptions {
    schemas = List.copyOf(schemas);
  }

  public static SnapshotOptions defaults() {
    return new SnapshotOptions(List.of(), true);
  }

  public SnapshotOptions withSchemas(List<String> names) {
    return new SnapshotOptions(names, statistics);
  }
}
