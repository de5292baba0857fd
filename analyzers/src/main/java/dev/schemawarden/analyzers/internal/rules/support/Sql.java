package dev.schemawarden.analyzers.internal.rules.support;

import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.QualifiedName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders names and keywords into PostgreSQL SQL for the fixes rules suggest. */
public final class Sql {

  /** PostgreSQL's NAMEDATALEN - 1: the longest identifier, in bytes, the server keeps. */
  public static final int MAX_IDENTIFIER_BYTES = 63;

  private static final Pattern CASCADE = Pattern.compile("(?i)\\s+CASCADE(?=\\s*(?:,|;|$))");

  private Sql() {}

  /**
   * The identifier as SQL: bare when PostgreSQL would read it back unchanged, double-quoted otherwise. A name
   * that arrives already quoted is returned as is.
   */
  public static String ident(String name) {
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      return name;
    }
    return Identifiers.render(name);
  }

  /** {@code schema.name} with each part rendered by {@link #ident}. */
  public static String name(QualifiedName name) {
    return name.schema().map(s -> ident(s) + ".").orElse("") + ident(name.name());
  }

  /** A sibling of {@code table} in the same schema, e.g. for a compatibility view or a renamed copy. */
  public static QualifiedName sibling(QualifiedName table, String newName) {
    return new QualifiedName(table.schema(), newName);
  }

  /** Comma-separated names, each quoted as needed. */
  public static String names(List<QualifiedName> names) {
    return names.stream().map(Sql::name).collect(Collectors.joining(", "));
  }

  /** The names as a message shows them: {@code `a`, `b`}. */
  public static String quoted(List<QualifiedName> names) {
    return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
  }

  /** The SQL keyword(s) for {@code kind} in DROP/ALTER statements, e.g. {@code MATERIALIZED VIEW}. */
  public static String keyword(ObjectKind kind) {
    return kind.name().replace('_', ' ');
  }

  /** The object kind as a message says it, e.g. {@code materialized view}. */
  public static String noun(ObjectKind kind) {
    return keyword(kind).toLowerCase(java.util.Locale.ROOT);
  }

  /** Length of {@code name} in UTF-8 bytes: what PostgreSQL's 63-byte identifier limit counts. */
  public static int utf8Bytes(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }

  /** What PostgreSQL keeps of {@code name}: at most 63 bytes, never splitting a multi-byte character. */
  public static String truncateToIdentifier(String name) {
    StringBuilder kept = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > MAX_IDENTIFIER_BYTES) {
        break;
      }
      kept.appendCodePoint(cp);
      bytes += len;
      i += Character.charCount(cp);
    }
    return kept.toString();
  }

  /**
   * A constraint name built like PostgreSQL's own ({@code table_column_suffix}), shortened so it stays within 63
   * bytes and is never silently truncated.
   */
  public static String constraintName(QualifiedName table, String column, String suffix) {
    String base = unquote(table.name()) + "_" + unquote(column);
    int room = MAX_IDENTIFIER_BYTES - suffix.length() - 1;
    return stripUnderscores(truncateTo(base, room)) + "_" + suffix;
  }

  /** {@code name_suffix}, shortened so the result stays within 63 bytes, e.g. {@code orders_retired}. */
  public static String suffixed(String name, String suffix) {
    return stripUnderscores(truncateTo(unquote(name), MAX_IDENTIFIER_BYTES - suffix.length() - 1))
        + "_"
        + suffix;
  }

  /**
   * The statement without its {@code CASCADE} options (each one ends the statement or an ALTER TABLE action),
   * i.e. the same statement with PostgreSQL's default {@code RESTRICT}.
   */
  public static String withoutCascade(String sql) {
    return CASCADE.matcher(sql).replaceAll("");
  }

  /** The name without surrounding double quotes, if it has them. */
  public static String unquote(String name) {
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      return name.substring(1, name.length() - 1).replace("\"\"", "\"");
    }
    return name;
  }

  // A cut that ends in "_" would give "name__suffix".
  private static String stripUnderscores(String text) {
    return text.replaceAll("_+$", "");
  }

  private static String truncateTo(String text, int maxBytes) {
    String t = text;
    while (utf8Bytes(t) > maxBytes) {
      t = t.substring(0, t.offsetByCodePoints(t.length(), -1));
    }
    return t;
  }
}
