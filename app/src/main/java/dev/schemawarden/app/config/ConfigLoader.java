package dev.schemawarden.app.config;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.Suggestions;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.analyzers.api.yaml.YamlNode;
import dev.schemawarden.analyzers.api.yaml.YamlSyntaxException;
import dev.schemawarden.analyzers.api.yaml.YamlTree;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates {@code .schemawarden.yml}. Every problem is a {@link WardenException} with
 * {@link ErrorCode#CONFIG} whose message names the file, the line, the key path and the fix; an unknown key is an
 * error, never ignored, because a misspelt key silently doing nothing is worse than a failed build.
 */
public final class ConfigLoader {
  private static final List<String> TOP_KEYS =
      List.of(
          "engine",
          "engine-version",
          "migrations",
          "fail-on",
          "rules",
          "snapshot",
          "policy",
          "context",
          // environments: read and validated by EnvironmentsConfig (apply); diagnose: by
          // DiagnoseConfig; watch:
          // by WatchConfig
          "environments",
          "replica",
          "drift",
          "diagnose",
          "watch");
  private static final List<String> MIGRATION_KEYS =
      List.of(
          "tool", "locations", "placeholders", "changelog", "contexts", "labels", "search-paths");
  private static final List<String> SNAPSHOT_KEYS = List.of("path", "url", "env", "max-age");
  private static final List<String> DRIFT_KEYS = List.of("fail-on-unrelated");
  private static final List<String> REPLICA_KEYS =
      List.of("provider", "url-env", "statement-timeout", "postgres-version");

  /** The engine registered for a name ({@code postgres}, {@code postgresql}, {@code mysql}, {@code mariadb}). */
  private static Optional<DatabaseEngine> engine(String name) {
    try {
      return Optional.of(Engines.forName(name));
    } catch (WardenException e) {
      return Optional.empty();
    }
  }

  private static List<String> engineIds() {
    return Engines.all().stream().map(DatabaseEngine::id).sorted().toList();
  }

  private final Set<String> knownRuleIds;
  private final Map<String, String> ruleIdBySlug;

  /**
   * @param knownRuleIds ids {@code rules:} may name
   * @param ruleIdBySlug slug to id, so {@code rules: {require-concurrent-index-creation: off}} gets a helpful message
   */
  public ConfigLoader(Set<String> knownRuleIds, Map<String, String> ruleIdBySlug) {
    this.knownRuleIds = Set.copyOf(knownRuleIds);
    this.ruleIdBySlug = Map.copyOf(ruleIdBySlug);
  }

  /** The config in {@code repoRoot/.schemawarden.yml}, or the defaults when there is none. */
  public WardenConfig loadFromRepo(Path repoRoot) {
    RepositoryFile file = new RepositoryFile(repoRoot, WardenConfig.FILE_NAME);
    // Read inside the repository only: a .schemawarden.yml linked to a file outside is refused
    // (exit 2).
    return file.readIfExists(MAX_BYTES, ErrorCode.CONFIG)
        .map(text -> parse(text, WardenConfig.FILE_NAME).withFile(file.location()))
        .orElseGet(WardenConfig::defaults);
  }

  /** Reads {@code file} (a {@code --config} argument); {@code displayName} is how messages name it. */
  public WardenConfig load(Path file, String displayName) {
    return RepositoryFile.named(file)
        .readIfExists(MAX_BYTES, ErrorCode.CONFIG)
        .map(text -> parse(text, displayName).withFile(file))
        .orElseThrow(
            () ->
                new WardenException(
                    ErrorCode.CONFIG,
                    displayName + ": no such config file: check the --config path"));
  }

  /** The cap on a configuration file: far above any real one. */
  static final long MAX_BYTES = 1L << 20;

  /** Parses config text; {@code fileName} is used in messages. */
  public WardenConfig parse(String text, String fileName) {
    Optional<YamlNode> root = yaml(text, fileName);
    if (root.isEmpty() || root.get() instanceof YamlNode.Null) {
      return new WardenConfig(
          Optional.of(fileName),
          WardenConfig.DEFAULT_ENGINE,
          ServerVersion.DEFAULT_POSTGRES,
          MigrationSettings.defaults(),
          Optional.empty(),
          Map.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          WardenConfig.ReplicaConfig.DEFAULTS,
          WardenConfig.DriftSettings.DEFAULTS,
          false,
          Optional.empty());
    }
    ConfigReader r = new ConfigReader(fileName);
    YamlNode.Mapping top = r.mapping(root.get(), "the top level");
    // Each section is read on its own: a problem in one is kept and the rest are still read, so one
    // run names every problem of the file (r.throwIfAny below).
    r.attempt(() -> r.checkKeys(top, "", TOP_KEYS));
    Map<String, YamlNode.Entry> e = top.entries();

    DatabaseEngine found =
        r.attempt(
            () -> {
              String engine =
                  Optional.ofNullable(e.get("engine"))
                      .map(x -> r.scalar(x, "engine"))
                      .orElse(WardenConfig.DEFAULT_ENGINE);
              return engine(engine)
                  .orElseThrow(
                      () ->
                          r.error(
                              e.get("engine").value().line(),
                              "engine",
                              "unknown engine '"
                                  + engine
                                  + "': use one of "
                                  + String.join(", ", engineIds())));
            },
            engine(WardenConfig.DEFAULT_ENGINE).orElseThrow());
    String engineId = found.id();

    ServerVersion version =
        r.ifPresent(e, "engine-version", x -> engineVersion(r, x), found.defaultVersion());
    MigrationSettings migrations =
        r.ifPresent(e, "migrations", x -> migrations(r, x), MigrationSettings.defaults());
    Optional<Severity> failOn =
        r.ifPresent(e, "fail-on", x -> Optional.of(failOn(r, x)), Optional.empty());

    Map<String, Severity> rules = new LinkedHashMap<>();
    if (e.containsKey("rules")) {
      YamlNode.Mapping m =
          r.attempt(
              () -> r.mapping(e.get("rules").value(), "rules"),
              new YamlNode.Mapping(Map.of(), e.get("rules").keyLine()));
      for (YamlNode.Entry rule : m.entries().values()) {
        r.attempt(() -> rules.put(rule.key(), ruleSeverity(r, rule)));
      }
    }

    Optional<WardenConfig.SnapshotConfig> snapshot =
        r.ifPresent(e, "snapshot", x -> Optional.of(snapshot(r, x)), Optional.empty());
    Optional<String> policy =
        r.ifPresent(
            e, "policy", x -> Optional.of(section(r, x, "policy", fileName)), Optional.empty());
    Optional<String> context =
        r.ifPresent(
            e, "context", x -> Optional.of(section(r, x, "context", fileName)), Optional.empty());
    WardenConfig.ReplicaConfig replica =
        r.ifPresent(e, "replica", x -> replica(r, x), WardenConfig.ReplicaConfig.DEFAULTS);
    WardenConfig.DriftSettings drift =
        r.ifPresent(e, "drift", x -> drift(r, x), WardenConfig.DriftSettings.DEFAULTS);
    r.throwIfAny();
    return new WardenConfig(
        Optional.of(fileName),
        engineId,
        version,
        migrations,
        failOn,
        rules,
        snapshot,
        policy,
        context,
        replica,
        drift,
        e.containsKey("engine-version"),
        Optional.empty());
  }

  private static ServerVersion engineVersion(ConfigReader r, YamlNode.Entry entry) {
    String v = r.scalar(entry, "engine-version");
    // Only digits and dots: the value names a container image (testcontainers) and reaches reports.
    if (v.trim().matches("[0-9]{1,3}(?:\\.[0-9]{1,3}){0,2}")) {
      try {
        return ServerVersion.parse(v);
      } catch (WardenException ex) {
        // reported below, as any other value that is not a version
      }
    }
    throw r.error(
        entry.value().line(),
        "engine-version",
        "'"
            + v
            + "' is not a server version: write the major, e.g. 16, MAJOR.MINOR, e.g. 16.4, or"
            + " MAJOR.MINOR.PATCH, e.g. 8.0.29");
  }

  private static Severity failOn(ConfigReader r, YamlNode.Entry entry) {
    Severity s = r.severity(entry, "fail-on");
    if (s == Severity.OFF) {
      throw r.error(
          entry.value().line(), "fail-on", "'off' would never block: use error, warning or info");
    }
    return s;
  }

  private Severity ruleSeverity(ConfigReader r, YamlNode.Entry rule) {
    String id = rule.key();
    if (!knownRuleIds.contains(id)) {
      String hint;
      if (ruleIdBySlug.containsKey(id)) {
        hint = "rules are named by id: write " + ruleIdBySlug.get(id) + " instead of " + id;
      } else if (knownRuleIds.contains(id.toUpperCase(Locale.ROOT))) {
        hint = "rule ids are upper case: write " + id.toUpperCase(Locale.ROOT);
      } else {
        hint =
            Suggestions.closest(id, knownRuleIds, Suggestions.Reach.NEAR_IGNORING_SEPARATORS)
                .map(s -> "did you mean " + s + "?")
                .orElse("list the rule ids with `warden rules`");
      }
      throw r.error(rule.keyLine(), "rules." + id, "unknown rule id '" + id + "': " + hint);
    }
    return r.severity(rule, "rules." + id);
  }

  private static WardenConfig.ReplicaConfig replica(ConfigReader r, YamlNode.Entry entry) {
    YamlNode.Mapping m = r.mapping(entry.value(), "replica");
    r.checkKeys(m, "replica.", REPLICA_KEYS);
    Map<String, YamlNode.Entry> e = m.entries();
    Optional<String> provider = Optional.empty();
    if (e.containsKey("provider")) {
      String p = r.scalar(e.get("provider"), "replica.provider").toLowerCase(Locale.ROOT);
      if (!List.of("embedded", "testcontainers", "server", "off").contains(p)) {
        throw r.error(
            e.get("provider").value().line(),
            "replica.provider",
            "unknown provider '" + p + "': use embedded (default), testcontainers, server or off");
      }
      provider = Optional.of(p);
    }
    Optional<String> urlEnv =
        Optional.ofNullable(e.get("url-env")).map(x -> r.scalar(x, "replica.url-env"));
    if (provider.orElse("").equals("server") && urlEnv.isEmpty()) {
      throw r.error(
          entry.keyLine(),
          "replica.url-env",
          "provider server needs url-env: the environment variable holding the scratch server's JDBC URL");
    }
    Optional<java.time.Duration> timeout = Optional.empty();
    if (e.containsKey("statement-timeout")) {
      String t = r.scalar(e.get("statement-timeout"), "replica.statement-timeout");
      java.util.regex.Matcher mt =
          java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|min)").matcher(t);
      if (!mt.matches() || Long.parseLong(mt.group(1)) == 0) {
        throw r.error(
            e.get("statement-timeout").value().line(),
            "replica.statement-timeout",
            "'" + t + "' is not a positive duration: write e.g. 500ms, 30s or 2min");
      }
      long n = Long.parseLong(mt.group(1));
      timeout =
          Optional.of(
              switch (mt.group(2)) {
                case "ms" -> java.time.Duration.ofMillis(n);
                case "s" -> java.time.Duration.ofSeconds(n);
                default -> java.time.Duration.ofMinutes(n);
              });
    }
    Optional<Integer> version = Optional.empty();
    if (e.containsKey("postgres-version")) {
      String v = r.scalar(e.get("postgres-version"), "replica.postgres-version");
      if (!v.matches("\\d{2}")) {
        throw r.error(
            e.get("postgres-version").value().line(),
            "replica.postgres-version",
            "'" + v + "' is not a PostgreSQL major: write e.g. 16");
      }
      version = Optional.of(Integer.parseInt(v));
    }
    return new WardenConfig.ReplicaConfig(provider, urlEnv, timeout, version);
  }

  /**
   * {@code policy:}/{@code context:} is the path of a separate file, or the section itself written inline (then
   * the file holding it is this config file). Their content is validated by the policy module's PolicyLoader,
   * whose problems name the line, when the review loads them ({@code warden policy check} lists them all).
   */
  private static String section(ConfigReader r, YamlNode.Entry entry, String key, String fileName) {
    if (entry.value() instanceof YamlNode.Mapping) {
      return Path.of(fileName).getFileName().toString();
    }
    if (entry.value() instanceof YamlNode.Scalar s && !s.text().isBlank()) {
      String path = s.text().trim();
      if (path.startsWith("/") || path.contains("..")) {
        throw r.error(
            entry.value().line(),
            key,
            "'"
                + path
                + "' must be a path inside the repository, relative to "
                + WardenConfig.FILE_NAME
                + " (e.g. policies/production.yml)");
      }
      return path;
    }
    throw r.error(
        entry.keyLine(),
        key,
        "expected the path of a "
            + key
            + " file or the "
            + key
            + " itself as a mapping (see docs/policy.md), found "
            + entry.value().kindName());
  }

  private static MigrationSettings migrations(ConfigReader r, YamlNode.Entry entry) {
    YamlNode.Mapping m = r.mapping(entry.value(), "migrations");
    r.checkKeys(m, "migrations.", MIGRATION_KEYS);
    Map<String, YamlNode.Entry> e = m.entries();
    Optional<MigrationTool> tool = Optional.empty();
    if (e.containsKey("tool")) {
      String t = r.scalar(e.get("tool"), "migrations.tool");
      try {
        tool = Optional.of(MigrationTool.parse(t));
      } catch (WardenException ex) {
        throw r.error(
            e.get("tool").value().line(),
            "migrations.tool",
            "unknown tool '"
                + t
                + "': use one of "
                + MigrationTool.names()
                + Suggestions.closest(
                        t,
                        java.util.Arrays.stream(MigrationTool.values())
                            .map(MigrationTool::configName)
                            .toList(),
                        Suggestions.Reach.NEAR_IGNORING_SEPARATORS)
                    .map(s -> " (did you mean " + s + "?)")
                    .orElse(""));
      }
    }
    List<String> locations =
        e.containsKey("locations")
            ? r.stringList(e.get("locations"), "migrations.locations")
            : List.of();
    for (String loc : locations) {
      if (loc.startsWith("/") || loc.contains("..")) {
        throw r.error(
            e.get("locations").value().line(),
            "migrations.locations",
            "'"
                + loc
                + "' must be a path inside the repository, relative to its root (e.g. db/migration)");
      }
    }
    Map<String, String> placeholders = new LinkedHashMap<>();
    if (e.containsKey("placeholders")) {
      YamlNode.Mapping p = r.mapping(e.get("placeholders").value(), "migrations.placeholders");
      for (YamlNode.Entry ph : p.entries().values()) {
        placeholders.put(ph.key(), r.scalar(ph, "migrations.placeholders." + ph.key()));
      }
    }
    Optional<String> changelog =
        Optional.ofNullable(e.get("changelog")).map(x -> r.scalar(x, "migrations.changelog"));
    List<String> contexts =
        e.containsKey("contexts")
            ? r.stringList(e.get("contexts"), "migrations.contexts")
            : List.of();
    Optional<String> labels =
        Optional.ofNullable(e.get("labels")).map(x -> r.scalar(x, "migrations.labels"));
    List<String> searchPaths =
        e.containsKey("search-paths")
            ? r.stringList(e.get("search-paths"), "migrations.search-paths")
            : List.of();
    for (String dir : searchPaths) {
      // Where a link in the tree leads is checked when the changelog is read (LiquibaseSource).
      if (dir.startsWith("/")
          || dir.startsWith("\\")
          || dir.matches("^[A-Za-z]:.*")
          || dir.contains("..")) {
        throw r.error(
            e.get("search-paths").value().line(),
            "migrations.search-paths",
            "'"
                + dir
                + "' must be a"
                + " directory inside the repository, relative to its root (e.g. module-a/src/main/resources)");
      }
    }
    return new MigrationSettings(
        tool, locations, placeholders, changelog, contexts, labels, searchPaths);
  }

  private static WardenConfig.SnapshotConfig snapshot(ConfigReader r, YamlNode.Entry entry) {
    YamlNode.Mapping m = r.mapping(entry.value(), "snapshot");
    r.checkKeys(m, "snapshot.", SNAPSHOT_KEYS);
    Map<String, YamlNode.Entry> e = m.entries();
    long sources =
        SNAPSHOT_KEYS.stream().filter(k -> !k.equals("max-age") && e.containsKey(k)).count();
    if (sources != 1) {
      throw r.error(
          entry.keyLine(),
          "snapshot",
          "give exactly one of path, url or env (env names a variable holding the database URL)");
    }
    Optional<String> path =
        Optional.ofNullable(e.get("path")).map(x -> r.scalar(x, "snapshot.path"));
    if (path.isPresent() && (path.get().startsWith("/") || path.get().contains(".."))) {
      throw r.error(
          e.get("path").value().line(),
          "snapshot.path",
          "'"
              + path.get()
              + "' must be a file inside the repository, relative to its root (e.g. db/prod-schema.json); pass a file"
              + " elsewhere with warden review --snapshot FILE");
    }
    Optional<String> url = Optional.ofNullable(e.get("url")).map(x -> r.scalar(x, "snapshot.url"));
    if (url.isPresent()
        && !url.get().startsWith("https://")
        && !url.get().startsWith("http://localhost")
        && !url.get().startsWith("http://127.0.0.1")) {
      throw r.error(
          e.get("url").value().line(),
          "snapshot.url",
          "'" + url.get() + "' must be an https:// URL (plain http only to localhost)");
    }
    Optional<String> env = Optional.ofNullable(e.get("env")).map(x -> r.scalar(x, "snapshot.env"));
    if (env.isPresent() && !env.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw r.error(
          e.get("env").value().line(),
          "snapshot.env",
          "'"
              + env.get()
              + "' is not an environment variable name: name the variable that holds the JDBC URL, e.g."
              + " WARDEN_SNAPSHOT_URL, never the URL itself");
    }
    java.time.Duration maxAge = WardenConfig.SnapshotConfig.DEFAULT_MAX_AGE;
    if (e.containsKey("max-age")) {
      String v = r.scalar(e.get("max-age"), "snapshot.max-age");
      maxAge =
          duration(v)
              .orElseThrow(
                  () ->
                      r.error(
                          e.get("max-age").value().line(),
                          "snapshot.max-age",
                          "'"
                              + v
                              + "' is not a duration: write a number and a unit, e.g. 30m, 24h or 7d"));
    }
    return new WardenConfig.SnapshotConfig(path, url, env, maxAge);
  }

  private static WardenConfig.DriftSettings drift(ConfigReader r, YamlNode.Entry entry) {
    YamlNode.Mapping m = r.mapping(entry.value(), "drift");
    r.checkKeys(m, "drift.", DRIFT_KEYS);
    boolean failOnUnrelated = false;
    YamlNode.Entry f = m.entries().get("fail-on-unrelated");
    if (f != null) {
      String v = r.scalar(f, "drift.fail-on-unrelated").toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        throw r.error(
            f.value().line(),
            "drift.fail-on-unrelated",
            "'" + v + "' is not a boolean: write true or false");
      }
      failOnUnrelated = v.equals("true");
    }
    return new WardenConfig.DriftSettings(failOnUnrelated);
  }

  /**
   * The YAML tree of a config file, or empty for an empty file; a syntax error or a repeated key is a
   * {@link ErrorCode#CONFIG} error naming the file and line. {@link EnvironmentsConfig} reads the same file.
   */
  static Optional<YamlNode> yaml(String text, String fileName) {
    try {
      return YamlTree.parse(
          text,
          (key, line, firstLine) -> {
            throw new WardenException(
                ErrorCode.CONFIG,
                fileName
                    + ":"
                    + line
                    + ": key '"
                    + key
                    + "' appears twice (first on line "
                    + firstLine
                    + "): keep one");
          });
    } catch (YamlSyntaxException e) {
      throw new WardenException(
          ErrorCode.CONFIG,
          fileName
              + ":"
              + e.line()
              + ": not valid YAML ("
              + e.reason()
              + "): fix the syntax; indent nested keys with spaces, not tabs",
          e.getCause());
    }
  }

  /** {@code 500ms}, {@code 90s}, {@code 30m} (or {@code 30min}), {@code 24h}, {@code 7d}. */
  static Optional<java.time.Duration> duration(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|min|[smhd])").matcher(text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "ms" -> java.time.Duration.ofMillis(n);
          case "min" -> java.time.Duration.ofMinutes(n);
          case "s" -> java.time.Duration.ofSeconds(n);
          case "m" -> java.time.Duration.ofMinutes(n);
          case "h" -> java.time.Duration.ofHours(n);
          default -> java.time.Duration.ofDays(n);
        });
  }

  /** Typed access to nodes with errors that name the file, line and key path. */
}
