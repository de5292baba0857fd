package dev.schemawarden.app.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code warden watch} has proposed, one entry per problem key ({@code DG101 public.orders_note_idx}), in a
 * local JSON file: a problem is proposed once, and the versions its migration took are never reused. Written to a
 * temporary file and moved into place, so a crash leaves the old state or the new one.
 */
public final class WatchState {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VERSION = 1;

  /** One proposal: where it went and the versions its files took. */
  public record Entry(String key, String branch, int number, List<String> versions, Instant at) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(branch, "branch");
      versions = List.copyOf(versions);
      Objects.requireNonNull(at, "at");
    }
  }

  private final Path file;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private WatchState(Path file) {
    this.file = file;
  }

  /** The state in {@code file}; empty when it does not exist yet. */
  public static WatchState load(Path file) {
    WatchState s = new WatchState(file);
    if (!Files.exists(file)) {
      return s;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      if (root == null || root.path("version").asInt() != VERSION || !root.path("proposals").isArray()) {
        throw new IOException("not a watch state file of version " + VERSION);
      }
      for (JsonNode n : root.path("proposals")) {
        List<String> versions = new ArrayList<>();
        n.path("versions").forEach(v -> versions.add(v.asText()));
        Entry e = new Entry(n.path("key").asText(), n.path("branch").asText(), n.path("number").asInt(), versions,
            Instant.parse(n.path("at").asText()));
        s.entries.put(e.key(), e);
      }
      return s;
    } catch (IOException | RuntimeException e) {
      throw new WardenException(ErrorCode.CONFIG, file + ": cannot read the watch state: " + e.getMessage()
          + ": fix or delete the file (deleting it lets watch propose open problems again)", e);
    }
  }

  public Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** Every version a recorded proposal took. */
  public Set<String> versions() {
    Set<String> all = new TreeSet<>();
    entries.values().forEach(e -> all.addAll(e.versions()));
    return all;
  }

  /** Records {@code entry} and writes the file. */
  public void record(Entry entry) {
    entries.put(entry.key(), entry);
    ObjectNode root = JSON.createObjectNode().put("version", VERSION);
    ArrayNode list = root.putArray("proposals");
    for (Entry e : entries.values()) {
      ObjectNode n = list.addObject().put("key", e.key()).put("branch", e.branch()).put("number", e.number())
          .put("at", e.at().toString());
      ArrayNode v = n.putArray("versions");
      e.versions().forEach(v::add);
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".watch-state", ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, file + ": cannot write the watch state: " + e.getMessage()
          + ": check the directory is writable (--state-file)", e);
    }
  }
}
