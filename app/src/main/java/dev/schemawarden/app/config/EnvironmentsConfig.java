package dev.schemawarden.app.config;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFile;
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

  /** The environments in {@code repoRoot/.schemawarden.yml}, in file order; empty when there is no such section. */
  public static List<Environment> load(Path configFile) {
    Path abs = configFile.toAbsolutePath().normalize();
    // Bounded by the repository (the file's directory): a link leaving it is refused (exit 2),
    // never followed.
    return new RepositoryFile(abs.getParent(), abs.getFileName().toString())
        .readIfExists(ConfigLoader.MAX_BYTES, ErrorCode.CONFIG)
        .map(text -> parse(text, WardenConfig.FILE_NAME))
        .orElse(List.of());
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
      throw error(
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
        throw error(
            fileName,
            item.line(),
            "environments",
            "each environment is a mapping with name and url-env");
      }
      for (YamlNode.Entry e : m.entries().values()) {
        if (!KEYS.contains(e.key())) {
          throw error(
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
        throw error(
            fileName,
            e.get("name").value().line(),
            "environments.name",
            "'"
                + name
                + "' is not a valid name: use lower-case letters, digits, - and _ (e.g. production)");
      }
      if (!names.add(name)) {
        throw error(
            fileName,
            e.get("name").value().line(),
            "environments.name",
            "environment '" + name + "' is defined twice: keep one");
      }
      String urlEnv =
          envVar(fileName, m, "url-env")
              .orElseThrow(
                  () ->
                      error(
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
          throw error(
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
      throw error(
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
      throw error(
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
    throw error(
        file, e.keyLine(), keyPath, "expected a single value, found " + e.value().kindName());
  }

  private static WardenException error(String file, int line, String keyPath, String message) {
    return new WardenException(
        ErrorCode.CONFIG, file + ":" + line + ": " + keyPath + ": " + message);
  }
}
