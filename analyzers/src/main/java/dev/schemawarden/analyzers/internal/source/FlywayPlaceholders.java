package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's {@code ${name}} placeholder replacement. Like Flyway it runs over the whole script text (comments
 * included) before parsing, and a placeholder without a value is an error. A placeholder never spans lines and a
 * value may not contain a line break, so every statement keeps its line number.
 */
final class FlywayPlaceholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\r\\n]+)}");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Map<String, String> values;

  private FlywayPlaceholders(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Flyway's built-ins with offline defaults, overridden by the configured placeholders (which may also set
   * {@code flyway:user} and friends).
   */
  static FlywayPlaceholders of(Map<String, String> configured, Path root) {
    Map<String, String> v = new HashMap<>();
    v.put("flyway:defaultSchema", "public");
    v.put("flyway:user", "postgres");
    v.put("flyway:database", "postgres");
    v.put("flyway:table", "flyway_schema_history");
    v.put("flyway:environment", "default");
    v.put("flyway:timestamp", LocalDateTime.now().format(TIMESTAMP));
    v.put("flyway:workingDirectory", root.toAbsolutePath().normalize().toString());
    for (Map.Entry<String, String> e : configured.entrySet()) {
      if (e.getValue().indexOf('\n') >= 0 || e.getValue().indexOf('\r') >= 0) {
        throw new WardenException(
            ErrorCode.CONFIG,
            "migrations.placeholders."
                + e.getKey()
                + " contains a line break; placeholder values must be one line"
                + " so statement line numbers stay exact");
      }
      v.put(e.getKey(), e.getValue());
    }
    return new FlywayPlaceholders(Map.copyOf(v));
  }

  /** {@code text} of {@code path} with every placeholder replaced; an unknown one is an INPUT error. */
  String replace(String path, String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      String name = m.group(1);
      String value = lookup(name, path).orElseThrow(() -> unknown(path, text, m.start(), name));
      out.append(text, last, m.start()).append(value);
      last = m.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  private Optional<String> lookup(String name, String path) {
    if (name.equals("flyway:filename")) {
      return Optional.of(SourceFiles.fileName(path));
    }
    String exact = values.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    // Flyway matches placeholder names without regard to case.
    String lower = name.toLowerCase(Locale.ROOT);
    return values.entrySet().stream()
        .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(lower))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static WardenException unknown(String path, String text, int offset, String name) {
    return new WardenException(
        ErrorCode.INPUT,
        path
            + ":"
            + SourceFiles.lineOf(text, offset)
            + ": no value for Flyway placeholder ${"
            + name
            + "}; define it"
            + " under migrations.placeholders in .schemawarden.yml (e.g. `placeholders: {"
            + name
            + ": value}`), or"
            + " set placeholderReplacement=false in "
            + SourceFiles.fileName(path)
            + ".conf");
  }
}
