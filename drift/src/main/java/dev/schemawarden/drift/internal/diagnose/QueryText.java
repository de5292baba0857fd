package dev.schemawarden.drift.internal.diagnose;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gate before DG111 explains a statement text read from {@code pg_stat_statements}: that text is whatever
 * someone ran on production, so only one plain {@code SELECT} passes. Fails closed: no {@code ;} anywhere (not
 * even in a quote or a comment: no lexer of ours can then disagree with the driver's on where a statement ends),
 * the first word {@code SELECT}, no {@code INTO} (a {@code SELECT ... INTO} creates a table), every quote and
 * comment closed. The text then only ever runs as {@code EXPLAIN} without {@code ANALYZE}, in the pass's READ
 * ONLY transaction, under a short statement timeout.
 */
final class QueryText {
  static final int MAX_CHARS = 20_000;
  private static final Pattern PARAMETER = Pattern.compile("\\$[0-9]+");

  private QueryText() {}

  /** Empty when {@code text} may be explained; else why not, one line without the text. */
  static Optional<String> refusal(String text) {
    if (text.length() > MAX_CHARS) {
      return Optional.of("longer than " + MAX_CHARS + " characters");
    }
    if (text.indexOf(';') >= 0) {
      return Optional.of("it holds a ';'");
    }
    StringBuilder words = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char ch = text.charAt(i);
      if (ch == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
        words.append(' ');
      } else if (ch == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int depth = 1;
        i += 2;
        while (i < n && depth > 0) {
          if (text.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (text.startsWith("*/", i)) {
            depth--;
            i += 2;
          } else {
            i++;
          }
        }
        if (depth > 0) {
          return Optional.of("a comment is not closed");
        }
        words.append(' ');
      } else if (ch == '\'' || ch == '"') {
        int end = text.indexOf(ch, i + 1);
        if (end < 0) {
          return Optional.of("a quote is not closed");
        }
        i = end + 1;
        words.append(' ');
      } else if (ch == '$' && i + 1 < n && !Character.isDigit(text.charAt(i + 1))) {
        return Optional.of("it holds a dollar-quoted string");
      } else if (ch == '\\' || ch == '?' || ch == '{') {
        // Backslash escapes (E'' strings) and the driver's own escape and placeholder syntax: not
        // worth a guess.
        return Optional.of("it holds '" + ch + "'");
      } else {
        words.append(Character.toLowerCase(ch));
        i++;
      }
    }
    String[] tokens = words.toString().trim().split("[^a-z0-9_$]+");
    if (tokens.length == 0 || !tokens[0].equals("select")) {
      return Optional.of("it is not a SELECT");
    }
    for (String t : tokens) {
      if (t.equals("into")) {
        return Optional.of("SELECT ... INTO creates a table");
      }
    }
    return Optional.empty();
  }

  /** True when the text holds a {@code $n} parameter (constants normalised by pg_stat_statements). */
  static boolean parameterised(String text) {
    return PARAMETER.matcher(text).find();
  }

  /** The highest {@code $n} in the text (0 without any): how many values an {@code EXECUTE} of it takes. */
  static int highestParameter(String text) {
    Matcher m = PARAMETER.matcher(text);
    int highest = 0;
    while (m.find()) {
      highest = Math.max(highest, Integer.parseInt(m.group().substring(1)));
    }
    return highest;
  }

  /** The word a skipped statement is named by in a note: its queryid, never its text. */
  static String name(long queryId) {
    return "query " + Long.toString(queryId).toLowerCase(Locale.ROOT);
  }
}
