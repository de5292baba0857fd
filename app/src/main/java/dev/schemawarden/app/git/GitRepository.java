package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The git operations a review needs, over {@link GitCli}, for the directory under review inside a repository. */
final class GitRepository {
  private final GitCli git;
  private final String toplevel;

  /** Path of {@code dir} inside the repository, with a trailing slash, or empty at the root. */
  private final String prefix;

  private GitRepository(GitCli git, String toplevel, String prefix) {
    this.git = git;
    this.toplevel = toplevel;
    this.prefix = prefix;
  }

  static GitRepository open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new WardenException(
          ErrorCode.USAGE, "--repo " + dir + ": no such directory: check the path");
    }
    GitCli git = new GitCli(dir);
    GitCli.Result top = git.run("rev-parse", "--show-toplevel");
    if (!top.ok()) {
      throw new WardenException(
          ErrorCode.USAGE,
          dir
              + " is not inside a git repository ("
              + top.stderr()
              + "): pass the repository's directory with "
              + "--repo, or compare two checkouts on disk with --base-dir DIR instead of --base REF");
    }
    String prefix = git.runOk("", "rev-parse", "--show-prefix").strip();
    return new GitRepository(git, top.out().strip(), prefix);
  }

  String displayName() {
    return prefix.isEmpty() ? toplevel : toplevel + "/" + prefix.substring(0, prefix.length() - 1);
  }

  /** The commit {@code ref} names, or a usage error that says how to make it available. */
  String resolve(String ref, String option) {
    if (ref.isBlank() || ref.startsWith("-")) {
      throw new WardenException(
          ErrorCode.USAGE,
          option + " '" + ref + "' is not a git ref: name a branch, tag or commit");
    }
    GitCli.Result r =
        git.run("rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
    if (!r.ok()) {
      boolean shallow =
          git.run("rev-parse", "--is-shallow-repository").out().strip().equals("true");
      throw new WardenException(
          ErrorCode.USAGE,
          option
              + " "
              + ref
              + ": unknown revision in "
              + toplevel
              + ": check the name (`git branch -a` lists "
              + "branches) or fetch it first, e.g. `git fetch origin "
              + ref
              + ":"
              + ref
              + "`"
              + (shallow
                  ? "; this is a shallow clone, so fetch full history (actions/checkout: fetch-depth: 0)"
                  : ""));
    }
    return r.out().strip();
  }

  String mergeBase(String baseSha, String headSha) {
    GitCli.Result r = git.run("merge-base", baseSha, headSha);
    if (!r.ok()) {
      throw new WardenException(
          ErrorCode.USAGE,
          "no common ancestor of "
              + baseSha
              + " and "
              + headSha
              + " in "
              + toplevel
              + " ("
              + r.stderr()
              + "): fetch more history (actions/checkout: fetch-depth: 0) or pass the right --base");
    }
    return r.out().strip();
  }

  /** Files added, modified or renamed between the merge base of the two commits and head, under {@code dir}. */
  List<ChangedFile> changedFiles(String baseSha, String headSha) {
    return ChangedFile.diff(
        git,
        List.of(baseSha + "..." + headSha),
        true,
        "fetch more history (actions/checkout: fetch-depth: 0) or pass the right --base");
  }

  /** True when the working tree under {@code dir} has no changes and no untracked files relative to HEAD. */
  boolean isClean() {
    return git.runOk("", "status", "--porcelain", "--", ".").isBlank();
  }

  /**
   * Writes the tree of {@code sha} under {@code dir}'s path into {@code into}, using a private index file so the
   * user's index, working tree and worktree list are never touched. An empty directory when the path does not exist
   * at that commit.
   */
  Path materialise(String sha, Path into) {
    String treeish =
        prefix.isEmpty() ? sha + "^{tree}" : sha + ":" + prefix.substring(0, prefix.length() - 1);
    if (!git.run("cat-file", "-e", treeish).ok()) {
      return into;
    }
    Path index = into.resolveSibling(into.getFileName() + ".index");
    try {
      Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
      List<String> read = List.of("read-tree", treeish);
      // From the top level: inside a subdirectory checkout-index only writes index paths under that
      // subdirectory.
      GitCli top = new GitCli(Path.of(toplevel));
      GitCli.Result r = top.run(read, env);
      if (!r.ok()) {
        throw top.failure(read, r, "check that the repository is not corrupt (`git fsck`)");
      }
      // core.symlinks=true: a link blob becomes a link (never a file holding its target text),
      // which RepositoryFiles then refuses when it leaves the checkout and follows when it stays
      // inside; git itself never writes through a link.
      List<String> checkout =
          List.of(
              "-c",
              "core.symlinks=true",
              "checkout-index",
              "--all",
              "--force",
              "--prefix=" + into + "/");
      r = top.run(checkout, env);
      if (!r.ok()) {
        throw top.failure(checkout, r, "check free space in " + into.getParent());
      }
      return into;
    } finally {
      try {
        Files.deleteIfExists(index);
      } catch (IOException ignored) {
        // a leftover temp index file is harmless
      }
    }
  }
}
