package dev.schemawarden.app.config;

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
    return ConfigReader.load(configFile, WatchConfig::parse, WatchConfig::defaults);
  }

  public static WatchConfig parse(String text, String fileName) {
    ConfigReader reader = new ConfigReader(fileName);
    Optional<YamlNode.Entry> found = reader.section(text, "watch", "a mapping (interval: 1h ...)");
    if (found.isEmpty()) {
      return defaults();
    }
    YamlNode.Entry section = found.get();
    YamlNode.Mapping m = (YamlNode.Mapping) section.value();
    reader.checkKeys(m, "watch.", KEYS);
    Map<String, YamlNode.Entry> e = m.entries();
    WatchConfig d = defaults();
    Duration interval = d.interval();
    if (e.containsKey("interval")) {
      String v = scalar(fileName, e.get("interval"));
      interval =
          ConfigLoader.duration(v)
              .filter(x -> !x.isZero() && !x.isNegative())
              .orElseThrow(
                  () ->
                      ConfigReader.error(
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
        throw ConfigReader.error(
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
        throw ConfigReader.error(
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
        throw ConfigReader.error(
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
        throw ConfigReader.error(
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
          throw ConfigReader.error(
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
    throw ConfigReader.error(
        file,
        e.keyLine(),
        "watch." + e.key(),
        "expected a single value, found " + e.value().kindName());
  }
}
