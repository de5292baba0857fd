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
 * <p>Liquibase names files relative to {@code prefix} (the classpath root of Spring Boot projects); the repository
 * root stays the boundary.
 */
final class RepositoryResourceAccessor implements ResourceAccessor {
  private final Path root;
  private final String prefix;
  private final Map<String, RefusedFileException> refusals = new LinkedHashMap<>();

  RepositoryResourceAccessor(Path root, String prefix) {
    this.root = root;
    this.prefix = prefix;
  }

  /** The files refused so far, by repository path, in the order Liquibase asked for them. */
  synchronized List<RefusedFileException> refusals() {
    return List.copyOf(refusals.values());
  }

  @Override
  public List<Resource> getAll(String path) {
    RepositoryFiles.Lookup at = RepositoryFiles.lookup(root, repoPath(path));
    return at instanceof RepositoryFiles.Missing ? List.of() : List.of(resource(path));
  }

  @Override
  public List<Resource> search(String path, boolean recursive) throws IOException {
    String dir = repoPath(path);
    List<Resource> out = new ArrayList<>();
    try {
      for (String file : RepositoryFiles.list(root, dir, recursive, f -> true)) {
        out.add(resource(file.startsWith(prefix) ? file.substring(prefix.length())
            : Path.of(prefix).relativize(Path.of(file)).toString().replace('\\', '/')));
      }
    } catch (RefusedFileException e) {
      refuse(e);
    }
    return out;
  }

  @Override
  public List<String> describeLocations() {
    return List.of(root.resolve(prefix).toString() + " (inside the repository only)");
  }

  @Override
  public void close() {
    // nothing is held open
  }

  private Resource resource(String liquibasePath) {
    String p = strip(liquibasePath);
    return new RepositoryResource(p, root.toAbsolutePath().resolve(prefix).resolve(p).normalize().toUri());
  }

  private synchronized void refuse(RefusedFileException e) {
    refusals.putIfAbsent(e.path(), e);
  }

  /** A Liquibase path ({@code classpath:db/x.xml}, {@code /db/x.xml}) as a repository-relative path. */
  String repoPath(String liquibasePath) {
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
    RepositoryResource(String path, java.net.URI uri) {
      super(path, uri);
    }

    @Override
    public InputStream openInputStream() throws IOException {
      RepositoryFiles.Lookup at = RepositoryFiles.lookup(root, repoPath(getPath()));
      if (at instanceof RepositoryFiles.Refused r) {
        refuse(r.exception(ErrorCode.INPUT));
        return new ByteArrayInputStream(emptyOfKind(getPath()).getBytes(StandardCharsets.UTF_8));
      }
      if (!(at instanceof RepositoryFiles.Found f)) {
        throw new FileNotFoundException(repoPath(getPath()) + " (no such file in the repository)");
      }
      try {
        return new ByteArrayInputStream(RepositoryFiles.bytes(f, SourceFiles.MAX_BYTES, ErrorCode.INPUT));
      } catch (RefusedFileException e) {
        refuse(e);
        return new ByteArrayInputStream(emptyOfKind(getPath()).getBytes(StandardCharsets.UTF_8));
      }
    }

    @Override
    public boolean exists() {
      return !(RepositoryFiles.lookup(root, repoPath(getPath())) instanceof RepositoryFiles.Missing);
    }

    @Override
    public Resource resolve(String other) {
      return resource(resolvePath(other));
    }

    @Override
    public Resource resolveSibling(String other) {
      return resource(resolveSiblingPath(other));
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
