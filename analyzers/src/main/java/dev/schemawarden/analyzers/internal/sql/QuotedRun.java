package dev.schemawarden.analyzers.internal.sql;

/**
 * The one scan to the end of a quoted string or identifier, for every dialect's splitter and lexer, so that they agree
 * on where it closes. A doubled quote stands for itself; with backslash escapes (MySQL strings, PostgreSQL
 * {@code E'..'}) a backslash also takes the next character. Linear, never recursive, whatever the input.
 */
public final class QuotedRun {
  private QuotedRun() {}

  /**
   * The offset just past the quote closing the run whose body starts at {@code body}, or -1 when the text ends first.
   */
  public static int close(String s, int body, char quote, boolean backslashEscapes) {
    int n = s.length();
    int j = body;
    while (j < n) {
      char c = s.charAt(j);
      if (backslashEscapes && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < n && s.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return -1;
  }
}
