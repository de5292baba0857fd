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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code warden watch} has proposed, one entry per problem key ({@code DG101 public.orders_note_idx}): where
 * the proposal went, where it stands, and the evidence it was last written with, so a later tick keeps one proposal
 * per problem current. The CLI keeps it in a local JSON file ({@link #load(Path)}), written to a temporary file and
 * moved into place so a crash leaves the old state or the new one; {@code warden serve} keeps it in the state store
 * ({@link WatchStateTable}).
 */
public final class WatchState {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VERSION = 2;

  /** Where a proposal stands. */
  public enum Status {
    /** Open on the host; kept current. */
    OPEN,
    /** A person closed it unmerged: proposed again only when the evidence got worse by {@code watch.reopen-factor}. */
    CLOSED_BY_HUMAN,
    /** Merged: the fix waits for its deploy; the problem is not proposed again while it is reported. */
    MERGED,
    /** The problem went away in production (watch closed the proposal, or it had been merged): a return is new. */
    RESOLVED,
    /** Not opened ({@link Entry#reason} says why: the cap, a blocked review); retried on a later tick. */
    SUPPRESSED
  }

  /**
   * One problem's proposal.
   *
   * @param number the pull (merge) request; 0 when none was opened ({@link Status#SUPPRESSED})
   * @param versions the migration versions its files took (never reused)
   * @param evidenceHash SHA-256 of the evidence it was last written with ({@link Evidence#sha256})
   * @param fingerprint what "the evidence changed" compares ({@link Evidence#fingerprint})
   * @param measure the check's main number when last written, or when a person closed it
   * @param round 1 for the first proposal of the problem, then one more for each proposal made again
   * @param reason why it is {@link Status#SUPPRESSED}, one line; {@code ""} otherwise
   * @param files repository path to the SHA-256 of the text committed for it
   */
  public record Entry(
      String key,
      String branch,
      int number,
      List<String> versions,
      Instant at,
      Status status,
      String evidenceHash,
      String fingerprint,
      double measure,
      int round,
      String reason,
      Map<String, String> files) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(branch, "branch");
      versions = List.copyOf(versions);
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(evidenceHash, "evidenceHash");
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(reason, "reason");
      files = Map.copyOf(files);
    }

    /** An open proposal as the first version of the state recorded it. */
    public Entry(String key, String branch, int number, List<String> versions, Instant at) {
      this(key, branch, number, versions, at, Status.OPEN, "", "", 0, 1, "", Map.of());
    }

    public Entry with(Status newStatus, double newMeasure, String newReason, Instant when) {
      return new Entry(
          key,
          branch,
          number,
          versions,
          when,
          newStatus,
          evidenceHash,
          fingerprint,
          newMeasure,
          round,
          newReason,
          files);
    }
  }

  /** Where entries are kept. */
  public interface Persistence {
    /** Stores {@code changed}; {@code all} is every entry after the change (a file rewrites them all). */
    void save(Entry changed, Collection<Entry> all);
  }

  private final Persistence persistence;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  WatchState(Persistence persistence, List<Entry> loaded) {
    this.persistence = Objects.requireNonNull(persistence, "persistence");
    loaded.forEach(e -> entries.put(e.key(), e));
  }

  /** The state in {@code file}; empty when it does not exist yet. */
  public static WatchState load(Path file) {
    Persistence toFile = (changed, all) -> write(file, all);
    if (!Files.exists(file)) {
      return new WatchState(toFile, List.of());
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      int version = root == null ? 0 : root.path("version").asInt();
      if ((version != 1 && version != VERSION) || !root.path("proposals").isArray()) {
        throw new IOException("not a watch state file of version " + VERSION);
      }
      List<Entry> loaded = new ArrayList<>();
      for (JsonNode n : root.path("proposals")) {
        loaded.add(entry(n));
      }
      return new WatchState(toFile, loaded);
    } catch (IOException | RuntimeException e) {
      throw new WardenException(
          ErrorCode.CONFIG,
          file
              + ": cannot read the watch state: "
              + e.getMessage()
              + ": fix or delete the file (deleting it lets watch propose open problems again)",
          e);
    }
  }

  /** An entry from its JSON (the file's, the state store's); a version 1 entry is an open proposal. */
  static Entry entry(JsonNode n) {
    List<String> versions = new ArrayList<>();
    n.path("versions").forEach(v -> versions.add(v.asText()));
    Map<String, String> files = new TreeMap<>();
    n.path("files").fields().forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
    return new Entry(
        n.path("key").asText(),
        n.path("branch").asText(),
        n.path("number").asInt(),
        versions,
        Instant.parse(n.path("at").asText()),
        Status.valueOf(n.path("status").asText("OPEN")),
        n.path("evidence_hash").asText(""),
        n.path("fingerprint").asText(""),
        n.path("measure").asDouble(0),
        n.path("round").asInt(1),
        n.path("reason").asText(""),
        files);
  }

  static ObjectNode json(Entry e) {
    ObjectNode n =
        JSON.createObjectNode()
            .put("key", e.key())
            .put("branch", e.branch())
            .put("number", e.number())
            .put("at", e.at().toString())
            .put("status", e.status().name())
            .put("evidence_hash", e.evidenceHash())
            .put("fingerprint", e.fingerprint())
            .put("measure", e.measure())
            .put("round", e.round())
            .put("reason", e.reason());
    ArrayNode v = n.putArray("versions");
    e.versions().forEach(v::add);
    ObjectNode f = n.putObject("files");
    new TreeMap<>(e.files()).forEach(f::put);
    return n;
  }

  private static void write(Path file, Collection<Entry> all) {
    ObjectNode root = JSON.createObjectNode().put("version", VERSION);
    ArrayNode list = root.putArray("proposals");
    all.forEach(e -> list.add(json(e)));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".watch-state", ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          file
              + ": cannot write the watch state: "
              + e.getMessage()
              + ": check the directory is writable (--state-file)",
          e);
    }
  }

  public Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** How many proposals are open on the host: what {@code watch.max-open} caps. */
  public int open() {
    return (int) entries.values().stream().filter(e -> e.status() == Status.OPEN).count();
  }

  /** Every version a recorded proposal took. */
  public Set<String> versions() {
    Set<String> all = new TreeSet<>();
    entries.values().forEach(e -> all.addAll(e.versions()));
    return all;
  }

  /** Records {@code entry} and stores it. */
  public void record(Entry entry) {
    entries.put(entry.key(), entry);
    persistence.save(entry, entries.values());
  }
}
