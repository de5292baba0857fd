package dev.schemawarden.analyzers.internal.trace;

/** Small text helpers for checks that must work even when no parser understood a statement. */
final class SqlText {
  private SqlText() {}

  /**
   * The statement with comments replaced by spaces and whitespace collapsed, string literals kept (so
   * {@code EXECUTE 'ALTER SYSTEM ...'} inside a {@code DO} body is still seen).
   */
  static String withoutComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        out.append(' ');
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int depth = 0;
        do {
          if (sql.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (sql.startsWith("*/", i)) {
            depth--;
            i += 2;
          } else {
            i++;
          }
        } while (i < n && depth > 0);
        out.append(' ');
      } else if (c == '\'') {
        int end = i + 1;
        while (end < n && !(sql.charAt(end) == '\'' && (end + 1 >= n || sql.charAt(end + 1) != '\''))) {
          end += sql.charAt(end) == '\'' ? 2 : 1;
        }
        out.append(sql, i, Math.min(n, end + 1));
        i = end + 1;
      } else {
        out.append(Character.isWhitespace(c) ? ' ' : c);
        i++;
      }
    }
    return out.toString().replaceAll(" +", " ").trim();
  }
}
