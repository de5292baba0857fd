package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.RuleMeta;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Built-in rules plus system ids; backs {@link dev.schemawarden.analyzers.api.RuleCatalog}. */
public final class Catalog {

  private static final List<RuleMeta> ALL =
      Stream.of(BuiltInRules.ALL.stream().map(LintRule::meta), SystemRules.ALL.stream(),
              dev.schemawarden.analyzers.internal.impact.TraceRules.ALL.stream())
          .flatMap(s -> s)
          .sorted(Comparator.comparing(RuleMeta::id))
          .toList();

  private Catalog() {}

  public static List<RuleMeta> all() {
    return ALL;
  }

  public static Optional<RuleMeta> find(String idOrSlug) {
    String key = idOrSlug.trim();
    return ALL.stream()
        .filter(m -> m.id().equals(key.toUpperCase(Locale.ROOT)) || m.slug().equals(key))
        .findFirst();
  }

  /** The known id or slug closest to {@code unknown}, for "did you mean" messages. */
  public static String closest(String unknown) {
    String best = "";
    int bestDistance = Integer.MAX_VALUE;
    String u = unknown.toLowerCase(Locale.ROOT);
    for (RuleMeta m : ALL) {
      for (String candidate : List.of(m.id(), m.slug())) {
        int d = distance(u, candidate.toLowerCase(Locale.ROOT));
        if (d < bestDistance) {
          bestDistance = d;
          best = candidate;
        }
      }
    }
    return best;
  }

  /** Levenshtein distance; ids and slugs are short, so the quadratic table is cheap. */
  static int distance(String a, String b) {
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
