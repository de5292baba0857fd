package dev.schemawarden.policy.internal;

import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.yaml.YamlNode;
import dev.schemawarden.analyzers.api.yaml.YamlNode.Entry;
import dev.schemawarden.policy.api.OperationClass;
import dev.schemawarden.policy.api.PolicyRule;
import dev.schemawarden.policy.api.PolicyRule.Action;
import dev.schemawarden.policy.api.PolicySet;
import dev.schemawarden.policy.internal.policies.BuiltInPolicies;
import dev.schemawarden.policy.internal.yaml.NodeReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns a policy YAML tree into a {@link PolicySet}, recording every problem with its line. */
public final class PolicyReader extends NodeReader {
  static final Set<String> ROOT_KEYS = Set.of("version", "overrides", "rules");
  static final Set<String> RULE_KEYS = Set.of("id", "description", "match", "action");
  static final Set<String> MATCH_KEYS =
      Set.of(
          "operations",
          "rules",
          "severity",
          "lock-modes",
          "min-blocking-seconds",
          "min-table-bytes",
          "drift",
          "objects",
          "tags",
          "environments",
          "labels",
          "when");
  static final Set<String> ACTION_KEYS = Set.of("deny", "require", "warn");
  static final Set<String> REQUIRE_KEYS = Set.of("count", "from", "reason");
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
  private static final Pattern SIZE =
      Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?\\s*");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "error", "fail-on");

  public PolicyReader(String file) {
    super(file);
  }

  /** Reads a standalone policy mapping ({@code version}, {@code overrides}, {@code rules}). */
  public PolicySet read(YamlNode.Mapping root) {
    allowOnly(root, "the policy", ROOT_KEYS);
    root.entry("version")
        .ifPresent(
            f ->
                string(f)
                    .ifPresent(
                        v -> {
                          if (!v.equals("1")) {
                            problem(
                                f.keyLine(),
                                "unsupported policy version '" + v + "'",
                                "write version: 1");
                          }
                        }));
    List<String> authorized = new ArrayList<>();
    root.entry("overrides")
        .flatMap(f -> map(f.value(), "'overrides'"))
        .ifPresent(
            o -> {
              allowOnly(o, "'overrides'", Set.of("authorized"));
              o.entry("authorized").ifPresent(f -> authorized.addAll(strings(f)));
            });
    List<PolicyRule> rules = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    root.entry("rules")
        .flatMap(f -> list(f.value(), "'rules'"))
        .ifPresent(
            l -> {
              for (YamlNode item : l.items()) {
                map(item, "each rule")
                    .flatMap(this::rule)
                    .ifPresent(
                        r -> {
                          Integer first = seen.putIfAbsent(r.id(), r.line());
                          if (first != null) {
                            problem(
                                r.line(),
                                "duplicate rule id '" + r.id() + "' (first at line " + first + ")",
                                "give each rule its own id");
                          } else {
                            rules.add(r);
                          }
                        });
              }
            });
    return new PolicySet(file(), rules, authorized);
  }

  private Optional<PolicyRule> rule(YamlNode.Mapping m) {
    allowOnly(m, "a rule", RULE_KEYS);
    Optional<String> id = m.entry("id").flatMap(this::string);
    if (m.entry("id").isEmpty()) {
      problem(m.line(), "a rule has no 'id'", "add id: <name>, e.g. id: pii-needs-privacy");
    }
    id.ifPresent(
        i -> {
          int line = m.entry("id").get().keyLine();
          if (BuiltInPolicies.IDS.contains(i.toUpperCase(Locale.ROOT))) {
            problem(
                line,
                "'"
                    + i
                    + "' is a built-in policy id; a policy file cannot redefine, remove or lower it",
                "give this rule another id; to ask for more approvals on irreversible operations, add a rule with"
                    + " match.operations: [destructive] and a larger require.count");
          } else if (!ID.matcher(i).matches()) {
            problem(
                line,
                "rule id '" + i + "' has characters other than letters, digits, '_', '.' or '-'",
                "start with a letter, e.g. pii-needs-privacy");
          }
        });
    String description = m.entry("description").flatMap(this::string).orElse("");
    PolicyRule.Match match =
        m.entry("match")
            .flatMap(f -> map(f.value(), "'match'"))
            .map(this::match)
            .orElse(PolicyRule.Match.any());
    Optional<Action> action =
        m.entry("action").flatMap(f -> map(f.value(), "'action'")).flatMap(this::action);
    if (m.entry("action").isEmpty()) {
      problem(
          m.line(),
          "rule '" + id.orElse("?") + "' has no 'action'",
          "add action: with one of deny: <reason>, require: {count: 1, from: [...]}, warn: <reason>");
    }
    if (id.isEmpty() || action.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new PolicyRule(
            id.get(), description, match, action.get(), file(), m.entry("id").get().keyLine()));
  }

  private PolicyRule.Match match(YamlNode.Mapping m) {
    allowOnly(m, "'match'", MATCH_KEYS);
    Set<String> opNames =
        Arrays.stream(OperationClass.values())
            .map(OperationClass::label)
            .collect(Collectors.toSet());
    EnumSet<OperationClass> ops = EnumSet.noneOf(OperationClass.class);
    m.entry("operations")
        .ifPresent(
            f ->
                strings(f)
                    .forEach(
                        s ->
                            oneOf(f.keyLine(), "operation class", s, opNames)
                                .ifPresent(
                                    o ->
                                        ops.add(
                                            OperationClass.valueOf(o.toUpperCase(Locale.ROOT))))));
    Optional<String> severity =
        m.entry("severity")
            .flatMap(
                f ->
                    string(f)
                        .flatMap(
                            s ->
                                oneOf(
                                    f.keyLine(),
                                    "severity",
                                    s.equalsIgnoreCase("warn") ? "warning" : s,
                                    SEVERITIES)));
    EnumSet<LockMode> modes = EnumSet.noneOf(LockMode.class);
    m.entry("lock-modes")
        .ifPresent(f -> strings(f).forEach(s -> lockMode(f.keyLine(), s).ifPresent(modes::add)));
    Optional<Duration> minBlocking =
        m.entry("min-blocking-seconds")
            .flatMap(
                f ->
                    string(f)
                        .flatMap(
                            s -> {
                              try {
                                double secs = Double.parseDouble(s);
                                if (secs >= 0) {
                                  return Optional.of(Duration.ofMillis(Math.round(secs * 1000)));
                                }
                              } catch (NumberFormatException e) {
                                // reported below
                              }
                              problem(
                                  f.keyLine(),
                                  "min-blocking-seconds must be a number of seconds, not '"
                                      + s
                                      + "'",
                                  "write e.g. min-blocking-seconds: 5");
                              return Optional.empty();
                            }));
    OptionalLong minBytes = OptionalLong.empty();
    if (m.entry("min-table-bytes").isPresent()) {
      Entry f = m.entry("min-table-bytes").get();
      minBytes = string(f).map(s -> bytes(f.keyLine(), s)).orElse(OptionalLong.empty());
    }
    Optional<Boolean> drift = m.entry("drift").flatMap(this::bool);
    List<String> objects = m.entry("objects").map(this::strings).orElse(List.of());
    Set<String> tags = m.entry("tags").map(this::strings).map(l -> lower(l)).orElse(Set.of());
    Set<String> envs = m.entry("environments").map(this::strings).map(Set::copyOf).orElse(Set.of());
    Set<String> labels = m.entry("labels").map(this::strings).map(Set::copyOf).orElse(Set.of());
    Set<String> rules =
        m.entry("rules")
            .map(this::strings)
            .map(l -> l.stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet()))
            .orElse(Set.of());
    Optional<PolicyRule.When> when =
        m.entry("when")
            .flatMap(f -> map(f.value(), "'when'"))
            .map(w -> new WhenReader(this).when(w));
    return new PolicyRule.Match(
        ops,
        rules,
        severity,
        modes,
        minBlocking,
        minBytes,
        drift,
        objects,
        tags,
        envs,
        labels,
        when);
  }

  private Optional<Action> action(YamlNode.Mapping m) {
    allowOnly(m, "'action'", ACTION_KEYS);
    List<Entry> present =
        m.entries().values().stream().filter(f -> ACTION_KEYS.contains(f.key())).toList();
    if (present.size() != 1) {
      problem(
          m.line(),
          "an action needs exactly one of deny, require, warn (found "
              + (present.isEmpty()
                  ? "none"
                  : present.stream().map(Entry::key).collect(Collectors.joining(", ")))
              + ")",
          "keep one: deny: <reason> | require: {count: 1, from: [...]} | warn: <reason>");
      return Optional.empty();
    }
    Entry f = present.get(0);
    switch (f.key()) {
      case "deny":
        return string(f).map(Action.Deny::new);
      case "warn":
        return string(f).map(Action.Warn::new);
      default:
        return map(f.value(), "'require'").flatMap(this::require);
    }
  }

  private Optional<Action> require(YamlNode.Mapping m) {
    allowOnly(m, "'require'", REQUIRE_KEYS);
    OptionalLong count = m.entry("count").map(f -> integer(f, 1)).orElse(OptionalLong.of(1));
    List<String> from = m.entry("from").map(this::strings).orElse(List.of());
    if (m.entry("from").isEmpty()) {
      problem(
          m.line(),
          "'require' has no 'from'",
          "add from: [<login>, '@org/team', codeowners, owners or any]");
    }
    for (String who : from) {
      if (who.contains(" ") || (who.startsWith("@") && who.indexOf('/') < 0 && who.length() < 2)) {
        problem(
            m.entry("from").get().keyLine(),
            "'" + who + "' is not a login, '@org/team' or keyword",
            "write alice, '@acme/dba', codeowners, owners or any (quote names that start with @)");
      }
    }
    String reason = m.entry("reason").flatMap(this::string).orElse("");
    if (count.isEmpty() || from.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.Require((int) count.getAsLong(), from, reason));
  }

  private Optional<LockMode> lockMode(int line, String text) {
    String norm = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    for (LockMode mode : LockMode.values()) {
      if (mode.name().equals(norm) || mode.pgLocksName().equalsIgnoreCase(text.trim())) {
        return Optional.of(mode);
      }
    }
    Set<String> names =
        Arrays.stream(LockMode.values())
            .map(l -> l.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toCollection(TreeSet::new));
    problem(
        line,
        "'" + text + "' is not a lock mode",
        didYouMean(norm.toLowerCase(Locale.ROOT), names)
                .map(s -> "did you mean '" + s + "'? ")
                .orElse("")
            + "use one of "
            + String.join(", ", names));
    return Optional.empty();
  }

  private OptionalLong bytes(int line, String text) {
    Matcher mm = SIZE.matcher(text);
    if (!mm.matches()) {
      problem(
          line,
          "min-table-bytes must be a size such as 1073741824, 500MB or 10GB, not '" + text + "'",
          "write a number with an optional unit B, KB, MB, GB or TB (powers of 1024)");
      return OptionalLong.empty();
    }
    String unit = mm.group(2) == null ? "b" : mm.group(2).toLowerCase(Locale.ROOT);
    int power = "bkmgt".indexOf(unit.charAt(0));
    return OptionalLong.of(Math.round(Double.parseDouble(mm.group(1)) * Math.pow(1024, power)));
  }

  private static Set<String> lower(List<String> l) {
    return l.stream()
        .map(s -> s.toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
