package dev.schemawarden.analyzers.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known word nearest to a misspelt one by Levenshtein distance, ignoring case. One
 * implementation for rule ids, {@code .schemawarden.yml} keys and policy files; they differ only in how far a guess
 * may be before it stops helping, which {@link Reach} names. Among equally near words the first in {@code known}'s
 * iteration order wins: pass a sorted collection when {@code known} has no stable order.
 */
public final class Suggestions {

  /** How far a suggestion may be from the wrong word. */
  public enum Reach {
    /** The nearest known word however far: for messages that always name one (unknown rule ids in lint settings). */
    ANY,
    /**
     * Within {@code max(2, length / 3)} edits, treating {@code _}, {@code -} and space as the same character
     * ({@code .schemawarden.yml} keys and values).
     */
    NEAR_IGNORING_SEPARATORS,
    /** Within {@code max(2, min(3, length / 3))} edits, or sharing the first four letters (policy and context files). */
    NEAR_OR_SAME_PREFIX
  }

  private Suggestions() {}

  /** {@link #closest(String, Collection, Reach)} with {@link Reach#NEAR_OR_SAME_PREFIX}. */
  public static Optional<String> closest(String wrong, Collection<String> known) {
    return closest(wrong, known, Reach.NEAR_OR_SAME_PREFIX);
  }

  /** The word of {@code known} nearest to {@code wrong} within {@code reach}, if any. */
  public static Optional<String> closest(String wrong, Collection<String> known, Reach reach) {
    String w = normalise(wrong, reach);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(w, normalise(candidate, reach));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    boolean near =
        switch (reach) {
          case ANY -> true;
          case NEAR_IGNORING_SEPARATORS -> bestDistance <= Math.max(2, wrong.length() / 3);
          case NEAR_OR_SAME_PREFIX ->
              bestDistance <= Math.max(2, Math.min(3, wrong.length() / 3))
                  || (wrong.length() >= 4
                      && best.toLowerCase(Locale.ROOT)
                          .startsWith(wrong.toLowerCase(Locale.ROOT).substring(0, 4)));
        };
    return near ? Optional.of(best) : Optional.empty();
  }

  private static String normalise(String s, Reach reach) {
    String lower = s.toLowerCase(Locale.ROOT);
    return reach == Reach.NEAR_IGNORING_SEPARATORS
        ? lower.replace('_', '-').replace(' ', '-')
        : lower;
  }

  /** Levenshtein distance; the words are short, so the quadratic table is cheap. */
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
