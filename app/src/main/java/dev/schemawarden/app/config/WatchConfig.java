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
 *   reopen-factor: 2    # a proposal a person closed is made again when the check's main number reaches 2x
 *   environments: [production]   # warden serve: the environments (of environments:) it watches
 * </pre>
 *
 * @param interval between ticks
 * @param maxOpen at most this many proposals recorded for the repository
 * @param draftWhenBlocked {@code blocked: draft}
 * @param reopenFactor how much worse the check's main number must get before a proposal a person closed is made again
 * @param environments names of {@code environments:} entries {@code warden serve} watches (their {@code url-env})
 */
public record WatchConfig(
    Duration interval,
    int maxOpen,
    boolean draftWhenBlocked,
    double reopenFactor,
    List<String> environments) {
  static final List<String> KEYS =
      List.of("interval", "max-open", "blocked", "reopen-factor", "environments");

  public WatchConfig {
    environments = List.copyOf(environments);
  }

  public WatchConfig(Duration interval, int maxOpen, boolean draftWhenBlocked) {
    this(interval, maxOpen, draftWhenBlocked, 2.0, List.of());
  }

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
    if (root.isEmpty()
        || !(root.get() instanceof YamlNode.Mapping top)
        || !top.entries().containsKey("watch")) {
      return defaults();
    }
    YamlNode.Entry section = top.entries().get("watch");
    if (!(section.value() instanceof YamlNode.Mapping m)) {
      throw error(
          fileName,
          section.keyLine(),
          "watch",
          "expected a mapping (interval: 1h ...), found " + section.value().kindName());
    }
    Map<String, YamlNode.Entry> e = m.entries();
    for (YamlNode.Entry entry : e.values()) {
      if (!KEYS.contains(entry.key())) {
        throw error(
            fileName,
            entry.keyLine(),
            "watch." + entry.key(),
            "unknown key '"
                + entry.key()
                + "': "
                + Suggestions.closest(entry.key(), KEYS, Suggestions.Reach.NEAR_IGNORING_SEPARATORS)
                    .map(s -> "did you mean '" + s + "'?")
                    .orElse("allowed keys: " + String.join(", ", KEYS)));
      }
    }
    WatchConfig d = defaults();
    Duration interval = d.interval();
    if (e.containsKey("interval")) {
      String v = scalar(fileName, e.get("interval"));
      interval =
          ConfigLoader.duration(v)
              .filter(x -> !x.isZero() && !x.isNegative())
              .orElseThrow(
                  () ->
                      error(
                          fileName,
                          e.get("interval").value().line(),
                          "watch.interval",
                          "'" + v + "' is not a duration: write e.g." + " 1h or 30m"));
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
        throw error(
            fileName,
            e.get("max-open").value().line(),
            "watch.max-open",
            "'" + v + "' is not a whole" + " number of at least 1");
      }
    }
    boolean draft = d.draftWhenBlocked();
    if (e.containsKey("blocked")) {
      String v = scalar(fileName, e.get("blocked"));
      if (!v.equals("draft") && !v.equals("skip")) {
        throw error(
            fileName,
            e.get("blocked").value().line(),
            "watch.blocked",
            "'"
                + v
                + "': use draft (open it"
                + " as a draft with the reason) or skip (do not open it)");
      }
      draft = v.equals("draft");
    }
    double factor = d.reopenFactor();
    if (e.containsKey("reopen-factor")) {
      String v = scalar(fileName, e.get("reopen-factor"));
      try {
        factor = Double.parseDouble(v);
        if (!(factor >= 1) || Double.isInfinite(factor)) {
          throw new NumberFormatException(v);
        }
      } catch (NumberFormatException ex) {
        throw error(
            fileName,
            e.get("reopen-factor").value().line(),
            "watch.reopen-factor",
            "'"
                + v
                + "' is not a"
                + " number of at least 1 (2 proposes again when the main number has doubled)");
      }
    }
    List<String> environments = List.of();
    if (e.containsKey("environments")) {
      YamlNode.Entry env = e.get("environments");
      if (!(env.value() instanceof YamlNode.Sequence seq)) {
        throw error(
            fileName,
            env.keyLine(),
            "watch.environments",
            "expected a list of environment names"
                + " ([production]), found "
                + env.value().kindName());
      }
      List<String> names = new java.util.ArrayList<>();
      for (YamlNode item : seq.items()) {
        if (!(item instanceof YamlNode.Scalar sc) || !sc.text().trim().matches("[a-z0-9_-]+")) {
          throw error(
              fileName,
              item.line(),
              "watch.environments",
              "expected an environment name of lower-case"
                  + " letters, digits, - and _ (one of environments:)");
        }
        names.add(sc.text().trim());
      }
      environments = names;
    }
    return new WatchConfig(interval, maxOpen, draft, factor, environments);
  }

  private static String scalar(String file, YamlNode.Entry e) {
    if (e.value() instanceof YamlNode.Scalar s && !s.text().isBlank()) {
      return s.text().trim();
    }
    throw error(
        file,
        e.keyLine(),
        "watch." + e.key(),
        "expected a single value, found " + e.value().kindName());
  }

  private static WardenException error(String file, int line, String keyPath, String message) {
    return new WardenException(
        ErrorCode.CONFIG, file + ":" + line + ": " + keyPath + ": " + message);
  }
}
