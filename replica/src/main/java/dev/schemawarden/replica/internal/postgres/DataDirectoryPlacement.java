package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ByteSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the embedded cluster's data directory goes: {@code /dev/shm} (memory, fast) only when it has room for
 * what a review may write there — twice a clone's size cap plus {@link #HEADROOM} for the cluster itself, WAL and
 * templates — else the temp directory on disk, so a full tmpfs never takes the host's memory.
 */
final class DataDirectoryPlacement {
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryPlacement.class);
  static final long HEADROOM = 512L << 20;

  private DataDirectoryPlacement() {}

  /** The bytes {@code memory} must have free to be chosen for clones capped at {@code sizeCapBytes}. */
  static long needed(long sizeCapBytes) {
    return 2 * sizeCapBytes + HEADROOM;
  }

  static Path choose(Path memory, Path disk, long sizeCapBytes) {
    if (!Files.isDirectory(memory) || !Files.isWritable(memory)) {
      return disk;
    }
    try {
      long free = Files.getFileStore(memory).getUsableSpace();
      if (free >= needed(sizeCapBytes)) {
        return memory;
      }
      LOG.info(
          "replica data directory on {}: {} has {} free, less than the {} a review may need",
          disk,
          memory,
          ByteSize.format(free),
          ByteSize.format(needed(sizeCapBytes)));
    } catch (IOException e) {
      LOG.info(
          "replica data directory on {}: cannot read the free space of {}: {}",
          disk,
          memory,
          e.getMessage());
    }
    return disk;
  }
}
