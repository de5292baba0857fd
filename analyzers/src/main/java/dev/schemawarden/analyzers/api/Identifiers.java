package dev.schemawarden.analyzers.api;

import java.util.Set;
import java.util.regex.Pattern;

/** The one PostgreSQL identifier quoter: generated DDL, fixes, probes and replica statements all quote here. */
public final class Identifiers {

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

  // Reserved words that cannot be a bare column or table name (PostgreSQL appendix C, "reserved").
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "column",
          "constraint",
          "create",
          "current_catalog",
          "current_date",
          "current_role",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "from",
          "grant",
          "group",
          "having",
          "in",
          "initially",
          "intersect",
          "into",
          "lateral",
          "leading",
          "limit",
          "localtime",
          "localtimestamp",
          "not",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "placing",
          "primary",
          "references",
          "returning",
          "select",
          "session_user",
          "some",
          "symmetric",
          "system_user",
          "table",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "when",
          "where",
          "window",
          "with");

  private Identifiers() {}

  /** {@code name} double-quoted, whatever it contains: always safe in generated SQL. */
  public static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code name} bare when PostgreSQL would read it back unchanged (lower case, not reserved), else quoted. */
  public static String render(String name) {
    return PLAIN.matcher(name).matches() && !RESERVED.contains(name) ? name : quote(name);
  }

  /** The index of the first {@code c} outside double-quoted parts of {@code text} (an identifier list), or -1. */
  public static int indexOutsideQuotes(String text, char c) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == c && !quoted) {
        return i;
      }
    }
    return -1;
  }

  /** {@code "My ""x"""} becomes {@code My "x"}; a name without quotes is returned as it is. */
  public static String unquote(String name) {
    return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
        ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
        : name;
  }
}
