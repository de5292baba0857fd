package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import liquibase.resource.AbstractResource;
import liquibase.resource.OpenOptions;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase's view of the repository, through {@link RepositoryFiles}: every changelog, {@code include},
 * {@code includeAll}, {@code sqlFile} and {@code loadData} file is looked up without leaving the repository. A
 * refused file (a link outside, {@code ../../etc/passwd}, a FIFO) reads as an empty changelog of its kind, so the
 * rest still renders, and is remembered: {@link #refusals()} become {@code WD003} findings.
 *
 * <p>Liquibase names files relative to a classpath root: {@code prefix} (the master changelog's, e.g.
 * {@code src/main/resources/} in Spring Boot projects), then each configured search path (other modules' resource
 * directories), in that order; the first root holding a file is where it is read from. The repository root stays
 * the boundary.
 */
final class RepositoryResourceAccessor implements ResourceAccessor {
  private final Path root;

  /** Classpath roots as repository directories, each empty or ending with a slash; the first is the master's. */
  private final List<String> roots;

  private final Map<String, RefusedFileException> refusals = new LinkedHashMap<>();

  /** Changelogs read so far (not SQL files), by repository path: where to find the line of a broken include. */
  private final Map<String, String> changelogs = new LinkedHashMap<>();

  RepositoryResourceAccessor(Path root, String prefix, List<String> searchPaths) {
    this.root = root;
    List<String> all = new ArrayList<>(List.of(prefix));
    for (String p : searchPaths) {
      String dir = SourceFiles.normalizeLocation(p);
      String withSlash = dir.isEmpty() ? "" : dir + "/";
      if (!all.contains(withSlash)) {
        all.add(withSlash);
      }
    }
    this.roots = List.copyOf(all);
  }

  RepositoryResourceAccessor(Path root, String prefix) {
    this(root, prefix, List.of());
  }

  /** The files refused so far, by repository path, in the order Liquibase asked for them. */
  synchronized List<RefusedFileException> refusals() {
    return List.copyOf(refusals.values());
  }

  /** The changelogs (XML, YAML, JSON) read so far, by repository path, with their text, in reading order. */
  synchronized Map<String, String> changelogsRead() {
    return Map.copyOf(new LinkedHashMap<>(changelogs));
  }

  private synchronized void read(String repoPath, byte[] bytes) {
    if (!repoPath.toLowerCase(Locale.ROOT).endsWith(".sql")) {
      changelogs.putIfAbsent(repoPath, new String(bytes, StandardCharsets.UTF_8));
    }
  }

  @Override
  public List<Resource> getAll(String path) {
    // One resource at most: Liquibase refuses a path two roots hold (duplicateFileMode), the first
    // root wins.
    return rootOf(path).map(r -> List.<Resource>of(resource(r, path))).orElse(List.of());
  }

  @Override
  public List<Resource> search(String path, boolean recursive) throws IOException {
    Map<String, Resource> out = new LinkedHashMap<>();
    for (String prefix : roots) {
      String dir = repoPath(prefix, path);
      try {
        for (String file : RepositoryFiles.list(root, dir, recursive, f -> true)) {
          String logical =
              file.startsWith(prefix)
                  ? file.substring(prefix.length())
                  : Path.of(prefix).relativize(Path.of(file)).toString().replace('\\', '/');
          out.putIfAbsent(logical, resource(prefix, logical));
        }
      } catch (RefusedFileException e) {
        refuse(e);
      }
    }
    return new ArrayList<>(out.values());
  }

  @Override
  public List<String> describeLocations() {
    return roots.stream().map(r -> root.resolve(r) + " (inside the repository only)").toList();
  }

  @Override
  public void close() {
    // nothing is held open
  }

  /** The first classpath root that holds {@code liquibasePath} (a file, or something refused there). */
  private Optional<String> rootOf(String liquibasePath) {
    for (String prefix : roots) {
      if (!(RepositoryFiles.lookup(root, repoPath(prefix, liquibasePath))
          instanceof RepositoryFiles.Missing)) {
        return Optional.of(prefix);
      }
    }
    return Optional.empty();
  }

  private Resource resource(String prefix, String liquibasePath) {
    String p = strip(liquibasePath);
    return new RepositoryResource(
        prefix, p, root.toAbsolutePath().resolve(prefix).resolve(p).normalize().toUri());
  }

  private synchronized void refuse(RefusedFileException e) {
    refusals.putIfAbsent(e.path(), e);
  }

  /**
   * A Liquibase path ({@code classpath:db/x.xml}, {@code /db/x.xml}) as a repository-relative path: under the first
   * root that holds it, else under the master's root.
   */
  String repoPath(String liquibasePath) {
    return repoPath(rootOf(liquibasePath).orElse(roots.get(0)), liquibasePath);
  }

  private static String repoPath(String prefix, String liquibasePath) {
    return Path.of(prefix + strip(liquibasePath)).normalize().toString().replace('\\', '/');
  }

  private static String strip(String liquibasePath) {
    String p = liquibasePath.replace('\\', '/');
    if (p.startsWith("classpath:")) {
      p = p.substring("classpath:".length());
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p;
  }

  /** What a refused file reads as: an empty changelog of its kind, so the including changelog still renders. */
  private static String emptyOfKind(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".xml")) {
      return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
          + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
          + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\"/>\n";
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return "databaseChangeLog: []\n";
    }
    if (lower.endsWith(".json")) {
      return "{\"databaseChangeLog\": []}\n";
    }
    return lower.endsWith(".sql") ? "-- liquibase formatted sql\n" : "";
  }

  private final class RepositoryResource extends AbstractResource {
    private final String prefix;

    RepositoryResource(String prefix, String path, java.net.URI uri) {
      super(path, uri);
      this.prefix = prefix;
    }

    @Override
    public InputStream openInputStream() throws IOException {
      RepositoryFiles.Lookup at = RepositoryFiles.lookup(root, repoPath(prefix, getPath()));
      if (at instanceof RepositoryFiles.Refused r) {
        refuse(r.exception(ErrorCode.INPUT));
        return new ByteArrayInputStream(emptyOfKind(getPath()).getBytes(StandardCharsets.UTF_8));
      }
      if (!(at instanceof RepositoryFiles.Found f)) {
        throw new FileNotFoundException(
            repoPath(prefix, getPath()) + " (no such file in the repository)");
      }
      try {
        byte[] bytes = RepositoryFiles.bytes(f, SourceFiles.MAX_BYTES, ErrorCode.INPUT);
        read(repoPath(prefix, getPath()), bytes);
        return new ByteArrayInputStream(bytes);
      } catch (RefusedFileException e) {
        refuse(e);
        return new ByteArrayInputStream(emptyOfKind(getPath()).getBytes(StandardCharsets.UTF_8));
      }
    }

    @Override
    public boolean exists() {
      return !(RepositoryFiles.lookup(root, repoPath(prefix, getPath()))
          instanceof RepositoryFiles.Missing);
    }

    @Override
    public Resource resolve(String other) {
      return near(resolvePath(other));
    }

    @Override
    public Resource resolveSibling(String other) {
      return near(resolveSiblingPath(other));
    }

    /** A path relative to this file: in this file's root when it is there, else in the first root holding it. */
    private Resource near(String liquibasePath) {
      boolean here =
          !(RepositoryFiles.lookup(root, repoPath(prefix, liquibasePath))
              instanceof RepositoryFiles.Missing);
      return resource(here ? prefix : rootOf(liquibasePath).orElse(prefix), liquibasePath);
    }

    @Override
    public boolean isWritable() {
      return false;
    }

    @Override
    public OutputStream openOutputStream(OpenOptions options) throws IOException {
      throw new IOException(getPath() + ": the repository is read-only to Schema Warden");
    }
  }
}
