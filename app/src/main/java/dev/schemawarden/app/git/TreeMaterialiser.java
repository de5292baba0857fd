package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the part of one commit's tree a review reads from a bare partial clone into a directory: lists the tree,
 * keeps regular files a review reads and every link, fetches the blobs the clone lacks in one request, and lets
 * {@code git checkout-index} write them from a private index (links as links). Every path is checked first: a
 * hostile tree never writes outside the directory.
 */
final class TreeMaterialiser {
  /** Where CODEOWNERS may live (GitHub and GitLab look in these places). */
  static final Set<String> CODEOWNERS =
      Set.of("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS");

  /** A longer repository path is not written: far beyond any real one, and below every file system's limit. */
  static final int MAX_PATH_BYTES = 1024;

  record Entry(String mode, String oid, long size, String path) {
    boolean link() {
      return mode.equals("120000");
    }
  }

  private final GitCli git;
  private final RepositoryCacheSettings settings;
  private final String repository;

  TreeMaterialiser(GitCli git, RepositoryCacheSettings settings, String repository) {
    this.git = git;
    this.settings = settings;
    this.repository = repository;
  }

  /**
   * Writes the tree of {@code sha} into {@code into} (an empty directory); returns what was left out. The tree is
   * listed without sizes ({@code ls-tree --long} would fetch every blob of the repository, one request each); the
   * blobs a review reads are fetched in one request, and only then measured.
   */
  List<CachedCheckout.Omitted> write(String side, String sha, Path into, Path index) {
    List<CachedCheckout.Omitted> omitted = new ArrayList<>();
    List<Entry> selected = new ArrayList<>();
    for (Entry e : list(sha)) {
      String problem = pathProblem(e.path());
      if (!problem.isEmpty()) {
        omitted.add(new CachedCheckout.Omitted(side, e.path(), problem));
      } else if (e.link() || wanted(e.path())) {
        selected.add(e);
      }
    }
    if (selected.size() > settings.maxTreeFiles()) {
      throw overLimit(
          side,
          sha,
          selected.size() + " files",
          "WARDEN_REPO_MAX_TREE_FILES",
          settings.maxTreeFiles() + " files");
    }
    prefetch(sha, selected);
    Map<String, Long> sizes = sizes(selected);
    List<Entry> keep = new ArrayList<>();
    List<Entry> tooLarge = new ArrayList<>();
    long bytes = 0;
    for (Entry e : selected) {
      Entry sized = new Entry(e.mode(), e.oid(), sizes.getOrDefault(e.oid(), 0L), e.path());
      if (sized.size() > settings.maxFileBytes()) {
        tooLarge.add(sized);
        omitted.add(
            new CachedCheckout.Omitted(
                side,
                e.path(),
                "larger than "
                    + settings.maxFileBytes()
                    + " bytes (WARDEN_REPO_MAX_FILE_MB): an empty placeholder of the same size stands in"));
      } else {
        keep.add(sized);
        bytes += sized.size();
      }
    }
    if (bytes > settings.maxTreeBytes()) {
      throw overLimit(
          side,
          sha,
          bytes + " bytes",
          "WARDEN_REPO_MAX_TREE_MB",
          settings.maxTreeBytes() + " bytes");
    }
    checkout(keep, into, index);
    for (Entry e : tooLarge) {
      placeholder(into, e);
    }
    return omitted;
  }

  private WardenException overLimit(
      String side, String sha, String what, String variable, String limit) {
    return new WardenException(
        ErrorCode.INPUT,
        repository
            + " at "
            + sha.substring(0, 12)
            + " ("
            + side
            + "): "
            + what
            + " a review reads, over the limit of "
            + limit
            + " ("
            + variable
            + "): raise it for this service");
  }

  private List<Entry> list(String sha) {
    List<String> args = List.of("ls-tree", "-r", "-z", "--full-tree", sha);
    GitCli.Result r = git.run(args, Map.of());
    if (!r.ok()) {
      throw git.failure(args, r, "");
    }
    List<Entry> entries = new ArrayList<>();
    for (String line : r.out().split("\0")) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String[] meta = line.substring(0, tab).split(" ");
      // regular files (100644, 100755) and links (120000); submodules (160000) have no content here
      if (meta.length == 3
          && meta[1].equals("blob")
          && (meta[0].startsWith("100") || meta[0].equals("120000"))) {
        entries.add(new Entry(meta[0], meta[2], 0, line.substring(tab + 1)));
      }
    }
    return entries;
  }

  /** Sizes of blobs already in the clone (after the prefetch), in one {@code cat-file} run. */
  private Map<String, Long> sizes(List<Entry> entries) {
    Map<String, Long> sizes = new java.util.HashMap<>();
    if (entries.isEmpty()) {
      return sizes;
    }
    StringBuilder in = new StringBuilder();
    entries.forEach(e -> in.append(e.oid()).append('\n'));
    List<String> args = List.of("cat-file", "--batch-check=%(objectname) %(objectsize)");
    GitCli.Result r = git.run(args, Map.of(), in.toString().getBytes(StandardCharsets.UTF_8));
    if (!r.ok()) {
      throw git.failure(args, r, "");
    }
    for (String line : r.out().split("\n")) {
      String[] parts = line.split(" ");
      if (parts.length == 2 && !parts[1].equals("missing")) {
        sizes.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return sizes;
  }

  /** Empty when git may write {@code path} under the tree's directory, else why not. */
  static String pathProblem(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\uFFFD') >= 0) {
      return "not a relative UTF-8 path";
    }
    if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      return "path longer than " + MAX_PATH_BYTES + " bytes";
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty()
          || part.equals(".")
          || part.equals("..")
          || part.equalsIgnoreCase(".git")) {
        return "path with an empty, '.', '..' or '.git' component";
      }
    }
    return "";
  }

  /** A file a review reads: by extension, CODEOWNERS in its usual places, and the configuration file. */
  boolean wanted(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (CODEOWNERS.contains(path)
        || name.equals(".schemawarden.yml")
        || name.equals(".schemawarden.yaml")) {
      return true;
    }
    int dot = name.lastIndexOf('.');
    return dot > 0
        && settings.extensions().contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** One fetch for every blob the partial clone lacks (checkout-index would otherwise fetch them one by one). */
  private void prefetch(String sha, List<Entry> keep) {
    GitCli.Result r =
        git.run(List.of("rev-list", "--objects", "--no-walk", "--missing=print", sha), Map.of());
    if (!r.ok()) {
      throw git.failure(List.of("rev-list", "--missing=print", sha), r, "");
    }
    Set<String> missing = new HashSet<>();
    for (String line : r.out().split("\n")) {
      if (line.startsWith("?")) {
        missing.add(line.substring(1).strip());
      }
    }
    Set<String> want = new LinkedHashSet<>();
    keep.stream().map(Entry::oid).filter(missing::contains).forEach(want::add);
    if (want.isEmpty()) {
      return;
    }
    List<String> args =
        List.of(
            "-c",
            "fetch.negotiationAlgorithm=noop",
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            "--recurse-submodules=no",
            "--filter=blob:none",
            "--stdin",
            "origin");
    GitCli.Result f =
        git.run(
            args, Map.of(), String.join("\n", want).concat("\n").getBytes(StandardCharsets.UTF_8));
    if (!f.ok()) {
      throw git.failure(
          args, f, "check the host is reachable and the credentials may read the repository");
    }
  }

  private void checkout(List<Entry> keep, Path into, Path index) {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    for (Entry e : keep) {
      info.writeBytes(
          (e.mode() + " " + e.oid() + "\t" + e.path() + "\0").getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
    List<String> update = List.of("update-index", "-z", "--index-info");
    GitCli.Result r = git.run(update, env, info.toByteArray());
    if (!r.ok()) {
      throw git.failure(update, r, "");
    }
    // core.symlinks=true: a link blob becomes a link, never a file holding its target;
    // RepositoryFiles refuses
    // one that leaves the tree. git itself never writes through a link.
    List<String> checkout =
        List.of(
            "--work-tree=" + into,
            "-c",
            "core.symlinks=true",
            "checkout-index",
            "--all",
            "--force");
    r = git.in(into).run(checkout, env);
    if (!r.ok()) {
      throw git.failure(checkout, r, "check free space in " + into.getParent());
    }
  }

  /** A sparse file of the blob's size: the review's reader refuses it by its size, as it would the real file. */
  private static void placeholder(Path into, Entry e) {
    Path target = into;
    String[] parts = e.path().split("/");
    try {
      for (int i = 0; i < parts.length - 1; i++) {
        target = target.resolve(parts[i]);
        if (Files.isSymbolicLink(target)) {
          return; // a tree cannot hold both a link and a path below it; never write through one
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(target);
        }
      }
      Path file = target.resolve(parts[parts.length - 1]);
      try (RandomAccessFile raf = new RandomAccessFile(Files.createFile(file).toFile(), "rw")) {
        raf.setLength(e.size());
      }
    } catch (IOException ex) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot write a placeholder for " + e.path() + " in " + into + ": " + ex.getMessage(),
          ex);
    }
  }
}
