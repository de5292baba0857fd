package dev.schemawarden.app.config;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.Suggestions;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.analyzers.api.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one config file's YAML tree into typed values; every problem is one {@link ErrorCode#CONFIG} line naming
 * the file, the line and the key path ({@code file:line: key.path: message}). Shared by every config section's
 * reader (the main config, {@code diagnose:}, {@code watch:}, {@code environments:}). A reader that reads section
 * by section through {@link #attempt} reports every problem of the file at once, one line each, in line order
 * ({@link #throwIfAny}), so a user fixes them in one go.
 */
final class ConfigReader {
  private static final Pattern LINE = Pattern.compile("^[^\\n]*?:(\\d+): ");

  private final String fileName;
  private final List<WardenException> problems = new ArrayList<>();

  ConfigReader(String fileName) {
    this.fileName = fileName;
  }

  /**
   * {@code configFile} parsed by {@code parse} (given its text and its name), or {@code missing} when there is no
   * such file. Bounded by the file's directory: a link leaving it is refused (exit 2), never followed.
   */
  static <T> T load(Path configFile, BiFunction<String, String, T> parse, Supplier<T> missing) {
    Path abs = configFile.toAbsolutePath().normalize();
    String name = abs.getFileName().toString();
    return new RepositoryFile(abs.getParent(), name)
        .readIfExists(ConfigLoader.MAX_BYTES, ErrorCode.CONFIG)
        .map(text -> parse.apply(text, name))
        .orElseGet(missing);
  }

  WardenException error(int line, String keyPath, String message) {
    return error(fileName, line, keyPath, message);
  }

  /** {@code .schemawarden.yml:12: watch.interval: <message>}: the one shape of every config error. */
  static WardenException error(String file, int line, String keyPath, String message) {
    return new WardenException(
        ErrorCode.CONFIG, file + ":" + line + ": " + keyPath + ": " + message);
  }

  /**
   * The top-level {@code key} of a config file's text, whose value is a mapping; empty when the text or the key is
   * missing. A section that is not a mapping is an error naming its line and {@code expected}.
   */
  Optional<YamlNode.Entry> section(String text, String key, String expected) {
    Optional<YamlNode> root = ConfigLoader.yaml(text, fileName);
    if (root.isEmpty()
        || !(root.get() instanceof YamlNode.Mapping top)
        || !top.entries().containsKey(key)) {
      return Optional.empty();
    }
    YamlNode.Entry section = top.entries().get(key);
    if (!(section.value() instanceof YamlNode.Mapping)) {
      throw error(
          section.keyLine(), key, "expected " + expected + ", found " + section.value().kindName());
    }
    return Optional.of(section);
  }

  YamlNode.Mapping mapping(YamlNode node, String keyPath) {
    if (node instanceof YamlNode.Mapping m) {
      return m;
    }
    throw error(
        node.line(), keyPath, "expected a mapping of keys to values, found " + node.kindName());
  }

  /** Every key of {@code m} outside {@code allowed}, one line each with the closest allowed key as a hint. */
  void checkKeys(YamlNode.Mapping m, String prefix, List<String> allowed) {
    List<String> unknown = new ArrayList<>();
    for (YamlNode.Entry entry : m.entries().values()) {
      if (!allowed.contains(entry.key())) {
        String where = prefix.isEmpty() ? "" : " under " + prefix.substring(0, prefix.length() - 1);
        String hint =
            Suggestions.closest(entry.key(), allowed, Suggestions.Reach.NEAR_IGNORING_SEPARATORS)
                .map(s -> "did you mean '" + s + "'?")
                .orElse("allowed keys" + where + ": " + String.join(", ", allowed));
        unknown.add(
            error(
                    entry.keyLine(),
                    prefix + entry.key(),
                    "unknown key '" + entry.key() + "': " + hint)
                .getMessage());
      }
    }
    if (!unknown.isEmpty()) {
      throw new WardenException(ErrorCode.CONFIG, String.join("\n", unknown));
    }
  }

  /**
   * {@code read}'s value; when it finds a problem, the problem is kept for {@link #throwIfAny} and {@code fallback}
   * stands in, so the sections after it are read too.
   */
  <T> T attempt(Supplier<T> read, T fallback) {
    try {
      return read.get();
    } catch (WardenException e) {
      if (e.code() != ErrorCode.CONFIG) {
        throw e;
      }
      problems.add(e);
      return fallback;
    }
  }

  /** Runs {@code check}; a problem it finds is kept for {@link #throwIfAny}, as {@link #attempt} keeps it. */
  void attempt(Runnable check) {
    attempt(
        () -> {
          check.run();
          return true;
        },
        false);
  }

  /**
   * {@code read} of {@code entries}' {@code key} as {@link #attempt} reads it; {@code absent} when the key is not
   * there or its value has a problem.
   */
  <T> T ifPresent(
      Map<String, YamlNode.Entry> entries, String key, Function<YamlNode.Entry, T> read, T absent) {
    YamlNode.Entry entry = entries.get(key);
    return entry == null ? absent : attempt(() -> read.apply(entry), absent);
  }

  /**
   * One CONFIG error holding every problem {@link #attempt} kept, one line each, in the file's line order, under a
   * heading saying how many when there are several.
   */
  void throwIfAny() {
    if (problems.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    problems.forEach(p -> lines.addAll(p.getMessage().lines().toList()));
    lines.sort(Comparator.comparingInt(ConfigReader::lineOf));
    // The CLI prints an error on one line: "3 problems in .schemawarden.yml: a; b; c"
    // (Main.oneLine).
    String heading = lines.size() == 1 ? "" : lines.size() + " problems in " + fileName + ":\n";
    throw new WardenException(ErrorCode.CONFIG, heading + String.join("\n", lines));
  }

  private static int lineOf(String message) {
    Matcher m = LINE.matcher(message);
    return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
  }

  String scalar(YamlNode.Entry entry, String keyPath) {
    if (entry.value() instanceof YamlNode.Scalar s && !s.text().isBlank()) {
      return s.text().trim();
    }
    throw error(
        entry.keyLine(), keyPath, "expected a single value, found " + entry.value().kindName());
  }

  Severity severity(YamlNode.Entry entry, String keyPath) {
    String v = scalar(entry, keyPath);
    try {
      return Severity.parse(v);
    } catch (WardenException ex) {
      throw error(
          entry.value().line(),
          keyPath,
          "'" + v + "' is not a severity: use off, info, warning or error");
    }
  }

  List<String> stringList(YamlNode.Entry entry, String keyPath) {
    if (entry.value() instanceof YamlNode.Scalar s) {
      return List.of(
          s.text().trim()); // a single value is a one-item list, as in Flyway's own config
    }
    if (!(entry.value() instanceof YamlNode.Sequence seq)) {
      throw error(entry.keyLine(), keyPath, "expected a list, found " + entry.value().kindName());
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : seq.items()) {
      if (!(item instanceof YamlNode.Scalar s)) {
        throw error(
            item.line(), keyPath, "list items must be single values, found " + item.kindName());
      }
      out.add(s.text().trim());
    }
    return out;
  }
}
