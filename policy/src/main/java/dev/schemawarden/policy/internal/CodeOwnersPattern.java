package dev.schemawarden.policy.internal;

import java.util.regex.Pattern;

/**
 * One CODEOWNERS path pattern, with gitignore's rules as GitHub applies them: a leading {@code /} or a {@code /}
 * inside the pattern anchors it at the repository root, otherwise it matches at any depth; a trailing {@code /}
 * matches only a directory (so every file below it); {@code *} and {@code ?} stay within one path segment,
 * {@code **} crosses segments. A pattern whose last segment is a plain name ({@code docs}, {@code /db/migration})
 * also owns everything below it; one whose last segment has a wildcard ({@code docs/*}) owns only what it names,
 * as GitHub documents for {@code docs/*}. Case-sensitive, as GitHub is.
 */
public final class CodeOwnersPattern {
  private final String text;
  private final Pattern regex;

  private CodeOwnersPattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /** {@code pattern} as written (unescaped), never negated: callers reject a leading {@code !} first. */
  public static CodeOwnersPattern of(String pattern) {
    String p = pattern;
    boolean directory = p.endsWith("/");
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    boolean anchored = p.startsWith("/") || p.contains("/") && !p.startsWith("**/");
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty()) {
      return new CodeOwnersPattern(pattern, Pattern.compile(".*")); // "/" : the whole repository
    }
    StringBuilder re = new StringBuilder("^");
    if (!anchored) {
      re.append("(?:.*/)?");
    }
    re.append(glob(p));
    String last = p.substring(p.lastIndexOf('/') + 1);
    if (directory) {
      re.append("/.*");
    } else if (!last.contains("*") && !last.contains("?")) {
      re.append("(?:/.*)?");
    }
    return new CodeOwnersPattern(pattern, Pattern.compile(re.append('$').toString()));
  }

  /** True when this pattern owns {@code path} (relative to the repository root, {@code /}-separated). */
  public boolean matches(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return regex.matcher(p).matches();
  }

  public String text() {
    return text;
  }

  private static String glob(String p) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      boolean doubleStar = c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*';
      boolean segmentStart = i == 0 || p.charAt(i - 1) == '/';
      boolean segmentEnd = i + 2 == p.length() || i + 2 < p.length() && p.charAt(i + 2) == '/';
      if (doubleStar && segmentStart && segmentEnd) {
        if (i + 2 == p.length()) {
          re.append(".*"); // a/** : everything below a
          i += 2;
        } else {
          re.append("(?:.*/)?"); // **/b, a/**/b : zero or more directories
          i += 3;
        }
      } else if (doubleStar) {
        re.append("[^/]*"); // foo**bar is an ordinary star, as in gitignore
        i += 2;
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return re.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
