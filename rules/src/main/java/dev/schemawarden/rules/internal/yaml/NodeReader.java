package dev.schemawarden.rules.internal.yaml;

import dev.schemawarden.rules.api.PolicyProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

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

  public void problem(int line, String message, String fix) {
    problems.add(new PolicyProblem(file, line, message, fix));
  }

  /** Reports keys of {@code map} outside {@code allowed}, with the closest allowed key as a suggestion. */
  public void allowOnly(YamlNode.MapNode map, String where, Collection<String> allowed) {
    for (YamlNode.Field f : map.fields().values()) {
      if (!allowed.contains(f.key())) {
        problem(f.line(), "unknown key '" + f.key() + "' in " + where,
            didYouMean(f.key(), allowed).map(s -> "did you mean '" + s + "'?")
                .orElse("allowed keys: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  public Optional<YamlNode.MapNode> map(YamlNode node, String what) {
    if (node instanceof YamlNode.MapNode m) {
      return Optional.of(m);
    }
    problem(node.line(), what + " must be a mapping (key: value lines), not " + node.kind(),
        "indent its keys under it");
    return Optional.empty();
  }

  public Optional<YamlNode.ListNode> list(YamlNode node, String what) {
    if (node instanceof YamlNode.ListNode l) {
      return Optional.of(l);
    }
    problem(node.line(), what + " must be a list, not " + node.kind(), "write it as [a, b] or as '- a' lines");
    return Optional.empty();
  }

  public Optional<String> string(YamlNode.Field f) {
    if (f.value() instanceof YamlNode.Scalar s && !s.isNull() && !s.text().isBlank()) {
      return Optional.of(s.text().trim());
    }
    problem(f.line(), "'" + f.key() + "' needs a value, not " + describe(f.value()),
        "write it on the same line: " + f.key() + ": <value>");
    return Optional.empty();
  }

  /** A single value or a list of values. */
  public List<String> strings(YamlNode.Field f) {
    YamlNode v = f.value();
    if (v instanceof YamlNode.Scalar) {
      return string(f).map(List::of).orElse(List.of());
    }
    List<String> out = new ArrayList<>();
    if (v instanceof YamlNode.ListNode l) {
      for (YamlNode item : l.items()) {
        if (item instanceof YamlNode.Scalar s && !s.isNull() && !s.text().isBlank()) {
          out.add(s.text().trim());
        } else {
          problem(item.line(), "each item of '" + f.key() + "' must be a plain value, not " + describe(item),
              "write '- value'");
        }
      }
      return out;
    }
    problem(f.line(), "'" + f.key() + "' must be a value or a list, not " + v.kind(), "write [a, b]");
    return out;
  }

  public Optional<Boolean> bool(YamlNode.Field f) {
    return string(f).flatMap(s -> {
      String t = s.toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return Optional.of(t.equals("true"));
      }
      problem(f.line(), "'" + f.key() + "' must be true or false, not '" + s + "'", "write true or false");
      return Optional.empty();
    });
  }

  public OptionalLong integer(YamlNode.Field f, long min) {
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
    problem(f.line(), "'" + f.key() + "' must be a whole number of at least " + min + ", not '" + s.get() + "'",
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
    problem(line, "'" + value + "' is not a valid " + key,
        didYouMean(value.toLowerCase(Locale.ROOT), allowed).map(s -> "did you mean '" + s + "'? ").orElse("")
            + "use one of " + String.join(", ", new TreeSet<>(allowed)));
    return Optional.empty();
  }

  private static String describe(YamlNode node) {
    return node instanceof YamlNode.Scalar s && (s.isNull() || s.text().isBlank()) ? "nothing" : node.kind();
  }

  /** The closest of {@code candidates} within edit distance 3 (or a shared prefix of 4), if any. */
  public static Optional<String> didYouMean(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : new TreeSet<>(candidates)) {
      int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    boolean prefix = word.length() >= 4 && best.toLowerCase(Locale.ROOT)
        .startsWith(word.toLowerCase(Locale.ROOT).substring(0, 4));
    return bestDistance <= Math.max(2, Math.min(3, word.length() / 3)) || prefix ? Optional.of(best)
        : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
