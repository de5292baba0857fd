package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's git: per repository a bare partial clone ({@code --filter=blob:none}) in the cache directory,
 * fetched incrementally for exactly the two commits of each event, and from it the two trees a review reads.
 *
 * <p>One operation at a time per repository (a lock in this process and a file lock for other processes on the same
 * directory); different repositories in parallel. A clone counts only once its {@code complete} marker exists; a
 * cache without it, with a pack that does not match its index, or that {@code git fsck} finds broken after a
 * failure, is deleted and cloned again, never reused. Past {@link RepositoryCacheSettings#maxCacheBytes()} the
 * least recently used repositories not in use are deleted. Credentials reach git only through its environment
 * ({@link GitEnvironment}); git's stderr is scrubbed of them before it is quoted anywhere.
 */
public final class RepositoryCache {
  private static final Logger LOG = LoggerFactory.getLogger(RepositoryCache.class);

  /** Fetched commits are kept under refs so later fetches negotiate from them; at most this many. */
  static final int KEPT_REFS = 200;

  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final RepositoryCacheSettings settings;
  private final Map<String, String> parentEnv;
  private final Consumer<List<String>> observer;

  public RepositoryCache(RepositoryCacheSettings settings) {
    this(settings, System.getenv(), cmd -> {});
  }

  /** {@code observer} sees every git command line this cache runs (tests assert no secret is on one). */
  RepositoryCache(
      RepositoryCacheSettings settings,
      Map<String, String> parentEnv,
      Consumer<List<String>> observer) {
    this.settings = settings;
    this.parentEnv = Map.copyOf(parentEnv);
    this.observer = observer;
  }

  public RepositoryCacheSettings settings() {
    return settings;
  }

  /** The directory of one repository's cache: a readable name plus a hash, so two keys never share one. */
  Path slot(GitRemote remote) {
    String key = remote.key();
    String readable = key.replaceAll("[^A-Za-z0-9._-]", "_");
    readable = readable.substring(0, Math.min(80, readable.length())).replaceAll("^[.]+", "_");
    return settings.dir().resolve(readable + "-" + Sha256.hex(key).substring(0, 16));
  }

  /** Fetches what {@code request} needs and writes its two trees; the caller closes the result. */
  public CachedCheckout checkout(CheckoutRequest request) {
    Path slot = slot(request.remote());
    Path root = FileTrees.createTemporary("warden-trees-");
    try {
      Path base = Files.createDirectory(root.resolve("base"));
      Path head = Files.createDirectory(root.resolve("head"));
      Written written = locked(slot, () -> fetchAndWrite(slot, request, base, head));
      evict(slot);
      return new CachedCheckout(
          root, base, head, written.baseSha(), written.changed(), written.omitted());
    } catch (IOException e) {
      FileTrees.delete(root);
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot create the trees of "
              + request.remote().repository()
              + " in "
              + root
              + ": "
              + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      FileTrees.delete(root);
      throw e;
    }
  }

  /** What {@link #fetchAndWrite} wrote: the base tree's commit (the merge base), the change, the files left out. */
  private record Written(
      String baseSha, List<ChangedFile> changed, List<CachedCheckout.Omitted> omitted) {}

  private Written fetchAndWrite(Path slot, CheckoutRequest request, Path base, Path head) {
    GitRemote remote = request.remote();
    for (int attempt = 0; ; attempt++) {
      boolean reused = usable(slot);
      if (!reused) {
        discard(slot);
        cloneInto(slot, remote);
      }
      GitCli git = git(slot, remote);
      try {
        new RemoteFetch(git, request).fetch();
        // Compared from the merge base, as a pull request's diff and `warden review --base` are:
        // commits the target branch gained since the branch point are not part of the change.
        String mergeBase = mergeBase(git, request);
        TreeMaterialiser trees = new TreeMaterialiser(git, settings, remote.repository());
        List<CachedCheckout.Omitted> omitted = new ArrayList<>();
        omitted.addAll(trees.write("base", mergeBase, base, slot.resolve("index.base")));
        omitted.addAll(trees.write("head", request.headSha(), head, slot.resolve("index.head")));
        Files.writeString(slot.resolve("last-used"), "");
        Files.setLastModifiedTime(
            slot.resolve("last-used"), FileTime.fromMillis(System.currentTimeMillis()));
        return new Written(mergeBase, changedFiles(git, mergeBase, request.headSha()), omitted);
      } catch (WardenException | IOException e) {
        if (attempt == 0 && reused && broken(git)) {
          LOG.warn(
              "repository cache of {} is corrupt ({}): cloning it again",
              remote.repository(),
              git.scrub(String.valueOf(e.getMessage())));
          FileTrees.delete(base);
          FileTrees.delete(head);
          mkdirs(base);
          mkdirs(head);
          discard(slot);
          continue;
        }
        throw e instanceof WardenException w
            ? w
            : new WardenException(
                ErrorCode.INFRASTRUCTURE,
                "cannot update the cache of " + remote.repository() + ": " + e.getMessage(),
                e);
      } finally {
        deleteQuietly(slot.resolve("index.base"));
        deleteQuietly(slot.resolve("index.head"));
      }
    }
  }

  /** The merge base of the two commits; the base commit itself when the histories share none. */
  private static String mergeBase(GitCli git, CheckoutRequest request) {
    GitCli.Result r =
        git.run(List.of("merge-base", request.baseSha(), request.headSha()), Map.of());
    String sha = r.out().strip();
    if (!r.ok() || sha.isEmpty()) {
      LOG.info(
          "{}: {} and {} share no history: comparing with the base commit itself",
          request.remote().repository(),
          request.baseSha(),
          request.headSha());
      return request.baseSha();
    }
    return sha;
  }

  /**
   * The files the change touches, as {@code warden review --base} lists them. Rename detection may fetch the blobs
   * of an added/deleted pair the trees did not need, in one batch.
   */
  private static List<ChangedFile> changedFiles(GitCli git, String baseSha, String headSha) {
    return ChangedFile.diff(
        git,
        List.of(baseSha, headSha),
        false,
        "check the host is reachable and the credentials may read the repository");
  }

  /** A git for the slot's clone: isolated environment with the remote's credentials, stderr scrubbed. */
  private GitCli git(Path slot, GitRemote remote) {
    Map<String, String> env =
        new java.util.LinkedHashMap<>(GitEnvironment.of(parentEnv, slot, remote.credentials()));
    env.put("GIT_DIR", slot.resolve("repo.git").toString());
    return GitCli.isolated(slot, settings.gitTimeout(), env, secrets(remote), observer);
  }

  private static List<String> secrets(GitRemote remote) {
    return remote.credentials().map(GitCredentials::secrets).orElse(List.of());
  }

  private void cloneInto(Path slot, GitRemote remote) {
    GitCli git =
        GitCli.isolated(
            slot,
            settings.gitTimeout(),
            GitEnvironment.of(parentEnv, slot, remote.credentials()),
            secrets(remote),
            observer);
    List<String> args =
        List.of(
            "clone",
            "--quiet",
            "--bare",
            "--filter=blob:none",
            "--no-tags",
            "--config",
            "gc.auto=0",
            "--config",
            "maintenance.auto=false",
            "--",
            remote.url(),
            "repo.git");
    LOG.info("cloning {} into the repository cache {}", remote.repository(), slot);
    GitCli.Result r = git.run(args, Map.of());
    if (!r.ok()) {
      throw git.failure(
          args,
          r,
          "check the URL (docs/webhooks.md, \"Where git comes from\") and that the"
              + " credentials may read the repository");
    }
    try {
      // Only now is the clone whole: a clone killed midway has no marker and is never reused.
      Files.writeString(slot.resolve("complete"), remote.url() + "\n");
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE, "cannot write " + slot.resolve("complete"), e);
    }
  }

  /** A clone that finished and whose packs all end with the checksum their index records. */
  private static boolean usable(Path slot) {
    Path pack = slot.resolve("repo.git").resolve("objects").resolve("pack");
    if (!Files.isRegularFile(slot.resolve("complete")) || !Files.isDirectory(pack)) {
      return false;
    }
    try (Stream<Path> files = Files.list(pack)) {
      for (Path idx : files.filter(p -> p.getFileName().toString().endsWith(".idx")).toList()) {
        Path data =
            idx.resolveSibling(idx.getFileName().toString().replaceFirst("\\.idx$", ".pack"));
        if (!Arrays.equals(tail(idx, 40, 20), tail(data, 20, 20))) {
          LOG.warn(
              "repository cache {}: pack {} does not match its index", slot, data.getFileName());
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code length} bytes ending {@code fromEnd} bytes before the end of {@code file}; empty when it is shorter. */
  private static byte[] tail(Path file, int fromEnd, int length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      if (f.length() < fromEnd + 12) {
        return new byte[0];
      }
      byte[] b = new byte[length];
      f.seek(f.length() - fromEnd);
      f.readFully(b);
      return b;
    }
  }

  /** After a failure on a reused clone: is the clone itself broken (rather than the network or the request)? */
  private static boolean broken(GitCli git) {
    return !git.run(
            List.of("fsck", "--connectivity-only", "--no-progress", "--no-dangling"), Map.of())
        .ok();
  }

  private static void discard(Path slot) {
    deleteQuietly(slot.resolve("complete"));
    FileTrees.delete(slot.resolve("repo.git"));
  }

  /** Runs {@code body} holding the slot's lock in this process and its file lock against other processes. */
  private <T> T locked(Path slot, java.util.function.Supplier<T> body) {
    ReentrantLock lock =
        LOCKS.computeIfAbsent(slot.toAbsolutePath().normalize(), k -> new ReentrantLock());
    lock.lock();
    try {
      mkdirs(slot);
      try (FileChannel ch =
              FileChannel.open(
                  slot.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        return body.get();
      } catch (IOException e) {
        throw new WardenException(
            ErrorCode.INFRASTRUCTURE,
            "cannot lock "
                + slot.resolve("lock")
                + ": "
                + e.getMessage()
                + ": check that "
                + settings.dir()
                + " is writable",
            e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Deletes least recently used clones not in use until the cache fits; the one just used always stays. */
  private void evict(Path current) {
    List<Path> slots;
    try (Stream<Path> s = Files.list(settings.dir())) {
      slots = s.filter(p -> Files.isRegularFile(p.resolve("complete"))).toList();
    } catch (IOException e) {
      LOG.warn("cannot list the repository cache {}: {}", settings.dir(), e.getMessage());
      return;
    }
    Map<Path, Long> sizes = new java.util.HashMap<>();
    slots.forEach(p -> sizes.put(p, size(p.resolve("repo.git"))));
    long total = sizes.values().stream().mapToLong(Long::longValue).sum();
    List<Path> oldest =
        slots.stream()
            .filter(p -> !p.equals(current))
            .sorted(java.util.Comparator.comparingLong(RepositoryCache::lastUsed))
            .toList();
    for (Path victim : oldest) {
      if (total <= settings.maxCacheBytes()) {
        return;
      }
      if (tryDiscard(victim)) {
        LOG.info(
            "repository cache over {} bytes: evicted {}",
            settings.maxCacheBytes(),
            victim.getFileName());
        total -= sizes.get(victim);
      }
    }
  }

  /** Deletes a slot's clone if no one (in this process or another) holds it. */
  private static boolean tryDiscard(Path slot) {
    ReentrantLock lock =
        LOCKS.computeIfAbsent(slot.toAbsolutePath().normalize(), k -> new ReentrantLock());
    if (!lock.tryLock()) {
      return false;
    }
    try (FileChannel ch =
            FileChannel.open(
                slot.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock fl = ch.tryLock()) {
      if (fl == null) {
        return false;
      }
      discard(slot);
      return true;
    } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
      return false; // held by this process through another channel: in use
    } finally {
      lock.unlock();
    }
  }

  private static long lastUsed(Path slot) {
    try {
      return Files.getLastModifiedTime(slot.resolve("last-used")).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  static long size(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private void mkdirs(Path dir) {
    try {
      if (!Files.isDirectory(settings.dir())) {
        Files.createDirectories(settings.dir());
        // private repositories live here: only the bot's user may read them
        Files.setPosixFilePermissions(settings.dir(), PosixFilePermissions.fromString("rwx------"));
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot create "
              + dir
              + ": "
              + e.getMessage()
              + ": set "
              + RepositoryCacheSettings.DIR_ENV
              + " to a writable directory",
          e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", p, e.getMessage());
    }
  }
}
