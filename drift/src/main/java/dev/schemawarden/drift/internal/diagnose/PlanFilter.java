package dev.schemawarden.drift.internal.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns a candidate index would lead with, read from a Seq Scan's {@code Filter} as {@code EXPLAIN (VERBOSE)}
 * prints it. Conservative: only a conjunction ({@code AND}) of comparisons of a plain column of the scanned
 * relation (its alias, as VERBOSE qualifies it) with a parameter or a constant counts; a comparison with an
 * expression, a cast column, another column, {@code OR} or anything else is not guessed at and adds no column.
 * Equalities come first, then at most one range column, as a btree uses them.
 */
final class PlanFilter {
  /** An identifier as {@code quote_identifier} prints it: plain lower case, or double-quoted with {@code ""}. */
  private static final String IDENT = "(?:[a-z_][a-z0-9_$]*|\"(?:[^\"]|\"\")+\")";

  private static final String VALUE =
      "(?:\\$[0-9]+|\\(\\$[0-9]+\\)::[a-z][a-z0-9_ ]*|'(?:[^']|'')*'(?:::[a-z][a-z0-9_ ]*)?"
          + "|-?[0-9]+(?:\\.[0-9]+)?)";
  private static final Pattern COMPARISON =
      Pattern.compile("(" + IDENT + ")\\.(" + IDENT + ") (=|<|>|<=|>=) " + VALUE);

  private PlanFilter() {}

  /** The candidate's columns (unquoted names), empty when the filter has no plain column comparison. */
  static List<String> candidateColumns(String filter, String alias) {
    Set<String> equal = new LinkedHashSet<>();
    Optional<String> range = Optional.empty();
    for (String conjunct : conjuncts(unwrap(filter.strip()))) {
      Matcher m = COMPARISON.matcher(unwrap(conjunct.strip()));
      if (!m.matches() || !unquote(m.group(1)).equals(alias)) {
        continue;
      }
      String column = unquote(m.group(2));
      if (m.group(3).equals("=")) {
        equal.add(column);
      } else if (range.isEmpty()) {
        range = Optional.of(column);
      }
    }
    List<String> out = new ArrayList<>(equal);
    range.filter(r -> !equal.contains(r)).ifPresent(out::add);
    return List.copyOf(out);
  }

  /** The text inside one pair of parentheses that encloses all of it; else the text. */
  static String unwrap(String s) {
    if (s.length() < 2 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')') {
      return s;
    }
    int[] depth = depths(s);
    for (int i = 0; i < s.length() - 1; i++) {
      if (s.charAt(i) == ')' && depth[i] == 0) {
        return s; // the first parenthesis closes before the end: "(a) AND (b)"
      }
    }
    return depth[s.length() - 1] == 0 ? s.substring(1, s.length() - 1) : s;
  }

  /** The parts of {@code s} joined by {@code AND} outside parentheses and quotes; {@code s} itself when none. */
  static List<String> conjuncts(String s) {
    List<String> out = new ArrayList<>();
    int[] depth = depths(s);
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (depth[i] != 0) {
        continue;
      }
      if (s.startsWith(" AND ", i)) {
        out.add(s.substring(start, i));
        start = i + 5;
      } else if (s.startsWith(" OR ", i)) {
        return List.of();
      }
    }
    out.add(s.substring(start));
    return out;
  }

  /** Marks a character inside quotes (the quotes included) in {@link #depths}. */
  private static final int QUOTED = Integer.MIN_VALUE;

  /**
   * The one walk over the filter text that minds quotes and parentheses: for each character, the parenthesis depth
   * after it, or {@link #QUOTED} for a {@code '..'} or {@code ".."} run (a doubled quote closes and reopens it).
   */
  private static int[] depths(String s) {
    int[] out = new int[s.length()];
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quote != 0) {
        quote = ch == quote ? 0 : quote;
        out[i] = QUOTED;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        out[i] = QUOTED;
        continue;
      }
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      }
      out[i] = depth;
    }
    return out;
  }

  static String unquote(String ident) {
    return ident.startsWith("\"")
        ? ident.substring(1, ident.length() - 1).replace("\"\"", "\"")
        : ident;
  }
}
