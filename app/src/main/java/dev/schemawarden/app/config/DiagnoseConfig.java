package dev.schemawarden.app.config;

import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.analyzers.api.yaml.YamlNode;
import dev.schemawarden.drift.api.DiagnoseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code diagnose:} section of {@code .schemawarden.yml}: the thresholds of {@code warden diagnose}
 * (docs/diagnose.md#configuration). Every key is optional; sizes are in MiB, fractions between 0 and 1 (xid ages:
 * of {@code autovacuum_freeze_max_age}). Read separately from {@link ConfigLoader} (which only accepts the key)
 * so that the review path never needs it.
 *
 * <pre>
 * diagnose:
 *   window: 7d
 *   large-table-mb: 100
 *   busy-writes-per-second: 10
 *   unused-index-warning-mb: 1
 *   unused-index-error-mb: 1024
 *   sequence-warning: 0.75
 *   sequence-error: 0.9
 *   xid-age-warning: 1.0
 *   xid-age-error: 2.0
 *   slot-retained-error-mb: 1024
 *   bloat-min-mb: 100
 *   bloat-min-ratio: 0.3
 *   slow-query-min-ms: 1000
 *   slow-query-top: 20
 *   slow-query-min-table-mb: 10
 * </pre>
 */
public final class DiagnoseConfig {
  static final List<String> KEYS =
      List.of(
          "window",
          "large-table-mb",
          "busy-writes-per-second",
          "unused-index-warning-mb",
          "unused-index-error-mb",
          "sequence-warning",
          "sequence-error",
          "xid-age-warning",
          "xid-age-error",
          "slot-retained-error-mb",
          "bloat-min-mb",
          "bloat-min-ratio",
          "slow-query-min-ms",
          "slow-query-top",
          "slow-query-min-table-mb");
  private static final long MB = 1024L * 1024L;

  private DiagnoseConfig() {}

  /** The settings in {@code configFile}; the defaults when it or its {@code diagnose:} section is missing. */
  public static DiagnoseSettings load(Path configFile) {
    return ConfigReader.load(configFile, DiagnoseConfig::parse, DiagnoseSettings::defaults);
  }

  public static DiagnoseSettings parse(String text, String fileName) {
    ConfigReader reader = new ConfigReader(fileName);
    Optional<YamlNode.Entry> found =
        reader.section(text, "diagnose", "a mapping of thresholds (window: 7d ...)");
    if (found.isEmpty()) {
      return DiagnoseSettings.defaults();
    }
    YamlNode.Entry section = found.get();
    YamlNode.Mapping m = (YamlNode.Mapping) section.value();
    reader.checkKeys(m, "diagnose.", KEYS);
    Map<String, YamlNode.Entry> e = m.entries();
    DiagnoseSettings d = DiagnoseSettings.defaults();
    Duration window = d.window();
    if (e.containsKey("window")) {
      String v = scalar(fileName, e.get("window"));
      window =
          v.equals("0")
              ? Duration.ZERO
              : ConfigLoader.duration(v)
                  .orElseThrow(
                      () ->
                          ConfigReader.error(
                              fileName,
                              e.get("window").value().line(),
                              "diagnose.window",
                              "'"
                                  + v
                                  + "' is not a duration: write e.g. 7d, 36h"
                                  + " or 0 (judge on the counters as they are)"));
    }
    long large = mb(fileName, e, "large-table-mb", d.largeTableBytes());
    double busy = number(fileName, e, "busy-writes-per-second", d.busyWritesPerSecond());
    long unusedWarning = mb(fileName, e, "unused-index-warning-mb", d.unusedIndexWarningBytes());
    long unusedError = mb(fileName, e, "unused-index-error-mb", d.unusedIndexErrorBytes());
    double seqWarning = number(fileName, e, "sequence-warning", d.sequenceWarning());
    double seqError = number(fileName, e, "sequence-error", d.sequenceError());
    double xidWarning = number(fileName, e, "xid-age-warning", d.xidAgeWarning());
    double xidError = number(fileName, e, "xid-age-error", d.xidAgeError());
    long slotError = mb(fileName, e, "slot-retained-error-mb", d.slotRetainedErrorBytes());
    long bloatBytes = mb(fileName, e, "bloat-min-mb", d.bloatMinBytes());
    double bloatRatio = number(fileName, e, "bloat-min-ratio", d.bloatMinRatio());
    DiagnoseSettings.SlowQueries sq = d.slowQueries();
    double minMs = number(fileName, e, "slow-query-min-ms", sq.minTotal().toMillis());
    double slowTop = number(fileName, e, "slow-query-top", sq.top());
    if (slowTop != Math.rint(slowTop) || slowTop > 1000) {
      throw ConfigReader.error(
          fileName,
          e.get("slow-query-top").value().line(),
          "diagnose.slow-query-top",
          "'"
              + scalar(fileName, e.get("slow-query-top"))
              + "' is not a whole number of statements from 0 to 1000:"
              + " write e.g. 20");
    }
    long minTable = mb(fileName, e, "slow-query-min-table-mb", sq.minTableBytes());
    try {
      return new DiagnoseSettings(
          window,
          large,
          busy,
          unusedWarning,
          unusedError,
          seqWarning,
          seqError,
          xidWarning,
          xidError,
          slotError,
          bloatBytes,
          bloatRatio,
          new DiagnoseSettings.SlowQueries(
              Duration.ofMillis(Math.round(minMs)), (int) slowTop, minTable));
    } catch (WardenException ex) {
      throw ConfigReader.error(fileName, section.keyLine(), "diagnose", ex.getMessage());
    }
  }

  private static long mb(
      String file, Map<String, YamlNode.Entry> e, String key, long fallbackBytes) {
    return e.containsKey(key) ? Math.round(number(file, e, key, 0) * MB) : fallbackBytes;
  }

  private static double number(
      String file, Map<String, YamlNode.Entry> e, String key, double fallback) {
    YamlNode.Entry entry = e.get(key);
    if (entry == null) {
      return fallback;
    }
    String v = scalar(file, entry);
    try {
      double n = Double.parseDouble(v);
      if (n < 0 || Double.isNaN(n) || Double.isInfinite(n)) {
        throw new NumberFormatException(v);
      }
      return n;
    } catch (NumberFormatException ex) {
      throw ConfigReader.error(
          file,
          entry.value().line(),
          "diagnose." + key,
          "'" + v + "' is not a number: write e.g. 0.75" + " or 100 (0 or more)");
    }
  }

  private static String scalar(String file, YamlNode.Entry e) {
    if (e.value() instanceof YamlNode.Scalar s && !s.text().isBlank()) {
      return s.text().trim();
    }
    throw ConfigReader.error(
        file,
        e.keyLine(),
        "diagnose." + e.key(),
        "expected a single value, found " + e.value().kindName());
  }
}
