package dev.schemawarden.app.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A file the change touches, with repository-relative paths (relative to the reviewed directory, forward
 * slashes).
 *
 * @param path the path at head
 * @param status how the change touches it
 * @param basePath for a rename, the path on the base side
 */
public record ChangedFile(String path, Status status, Optional<String> basePath) {
  public enum Status {
    ADDED,
    MODIFIED,
    RENAMED;

    /** As the report spells a migration's status: {@code added} or {@code modified} (renames are modifications). */
    public String reportStatus() {
      return this == ADDED ? "added" : "modified";
    }
  }

  public ChangedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(basePath, "basePath");
  }

  /**
   * The files {@code git diff} lists between {@code range} (one {@code base...head} or two commits), renames
   * detected and paths unquoted: the one diff behind {@code warden review --base} and the service's repository
   * cache. {@code relative}: paths relative to the git's directory, and only under it.
   *
   * @param fix what to do when git fails, after its own message
   */
  static List<ChangedFile> diff(GitCli git, List<String> range, boolean relative, String fix) {
    List<String> args =
        new ArrayList<>(List.of("-c", "core.quotepath=false", "diff", "--name-status", "-z", "-M"));
    if (relative) {
      args.add("--relative");
    }
    args.add("--no-ext-diff");
    args.addAll(range);
    GitCli.Result r = git.run(args, java.util.Map.of());
    if (!r.ok()) {
      throw git.failure(args, r, fix);
    }
    return fromNameStatus(r.out());
  }

  /**
   * The files of {@code git diff --name-status -z -M} output: added, modified and renamed ones (a copy counts as
   * added; a deleted file is not reviewed, nothing of it runs).
   */
  static List<ChangedFile> fromNameStatus(String nulSeparated) {
    String[] parts = nulSeparated.split("\0");
    List<ChangedFile> files = new ArrayList<>();
    int i = 0;
    while (i < parts.length && !parts[i].isEmpty()) {
      String status = parts[i++];
      char kind = status.charAt(0);
      if (kind == 'R' || kind == 'C') {
        String from = parts[i++];
        String to = parts[i++];
        files.add(
            kind == 'R'
                ? new ChangedFile(to, Status.RENAMED, Optional.of(from))
                : new ChangedFile(to, Status.ADDED, Optional.empty()));
      } else {
        String path = parts[i++];
        if (kind == 'A') {
          files.add(new ChangedFile(path, Status.ADDED, Optional.empty()));
        } else if (kind == 'M' || kind == 'T') {
          files.add(new ChangedFile(path, Status.MODIFIED, Optional.empty()));
        } // D: nothing of a deleted file runs; U/X cannot occur between commits
      }
    }
    return files;
  }
}
