package dev.schemawarden.policy.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Globs over dotted object names: {@code *} matches within one part ({@code public.*} matches tables of
 * {@code public}), {@code **} matches across parts, {@code ?} one character. Case-insensitive, since PostgreSQL
 * folds unquoted names. A glob without a schema means {@code public}; object names are always qualified
 * ({@code sales} for a schema, {@code public.users} for a table, {@code public.users.email} for a column).
 */
public final class Globs {
  private Globs() {}

  /** True when {@code glob} matches all of {@code name} (a qualified object name). */
  public static boolean matches(String glob, String name) {
    return toRegex(qualify(glob)).matcher(name.toLowerCase(Locale.ROOT)).matches();
  }

  /**
   * True when {@code glob} matches {@code object}, one of its ancestors ({@code public.users} for
   * {@code public.users.email}) or one of its descendants ({@code public.users.email} for {@code public.users}).
   */
  public static boolean related(String glob, String object) {
    String[] parts = object.split("\\.");
    String[] globParts = qualify(glob).split("\\.");
    if (glob.contains("**")) {
      return matches(glob, object);
    }
    int n = Math.min(parts.length, globParts.length);
    for (int i = 0; i < n; i++) {
      if (!toRegex(globParts[i]).matcher(parts[i].toLowerCase(Locale.ROOT)).matches()) {
        return false;
      }
    }
    return true;
  }

  /** {@code users} -> {@code public.users}; names with a schema (or globs starting with one) are unchanged. */
  public static String qualify(String name) {
    return name.contains(".") || name.contains("**") ? name : "public." + name;
  }

  private static Pattern toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    String g = glob.toLowerCase(Locale.ROOT);
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^.]*");
      } else if (c == '?') {
        re.append("[^.]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
