package dev.schemawarden.analyzers.internal.rules.types;

import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the type of named columns in a statement's own text, so a fix keeps everything else the author wrote
 * (defaults, constraints, comments). Gives up, returning empty, unless each column's declaration is found
 * exactly once: a fix that might edit the wrong place is worse than none.
 */
final class TypeRewrite {

  private TypeRewrite() {}

  /**
   * @param sql the statement text
   * @param columns the columns whose type to change
   * @param typePattern the old type as written, anchored at its first character (case-insensitive)
   * @param replacement the new type text for a match of {@code typePattern}
   */
  static Optional<String> rewrite(
      String sql,
      List<String> columns,
      String typePattern,
      Function<MatchResult, String> replacement) {
    String result = sql;
    for (String column : columns) {
      Pattern p = declaration(column, typePattern);
      Matcher m = p.matcher(result);
      if (!m.find()) {
        return Optional.empty();
      }
      int start = m.start("type");
      int end = m.end("type");
      Matcher tm =
          Pattern.compile(typePattern, Pattern.CASE_INSENSITIVE)
              .matcher(result.substring(start, end));
      if (!tm.matches()) {
        return Optional.empty();
      }
      String replaced = replacement.apply(tm.toMatchResult());
      if (m.find()) {
        return Optional.empty();
      }
      result = result.substring(0, start) + replaced + result.substring(end);
    }
    return Optional.of(result);
  }

  // The column name (bare, any case, or double-quoted), then whitespace and an optional
  // [SET DATA] TYPE, then the type itself, not followed by more identifier characters.
  private static Pattern declaration(String column, String typePattern) {
    String bare = Sql.unquote(column);
    String name =
        "(?:\"" + Pattern.quote(bare.replace("\"", "\"\"")) + "\"|" + Pattern.quote(bare) + ")";
    return Pattern.compile(
        "(?<![\\w$\"])"
            + name
            + "\\s+(?:SET\\s+DATA\\s+)?(?:TYPE\\s+)?(?<type>"
            + typePattern
            + ")(?![\\w$])",
        Pattern.CASE_INSENSITIVE);
  }
}
