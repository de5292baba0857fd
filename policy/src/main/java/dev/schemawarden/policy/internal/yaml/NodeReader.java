package dev.schemawarden.policy.internal.yaml;

import dev.schemawarden.analyzers.api.Suggestions;
import dev.schemawarden.analyzers.api.yaml.YamlNode;
import dev.schemawarden.analyzers.api.yaml.YamlSyntaxException;
import dev.schemawarden.analyzers.api.yaml.YamlTree;
import dev.schemawarden.policy.api.PolicyProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Typed access to a {@link YamlNode} tree that records a {@link PolicyProblem} (file, line, what, fix) for every
 * bad key or value instead of stopping at the first, so one {@code warden policy check} run shows them all.
 */
public class NodeReader {
  private final String file;
  private final List<PolicyProblem> problems = new ArrayList<>();

  public NodeReader(String file) {
    this.file = file;
  }

  public String file() {
    return file;
  }

  public List<PolicyProblem> problems() {
    return List.copyOf(problems);
  }

  /**
   * The tree of {@code text}, or an empty mapping after reporting a syntax error to {@code problems}; a repeated
   * key is reported too, and its first value kept.
   */
  public static YamlNode parse(String file, String text, Consumer<PolicyProblem> problems) {
    try {
      return YamlTree.parse(
              text,
              (key, line, firstLine) ->
                  problems.accept(
                      new PolicyProblem(
                          file,
                          line,
                          "duplicate key '" + key + "' (first at line " + firstLine + ")",
                          "keep one of them")))
          .orElse(new YamlNode.Mapping(Map.of(), 1));
    } catch (YamlSyntaxException e) {
      problems.accept(
          new PolicyProblem(
              file,
              Math.max(1, e.line()),
              "not valid YAML: " + e.reason(),
              "fix the YAML syntax (indentation, quotes, a missing ':')"));
      return new YamlNode.Mapping(Map.of(), 1);
    }
  }

  public void problem(int line, String message, String fix) {
    problems.add(new PolicyProblem(file, line, message, fix));
  }

  /** Reports keys of {@code map} outside {@code allowed}, with the closest allowed key as a suggestion. */
  public void allowOnly(YamlNode.Mapping map, String where, Collection<String> allowed) {
    for (YamlNode.Entry f : map.entries().values()) {
      if (!allowed.contains(f.key())) {
        problem(
            f.keyLine(),
            "unknown key '" + f.key() + "' in " + where,
            didYouMean(f.key(), allowed)
                .map(s -> "did you mean '" + s + "'?")
                .orElse("allowed keys: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  public Optional<YamlNode.Mapping> map(YamlNode node, String what) {
    if (node instanceof YamlNode.Mapping m) {
      return Optional.of(m);
    }
    problem(
        node.line(),
        what + " must be a mapping (key: value lines), not " + kind(node),
        "indent its keys under it");
    return Optional.empty();
  }

  public Optional<YamlNode.Sequence> list(YamlNode node, String what) {
    if (node instanceof YamlNode.Sequence l) {
      return Optional.of(l);
    }
    problem(
        node.line(),
        what + " must be a list, not " + kind(node),
        "write it as [a, b] or as '- a' lines");
    return Optional.empty();
  }

  public Optional<String> string(YamlNode.Entry f) {
    if (f.value() instanceof YamlNode.Scalar s && !s.text().isBlank()) {
      return Optional.of(s.text().trim());
    }
    problem(
        f.keyLine(),
        "'" + f.key() + "' needs a value, not " + describe(f.value()),
        "write it on the same line: " + f.key() + ": <value>");
    return Optional.empty();
  }

  /** A single value or a list of values. */
  public List<String> strings(YamlNode.Entry f) {
    YamlNode v = f.value();
    if (v instanceof YamlNode.Scalar || v instanceof YamlNode.Null) {
      return string(f).map(List::of).orElse(List.of());
    }
    List<String> out = new ArrayList<>();
    if (v instanceof YamlNode.Sequence l) {
      for (YamlNode item : l.items()) {
        if (item instanceof YamlNode.Scalar s && !s.text().isBlank()) {
          out.add(s.text().trim());
        } else {
          problem(
              item.line(),
              "each item of '" + f.key() + "' must be a plain value, not " + describe(item),
              "write '- value'");
        }
      }
      return out;
    }
    problem(
        f.keyLine(), "'" + f.key() + "' must be a value or a list, not " + kind(v), "write [a, b]");
    return out;
  }

  public Optional<Boolean> bool(YamlNode.Entry f) {
    return string(f)
        .flatMap(
            s -> {
              String t = s.toLowerCase(Locale.ROOT);
              if (t.equals("true") || t.equals("false")) {
                return Optional.of(t.equals("true"));
              }
              problem(
                  f.keyLine(),
                  "'" + f.key() + "' must be true or false, not '" + s + "'",
                  "write true or false");
              return Optional.empty();
            });
  }

  public OptionalLong integer(YamlNode.Entry f, long min) {
    Optional<String> s = string(f);
    if (s.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long v = Long.parseLong(s.get());
      if (v >= min) {
        return OptionalLong.of(v);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(
        f.keyLine(),
        "'" + f.key() + "' must be a whole number of at least " + min + ", not '" + s.get() + "'",
        "write e.g. " + f.key() + ": " + Math.max(min, 1));
    return OptionalLong.empty();
  }

  /** {@code value} among {@code allowed} (case-insensitive), else a problem with a suggestion. */
  public Optional<String> oneOf(int line, String key, String value, Set<String> allowed) {
    String v = value.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    for (String a : allowed) {
      if (a.replace('-', '_').equals(v)) {
        return Optional.of(a);
      }
    }
    problem(
        line,
        "'" + value + "' is not a valid " + key,
        didYouMean(value.toLowerCase(Locale.ROOT), allowed)
                .map(s -> "did you mean '" + s + "'? ")
                .orElse("")
            + "use one of "
            + String.join(", ", new TreeSet<>(allowed)));
    return Optional.empty();
  }

  private static String describe(YamlNode node) {
    return node instanceof YamlNode.Null || node instanceof YamlNode.Scalar s && s.text().isBlank()
        ? "nothing"
        : kind(node);
  }

  /** What the node is, for messages: {@code a mapping}, {@code a list}, {@code a value} (empty or not). */
  private static String kind(YamlNode node) {
    if (node instanceof YamlNode.Mapping) {
      return "a mapping";
    }
    return node instanceof YamlNode.Sequence ? "a list" : "a value";
  }

  /** The closest of {@code candidates} (taken in sorted order) for a "did you mean" hint, if any is near. */
  public static Optional<String> didYouMean(String word, Collection<String> candidates) {
    return Suggestions.closest(word, new TreeSet<>(candidates));
  }
}
