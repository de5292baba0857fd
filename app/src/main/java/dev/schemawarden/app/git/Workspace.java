package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.report.ReviewReport.ReviewTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two sides of a change on disk: the head tree (where migrations are loaded, so tool ordering, includes and
 * placeholders work as the tool sees them), the base tree (materialised only when asked), and the files the
 * change touches. Temporary checkouts are deleted on {@link #close()}.
 */
public final class Workspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

  private final Path headRoot;
  private final List<ChangedFile> changedFiles;
  private final ReviewTarget target;
  private final BaseTree base;
  private final List<Path> temporary;
  private final boolean settingsFromBase;

  private Workspace(
      Path headRoot,
      List<ChangedFile> changedFiles,
      ReviewTarget target,
      BaseTree base,
      List<Path> temporary) {
    this(headRoot, changedFiles, target, base, temporary, false);
  }

  private Workspace(
      Path headRoot,
      List<ChangedFile> changedFiles,
      ReviewTarget target,
      BaseTree base,
      List<Path> temporary,
      boolean settingsFromBase) {
    this.headRoot = headRoot;
    this.changedFiles = List.copyOf(changedFiles);
    this.target = target;
    this.base = base;
    this.temporary = new ArrayList<>(temporary);
    this.settingsFromBase = settingsFromBase;
  }

  /**
   * The tree {@code .schemawarden.yml}, the policy, the context and CODEOWNERS are read from: the head tree for
   * local runs (the user sees the effect of editing them at once), the base tree for the service's reviews (a pull
   * request never weakens the rules that judge it; its changes to them apply once merged).
   */
  public Path settingsRoot() {
    return settingsFromBase ? baseRoot() : headRoot;
  }

  /** True when {@link #settingsRoot()} is the base tree. */
  public boolean settingsFromBase() {
    return settingsFromBase;
  }

  @FunctionalInterface
  private interface BaseTree {
    Path materialise(List<Path> temporary);
  }

  /** The head tree: the reviewed directory itself or a temporary checkout of the head commit. */
  public Path headRoot() {
    return headRoot;
  }

  /** The base tree on disk, materialised on first call (an empty directory when the reviewed path is new). */
  public Path baseRoot() {
    return base.materialise(temporary);
  }

  public List<ChangedFile> changedFiles() {
    return changedFiles;
  }

  public ReviewTarget target() {
    return target;
  }

  /**
   * Compares {@code baseRef} with {@code headRef} in the git repository holding {@code dir}, the way a pull request
   * does: files changed between their merge base and head ({@code git diff base...head}), limited to {@code dir}.
   */
  public static Workspace fromGit(Path dir, String baseRef, String headRef) {
    return fromGit(dir, baseRef, headRef, false);
  }

  /**
   * As {@link #fromGit(Path, String, String)}; with {@code settingsFromBase} the settings are read from the base
   * tree at the merge base ({@link #settingsRoot()}), for a head nobody vouches for.
   */
  public static Workspace fromGit(
      Path dir, String baseRef, String headRef, boolean settingsFromBase) {
    GitRepository repo = GitRepository.open(dir);
    String baseSha = repo.resolve(baseRef, "--base");
    String headSha = repo.resolve(headRef, "--head");
    List<ChangedFile> files = repo.changedFiles(baseSha, headSha);
    String mergeBase = repo.mergeBase(baseSha, headSha);
    List<Path> temps = new ArrayList<>();
    Path headRoot;
    if (headRef.equals("HEAD") && repo.isClean()) {
      headRoot = dir; // the working tree is exactly HEAD: no copy needed
    } else {
      headRoot = repo.materialise(headSha, temp("warden-head-", temps));
    }
    ReviewTarget target = new ReviewTarget(repo.displayName(), baseRef, baseSha, headRef, headSha);
    LOG.debug("{}: {} file(s) changed between {} and {}", dir, files.size(), baseSha, headSha);
    return new Workspace(
        headRoot,
        files,
        target,
        new BaseTree() {
          private Path root;

          @Override
          public Path materialise(List<Path> temporary) {
            if (root == null) {
              root = repo.materialise(mergeBase, temp("warden-base-", temporary));
            }
            return root;
          }
        },
        temps,
        settingsFromBase);
  }

  /**
   * The tree of one commit ({@code ref}) of the git repository holding {@code dir}, checked out into a temporary
   * directory (the user's index and working tree untouched): {@link #headRoot()} and {@link #baseRoot()} are both
   * that tree and nothing is changed. For commands that read the repository as of a ref ({@code warden drift --ref}).
   */
  public static Workspace atRef(Path dir, String ref) {
    GitRepository repo = GitRepository.open(dir);
    String sha = repo.resolve(ref, "--ref");
    List<Path> temps = new ArrayList<>();
    Path root = repo.materialise(sha, temp("warden-ref-", temps));
    ReviewTarget target = new ReviewTarget(repo.displayName(), ref, sha, ref, sha);
    return new Workspace(root, List.of(), target, temporary -> root, temps);
  }

  /**
   * Compares two directories on disk (for CI systems that check out base and head side by side, and for the
   * shipped examples): every file under {@code headDir} that is absent from {@code baseDir} is added, one whose
   * bytes differ is modified.
   */
  public static Workspace fromDirectories(Path headDir, Path baseDir) {
    requireDirectory(headDir, "--repo");
    requireDirectory(baseDir, "--base-dir");
    List<ChangedFile> files = new ArrayList<>();
    for (String rel : listFiles(headDir)) {
      RepositoryFiles.Lookup head = RepositoryFiles.lookup(headDir, rel);
      RepositoryFiles.Lookup base = RepositoryFiles.lookup(baseDir, rel);
      if (base instanceof RepositoryFiles.Missing || base instanceof RepositoryFiles.Directory) {
        files.add(new ChangedFile(rel, ChangedFile.Status.ADDED, Optional.empty()));
      } else if (!(head instanceof RepositoryFiles.Found h
              && base instanceof RepositoryFiles.Found b)
          || !sameBytes(h.real(), b.real())) {
        // Links and special files are never opened here: they count as changed and the source
        // refuses them.
        files.add(new ChangedFile(rel, ChangedFile.Status.MODIFIED, Optional.empty()));
      }
    }
    ReviewTarget target =
        new ReviewTarget(headDir.toString(), baseDir.toString(), "", "(working tree)", "");
    return new Workspace(headDir, files, target, temporary -> baseDir, List.of());
  }

  /**
   * Two trees already on disk (the service's repository cache writes them), the files the change touches between
   * them and what they are: the report names the repository, pull request and refs, never the temporary paths.
   * Settings are read from the base tree ({@link #settingsRoot()}).
   */
  public static Workspace fromTrees(
      Path headDir, Path baseDir, List<ChangedFile> changedFiles, ReviewTarget target) {
    return new Workspace(headDir, changedFiles, target, temporary -> baseDir, List.of(), true);
  }

  private static void requireDirectory(Path dir, String option) {
    if (!Files.isDirectory(dir)) {
      throw new WardenException(
          ErrorCode.USAGE,
          option
              + " "
              + dir
              + ": no such directory: check the path (relative to "
              + Path.of("").toAbsolutePath()
              + ")");
    }
  }

  /** Every entry under {@code root} but git's own, links and special files included (never opened here). */
  private static List<String> listFiles(Path root) {
    return RepositoryFiles.list(
        root, "", true, p -> !p.startsWith(".git/") && !p.contains("/.git/"));
  }

  private static boolean sameBytes(Path a, Path b) {
    try {
      return Files.mismatch(a, b) == -1;
    } catch (IOException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot compare " + a + " and " + b, e);
    }
  }

  private static Path temp(String prefix, List<Path> temps) {
    Path p = FileTrees.createTemporary(prefix);
    temps.add(p);
    return p;
  }

  @Override
  public void close() {
    for (Path p : temporary) {
      FileTrees.delete(p);
    }
    temporary.clear();
  }
}
