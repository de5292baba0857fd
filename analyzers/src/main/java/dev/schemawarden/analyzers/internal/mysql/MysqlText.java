package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.internal.sql.QuotedRun;

/**
 * The lexical primitives the splitter and the lexer share, so both agree on where a string or comment ends. MySQL's
 * rules: {@code '..'} and {@code ".."} strings take backslash escapes and a doubled quote, {@code `..`} identifiers
 * only a doubled backtick; {@code #} and {@code -- } (two dashes then a space or control character) comment to the
 * end of the line; block comments do not nest; {@code /*!NNNNN ..} and MariaDB's {@code /*M!NNNNN ..} are
 * executable comments whose content is code. Every method is linear and never recurses, whatever the input.
 */
final class MysqlText {

  private MysqlText() {}

  /**
   * Offset just after the quoted run that opens at {@code i} ({@code s[i]} is the quote), or -1 when it is never
   * closed.
   */
  static int quoteEnd(String s, int i) {
    char q = s.charAt(i);
    return QuotedRun.close(s, i + 1, q, q != '`');
  }

  /** True when a {@code -- } comment starts at {@code i}: MySQL needs whitespace or a control character after it. */
  static boolean dashComment(String s, int i) {
    int n = s.length();
    return i + 1 < n
        && s.charAt(i) == '-'
        && s.charAt(i + 1) == '-'
        && (i + 2 == n || s.charAt(i + 2) <= ' ');
  }

  /** Offset of the {@code \n} that ends the line holding {@code i}, or the text's length. */
  static int lineEnd(String s, int i) {
    int e = s.indexOf('\n', i);
    return e < 0 ? s.length() : e;
  }

  /** True when a block comment or an executable comment opens at {@code i}. */
  static boolean blockOpen(String s, int i) {
    return i + 1 < s.length() && s.charAt(i) == '/' && s.charAt(i + 1) == '*';
  }

  /**
   * For an executable comment opening at {@code i} ({@code /*!}, {@code /*!50001}, {@code /*M!100100}), the offset
   * just after its marker and version digits, where its code starts; -1 when {@code i} opens no executable comment.
   */
  static int executableStart(String s, int i) {
    int n = s.length();
    int j = i + 2;
    if (j < n && s.charAt(j) == 'M' && j + 1 < n && s.charAt(j + 1) == '!') {
      j++;
    }
    if (j >= n || s.charAt(j) != '!') {
      return -1;
    }
    j++;
    while (j < n && Character.isDigit(s.charAt(j))) {
      j++;
    }
    return j;
  }

  /** Offset just after the {@code *}{@code /} that closes the block comment opening at {@code i}, or -1. */
  static int blockEnd(String s, int i) {
    int e = s.indexOf("*/", i + 2);
    return e < 0 ? -1 : e + 2;
  }

  /** True for a character that continues an unquoted identifier or keyword. */
  static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
  }
}
