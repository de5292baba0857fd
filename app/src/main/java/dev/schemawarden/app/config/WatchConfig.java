package dev.schemawarden.app.config;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.Suggestions;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.analyzers.api.yaml.YamlNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code watch:} section of {@code .schemawarden.yml} (docs/watch.md#configuration). Every key is optional.
 *
 * <pre>
 * watch:
 *   interval: 1h        # between ticks of a long-running watch (--interval wins)
 *   max-open: 10        # at most this many proposals recorded for the repository
 *   blocked: draft      # a proposal our own review blocks: draft (opened as a draft, with the reason) or skip
 * </pre>
 *
 * @param interval between ticks
 * @param maxOpen at most this many proposals recorded for the repository
 * @param draftWhenBlocked {@code blocked: draft}
 */
public record WatchConfig(Duration interval, int maxOpen, boolean draftWhenBlocked) {
  static final List<String> KEYS = List.of("interval", "max-open", "blocked");

  public static WatchConfig defaults() {
    return new WatchConfig(Duration.ofHours(1), 10, true);
  }

  /** The settings in {@code configFile}; the defaults when it or its {@code watch:} section is missing. */
  public static WatchConfig load(Path configFile) {
    Path abs = configFile.toAbsolutePath().normalize();
    return new RepositoryFile(abs.getParent(), abs.getFileName().toString())
        .readIfExists(ConfigLoader.MAX_BYTES, ErrorCode.CONFIG)
        .map(text -> parse(text, abs.getFileName().toString()))
        .orElseGet(WatchConfig::defaults);
  }

  public static WatchConfig parse(String text, String fileName) {
    Optional<YamlNode> root = ConfigLoader.yaml(text, fileName);
    if (root.isEmpty() || !(root.get() instanceof YamlNode.Mapping top) || !top.entries().containsKey("watch")) {
      return defaults();
    }
    YamlNode.Entry section = top.entries().get("watch");
    if (!(section.value() instanceof YamlNode.Mapping m)) {
      throw error(fileName, section.keyLine(), "watch", "expected a mapping (interval: 1h ...), found "
          + section.value().kindName());
    }
    Map<String, YamlNode.Entry> e = m.entries();
    for (YamlNode.Entry entry : e.values()) {
      if (!KEYS.contains(entry.key())) {
        throw error(fileName, entry.keyLine(), "watch." + entry.key(), "unknown key '" + entry.key() + "': "
            + Suggestions.closest(entry.key(), KEYS, Suggestions.Reach.NEAR_IGNORING_SEPARATORS)
                .map(s -> "did you mean '" + s + "'?").orElse("allowed keys: " + String.join(", ", KEYS)));
      }
    }
    WatchConfig d = defaults();
    Duration interval = d.interval();
    if (e.containsKey("interval")) {
      String v = scalar(fileName, e.get("interval"));
      interval = ConfigLoader.duration(v).filter(x -> !x.isZero() && !x.isNegative()).orElseThrow(() -> error(
          fileName, e.get("interval").value().line(), "watch.interval", "'" + v + "' is not a duration: write e.g."
              + " 1h or 30m"));
    }
    int maxOpen = d.maxOpen();
    if (e.containsKey("max-open")) {
      String v = scalar(fileName, e.get("max-open"));
      try {
        maxOpen = Integer.parseInt(v);
        if (maxOpen < 1) {
          throw new NumberFormatException(v);
        }
      } catch (NumberFormatException ex) {
        throw error(fileName, e.get("max-open").value().line(), "watch.max-open", "'" + v + "' is not a whole"
            + " number of at least 1");
      }
    }
    boolean draft = d.draftWhenBlocked();
    if (e.containsKey("blocked")) {
      String v = scalar(fileName, e.get("blocked"));
      if (!v.equals("draft") && !v.equals("skip")) {
        throw error(fileName, e.get("blocked").value().line(), "watch.blocked", "'" + v + "': use draft (open it"
            + " as a draft with the reason) or skip (do not open it)");
      }
      draft = v.equals("draft");
    }
    return new WatchConfig(interval, maxOpen, draft);
  }

  private static String scalar(String file, YamlNode.Entry e) {
    if (e.value() instanceof YamlNode.Scalar s && !s.text().isBlank()) {
      return s.text().trim();
    }
    throw error(file, e.keyLine(), "watch." + e.key(), "expected a single value, found " + e.value().kindName());
  }

  private static WardenException error(String file, int line, String keyPath, String message) {
    return new WardenException(ErrorCode.CONFIG, file + ":" + line + ": " + keyPath + ": " + message);
  }
}
