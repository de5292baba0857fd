package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.Snapshots;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code snapshot.path} file of a checkout, read through {@link RepositoryFiles} (no link out of the repository,
 * no FIFO, a size cap) and told apart by content, not by name: a JSON snapshot from {@code warden snapshot}, or a
 * {@code pg_dump -s} script.
 */
sealed interface SnapshotFile {
  /** Larger than any schema snapshot seen (1,000 tables with statistics is ~3 MiB). */
  long MAX_BYTES = 256L << 20;

  /** A JSON snapshot: the catalog model drift, impact and policy read. */
  record Json(SchemaSnapshot snapshot) implements SnapshotFile {}

  /** A schema-only SQL dump: builds the replica, has no catalog model to diff. */
  record Dump(String sql) implements SnapshotFile {}

  /** The file at {@code relative} under {@code root}, or empty when there is none. */
  static Optional<SnapshotFile> read(Path root, String relative) {
    return RepositoryFiles.readIfExists(root, relative, MAX_BYTES, ErrorCode.CONFIG)
        .map(
            text -> {
              if (!text.stripLeading().startsWith("{")) {
                return new Dump(text);
              }
              try {
                return new Json(Snapshots.fromJson(text));
              } catch (WardenException e) {
                throw new WardenException(
                    ErrorCode.CONFIG,
                    "snapshot.path "
                        + relative
                        + ": "
                        + e.getMessage()
                        + "; take a new one with warden snapshot, or use a pg_dump -s file",
                    e);
              } catch (RuntimeException e) {
                throw new WardenException(
                    ErrorCode.CONFIG,
                    "snapshot.path "
                        + relative
                        + " is not a valid snapshot: "
                        + e.getMessage()
                        + "; take a new one with warden snapshot, or use a pg_dump -s file",
                    e);
              }
            });
  }

  /** The JSON snapshot, when this is one. */
  default Optional<SchemaSnapshot> json() {
    return this instanceof Json j ? Optional.of(j.snapshot()) : Optional.empty();
  }
}
