package dev.schemawarden.replica.internal.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OS user the PostgreSQL processes run as: an unprivileged account (default {@code nobody}) when the JVM runs
 * as root, so the server cannot read the bot's keys or tokens; the current user otherwise.
 *
 * @param switched true when commands are wrapped to change user ({@code setpriv}, else {@code runuser})
 */
record OsUser(String name, int uid, int gid, boolean switched) {
  static final String DEFAULT = "nobody";

  static OsUser resolve(Optional<String> configured) throws IOException {
    int euid = effectiveUid();
    if (euid != 0) {
      return new OsUser(System.getProperty("user.name"), euid, statusId("Gid:"), false);
    }
    String name = configured.filter(s -> !s.isBlank()).orElse(DEFAULT);
    String entry = Processes.capture(List.of("getent", "passwd", name)).trim();
    String[] f = entry.split(":");
    if (f.length < 4) {
      throw new IOException(
          "OS user "
              + name
              + " for the embedded PostgreSQL does not exist: create it or set "
              + "WARDEN_POSTGRES_OS_USER to an unprivileged user");
    }
    int uid = Integer.parseInt(f[2]);
    if (uid == 0) {
      throw new IOException(
          "OS user "
              + name
              + " for the embedded PostgreSQL is root: set "
              + "WARDEN_POSTGRES_OS_USER to an unprivileged user");
    }
    return new OsUser(name, uid, Integer.parseInt(f[3]), true);
  }

  static int effectiveUid() {
    try {
      return statusId("Uid:");
    } catch (IOException e) {
      return "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }
  }

  /** The effective id from a {@code Uid:}/{@code Gid:} line of /proc/self/status (real, effective, saved, fs). */
  private static int statusId(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
      if (line.startsWith(field)) {
        return Integer.parseInt(line.substring(field.length()).trim().split("\\s+")[1]);
      }
    }
    throw new IOException("no " + field + " in /proc/self/status");
  }

  /** {@code command} run as this user, with no supplementary groups. */
  List<String> wrap(List<String> command) {
    if (!switched) {
      return command;
    }
    List<String> out = new ArrayList<>();
    Optional<Path> setpriv = firstExisting("/usr/bin/setpriv", "/bin/setpriv");
    if (setpriv.isPresent()) {
      out.addAll(
          List.of(
              setpriv.get().toString(),
              "--reuid=" + uid,
              "--regid=" + gid,
              "--clear-groups",
              "--"));
    } else {
      out.addAll(
          List.of(
              firstExisting("/usr/sbin/runuser", "/sbin/runuser")
                  .orElse(Path.of("runuser"))
                  .toString(),
              "-u",
              name,
              "--"));
    }
    out.addAll(command);
    return out;
  }

  /** Makes this user own {@code path} (no-op when we are this user). */
  void own(Path path) throws IOException {
    if (switched) {
      Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** Makes this user own {@code dir} and everything under it (an existing data directory of an older run). */
  void ownTree(Path dir) throws IOException {
    if (switched
        && ((Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)) != uid) {
      Processes.capture(
          List.of("chown", "-R", "--no-dereference", uid + ":" + gid, dir.toString()));
    }
  }

  /**
   * The first directory on the way to {@code path} this user may not pass through, e.g. {@code /root} (700):
   * the server could not reach its data directory or binaries there.
   */
  Optional<Path> firstBlocked(Path path) throws IOException {
    if (!switched) {
      return Optional.empty();
    }
    Path p = path.toAbsolutePath().getRoot();
    for (Path part : path.toAbsolutePath()) {
      p = p.resolve(part);
      if (!Files.exists(p)) {
        return Optional.empty();
      }
      if (Files.isDirectory(p) && !mayTraverse(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private boolean mayTraverse(Path dir) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
    int owner = (Integer) Files.getAttribute(dir, "unix:uid");
    int group = (Integer) Files.getAttribute(dir, "unix:gid");
    if (owner == uid) {
      return perms.contains(PosixFilePermission.OWNER_EXECUTE);
    }
    if (group == gid) {
      return perms.contains(PosixFilePermission.GROUP_EXECUTE);
    }
    return perms.contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  private static Optional<Path> firstExisting(String... paths) {
    for (String p : paths) {
      if (Files.isExecutable(Path.of(p))) {
        return Optional.of(Path.of(p));
      }
    }
    return Optional.empty();
  }
}
