package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** File-system helpers every source shares: locations, walking, reading, repository-relative paths. */
final class SourceFiles {
  private SourceFiles() {}

  /**
   * The configured locations, or {@code defaults} when none are configured. A Flyway-style {@code filesystem:}
   * prefix is dropped and {@code classpath:x} means {@code src/main/resources/x}, so one list serves every tool.
   */
  static List<String> locations(List<String> configured, List<String> defaults) {
    List<String> raw = configured.isEmpty() ? defaults : configured;
    Set<String> out = new LinkedHashSet<>();
    for (String location : raw) {
      out.add(normalizeLocation(location));
    }
    return List.copyOf(out);
  }

  static String normalizeLocation(String location) {
    String l = location.trim().replace('\\', '/');
    if (l.startsWith("filesystem:")) {
      l = l.substring("filesystem:".length());
    } else if (l.startsWith("classpath:")) {
      l = "src/main/resources/" + stripSlashes(l.substring("classpath:".length()));
    }
    if (l.startsWith("./")) {
      l = l.substring(2);
    }
    return stripSlashes(l);
  }

  private static String stripSlashes(String s) {
    String r = s;
    while (r.startsWith("/")) {
      r = r.substring(1);
    }
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }

  /** Regular files under each existing location (recursively when asked) that pass {@code filter}. */
  static List<Path> list(Path root, List<String> locations, boolean recursive, Predicate<Path> filter) {
    List<Path> out = new ArrayList<>();
    for (String location : locations) {
      Path dir = root.resolve(location).normalize();
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
        files.filter(Files::isRegularFile).filter(filter).forEach(out::add);
      } catch (IOException e) {
        throw new WardenException(
            ErrorCode.INFRASTRUCTURE, "cannot list migration directory " + location + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(new LinkedHashSet<>(out));
  }

  /** {@code file} relative to {@code root}, with forward slashes. */
  static String relative(Path root, Path file) {
    return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** The file as UTF-8 text; an unreadable or non-UTF-8 file is an INPUT error naming it. */
  static String read(Path root, Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text =
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new WardenException(
          ErrorCode.INPUT, relative(root, file) + ":1: not valid UTF-8; save the migration as UTF-8", e);
    } catch (IOException e) {
      throw new WardenException(ErrorCode.INPUT, relative(root, file) + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The file name part of a repository-relative path. */
  static String fileName(String relativePath) {
    String p = relativePath.replace('\\', '/');
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** True when {@code relativePath} lies in one of {@code locations} (directly or, if recursive, below). */
  static boolean inLocations(String relativePath, List<String> locations, boolean recursive) {
    String p = normalizeLocation(relativePath);
    for (String location : locations) {
      String prefix = location.isEmpty() ? "" : location + "/";
      if (p.startsWith(prefix)) {
        String rest = p.substring(prefix.length());
        if (recursive || !rest.contains("/")) {
          return true;
        }
      }
    }
    return false;
  }

  /** 1-based line of character offset {@code offset} in {@code text}. */
  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
