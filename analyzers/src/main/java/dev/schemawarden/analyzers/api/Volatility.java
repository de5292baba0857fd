package dev.schemawarden.analyzers.api;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a column {@code DEFAULT} expression is volatile, i.e. PostgreSQL must evaluate it per row. Since
 * PostgreSQL 11, {@code ADD COLUMN ... DEFAULT expr} with a non-volatile (immutable or stable, such as
 * {@code now()} or {@code current_timestamp}) default stores the value once in the catalog and does not rewrite
 * the table; a volatile default still rewrites it. See
 * https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES and
 * https://www.postgresql.org/docs/current/xfunc-volatility.html.
 *
 * <p>Static knowledge only: the built-in volatile functions below are recognised by name; any other function
 * (including user functions, whose volatility only the catalog knows) is treated as non-volatile. The lock tracer
 * observes the real outcome on the replica.
 */
public final class Volatility {
  private Volatility() {}

  /** Built-in and common-extension functions PostgreSQL marks VOLATILE. */
  public static final Set<String> VOLATILE_FUNCTIONS = Set.of(
      "random", "random_normal", "setseed", "gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1",
      "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday", "nextval", "setval",
      "txid_current", "pg_current_xact_id", "gen_random_bytes", "currval", "lastval");

  private static final Pattern CALL = Pattern.compile("([a-z_][a-z0-9_$]*)\\s*\\(");

  /** True when {@code expr} calls a function known to be volatile (names compared case-insensitively). */
  public static boolean isVolatileDefault(String expr) {
    Matcher m = CALL.matcher(stripQuoted(expr.toLowerCase(Locale.ROOT)));
    while (m.find()) {
      if (VOLATILE_FUNCTIONS.contains(m.group(1))) {
        return true;
      }
    }
    return false;
  }

  /** Blanks out string constants so {@code 'random()'} is not a call. */
  private static String stripQuoted(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean inString = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        inString = !inString;
        sb.append(' ');
      } else {
        sb.append(inString ? ' ' : c);
      }
    }
    return sb.toString();
  }
}
