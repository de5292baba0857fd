package dev.schemawarden.drift.internal.diagnose;

import dev.schemawarden.analyzers.api.Identifiers;

/**
 * Names in what diagnose prints and proposes. Production's object names are data, not ours: in SQL they are
 * always quoted identifiers; in messages they are shown as SQL would read them with every control character
 * escaped, so a name holding a line break cannot forge a line of a report or end a comment.
 */
public final class Names {
  private Names() {}

  /** {@code "schema"."name"}: always safe in generated SQL. */
  static String sql(String schema, String name) {
    return Identifiers.quote(schema) + "." + Identifiers.quote(name);
  }

  /** {@code schema.name} as SQL reads it (quoted where needed), control characters escaped. */
  static String show(String schema, String name) {
    return escape(Identifiers.render(schema) + "." + Identifiers.render(name));
  }

  static String show(String name) {
    return escape(Identifiers.render(name));
  }

  /** A string literal for SQL ({@code standard_conforming_strings} is on since 9.1). */
  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** Line breaks, tabs, other control and format characters (bidi overrides) as {@code \n}, {@code \u202e}. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == '\n') {
                out.append("\\n");
              } else if (cp == '\r') {
                out.append("\\r");
              } else if (cp == '\t') {
                out.append("\\t");
              } else if (Character.isISOControl(cp)
                  || Character.getType(cp) == Character.FORMAT
                  || cp == 0x2028
                  || cp == 0x2029) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }
}
