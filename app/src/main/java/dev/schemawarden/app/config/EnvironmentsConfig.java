package dev.schemawarden.app.config;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.analyzers.api.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code environments:} section of {@code .schemawarden.yml}: where {@code warden apply} applies merged
 * migrations, in order. Connections come from environment variables so no secret is ever in the repository:
 *
 * <pre>
 * environments:
 *   - name: staging
 *     url-env: STAGING_DATABASE_URL      # holds jdbc:postgresql://host:5432/app
 *     user-env: STAGING_DATABASE_USER    # optional
 *     password-env: STAGING_DATABASE_PASSWORD
 *     apply: auto                        # auto (on merge) | manual (warden apply only); default manual
 *     policy: policies/staging.yml       # optional: this environment's policy scope
 * </pre>
 *
 * Read separately from {@link ConfigLoader} (which only accepts the key) so that the review path never needs it.
 */
public final class EnvironmentsConfig {
  private static final List<String> KEYS =
      List.of("name", "url-env", "user-env", "password-env", "apply", "policy");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** How an environment receives merged migrations. */
  public enum Mode {
    AUTO,
    MANUAL;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One environment.
   *
   * @param urlEnv the variable holding the JDBC URL
   * @param policy the policy file for this environment, relative to the repository root; empty: the repository's
   */
  public record Environment(
      String name,
      String urlEnv,
      Optional<String> userEnv,
      Optional<String> passwordEnv,
      Mode mode,
      Optional<String> policy,
      int line) {
    public Environment {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(urlEnv, "urlEnv");
      Objects.requireNonNull(userEnv, "userEnv");
      Objects.requireNonNull(passwordEnv, "passwordEnv");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(policy, "policy");
    }
  }

  private EnvironmentsConfig() {}

  /** The environment called {@code name}, if {@code envs} has one. */
  public static Optional<Environment> named(List<Environment> envs, String name) {
    return envs.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The environment called {@code name}; else a usage error naming {@code where} (the config file) and the names
   * it has, or how to add the section when it has none.
   */
  public static Environment require(List<Environment> envs, String name, Object where) {
    return named(envs, name)
        .orElseThrow(
            () ->
                new WardenException(
                    ErrorCode.USAGE,
                    "no environment '"
                        + name
                        + "' in "
                        + where
                        + ": "
                        + (envs.isEmpty()
                            ? "add an environments: section (docs/configuration.md) or pass --url"
                                + " JDBC_URL"
                            : "known: "
                                + String.join(
                                    ", ", envs.stream().map(Environment::name).toList()))));
  }

  /** The environments in {@code repoRoot/.schemawarden.yml}, in file order; empty when there is no such section. */
  public static List<Environment> load(Path configFile) {
    return ConfigReader.load(configFile, EnvironmentsConfig::parse, List::of);
  }

  public static List<Environment> parse(String text, String fileName) {
    Optional<YamlNode> root = ConfigLoader.yaml(text, fileName);
    if (root.isEmpty()
        || !(root.get() instanceof YamlNode.Mapping top)
        || !top.entries().containsKey("environments")) {
      return List.of();
    }
    YamlNode.Entry section = top.entries().get("environments");
    if (!(section.value() instanceof YamlNode.Sequence seq)) {
      throw ConfigReader.error(
          fileName,
          section.keyLine(),
          "environments",
          "expected a list of environments (- name: staging ...), found "
              + section.value().kindName());
    }
    List<Environment> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNode item : seq.items()) {
      if (!(item instanceof YamlNode.Mapping m)) {
        throw ConfigReader.error(
            fileName,
            item.line(),
            "environments",
            "each environment is a mapping with name and url-env");
      }
      for (YamlNode.Entry e : m.entries().values()) {
        if (!KEYS.contains(e.key())) {
          throw ConfigReader.error(
              fileName,
              e.keyLine(),
              "environments." + e.key(),
              "unknown key '"
                  + e.key()
                  + "': allowed keys: "
                  + String.join(", ", KEYS)
                  + (e.key().equals("url") || e.key().equals("password")
                      ? " (name the environment VARIABLE that holds it, e.g. url-env: PROD_DATABASE_URL: secrets stay out"
                          + " of the repository)"
                      : ""));
        }
      }
      Map<String, YamlNode.Entry> e = m.entries();
      String name = required(fileName, m, "name");
      if (!NAME.matcher(name).matches()) {
        throw ConfigReader.error(
            fileName,
            e.get("name").value().line(),
            "environments.name",
            "'"
                + name
                + "' is not a valid name: use lower-case letters, digits, - and _ (e.g. production)");
      }
      if (!names.add(name)) {
        throw ConfigReader.error(
            fileName,
            e.get("name").value().line(),
            "environments.name",
            "environment '" + name + "' is defined twice: keep one");
      }
      String urlEnv =
          envVar(fileName, m, "url-env")
              .orElseThrow(
                  () ->
                      ConfigReader.error(
                          fileName,
                          m.line(),
                          "environments[" + name + "].url-env",
                          "missing: name the variable holding the JDBC URL"));
      Mode mode = Mode.MANUAL;
      if (e.containsKey("apply")) {
        String v = scalar(fileName, e.get("apply"), "environments[" + name + "].apply");
        try {
          mode = Mode.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
          throw ConfigReader.error(
              fileName,
              e.get("apply").value().line(),
              "environments[" + name + "].apply",
              "'" + v + "' is not an apply mode: use auto or manual");
        }
      }
      Optional<String> policy =
          Optional.ofNullable(e.get("policy"))
              .map(x -> scalar(fileName, x, "environments[" + name + "].policy"));
      out.add(
          new Environment(
              name,
              urlEnv,
              envVar(fileName, m, "user-env"),
              envVar(fileName, m, "password-env"),
              mode,
              policy,
              m.line()));
    }
    return List.copyOf(out);
  }

  private static String required(String file, YamlNode.Mapping m, String key) {
    YamlNode.Entry e = m.entries().get(key);
    if (e == null) {
      throw ConfigReader.error(
          file, m.line(), "environments." + key, "missing: every environment needs a " + key);
    }
    return scalar(file, e, "environments." + key);
  }

  private static Optional<String> envVar(String file, YamlNode.Mapping m, String key) {
    YamlNode.Entry e = m.entries().get(key);
    if (e == null) {
      return Optional.empty();
    }
    String v = scalar(file, e, "environments." + key);
    if (!ENV_VAR.matcher(v).matches()) {
      throw ConfigReader.error(
          file,
          e.value().line(),
          "environments." + key,
          "'"
              + v
              + "' is not an environment variable name:"
              + " give the variable's NAME (e.g. PROD_DATABASE_URL), never the value");
    }
    return Optional.of(v);
  }

  private static String scalar(String file, YamlNode.Entry e, String keyPath) {
    if (e.value() instanceof YamlNode.Scalar s && !s.text().isBlank()) {
      return s.text().trim();
    }
    throw ConfigReader.error(
        file, e.keyLine(), keyPath, "expected a single value, found " + e.value().kindName());
  }
}
