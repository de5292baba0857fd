package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.internal.sql.QuotedRun;
import dev.schemawarden.analyzers.internal.sql.Token;
import dev.schemawarden.analyzers.internal.sql.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tokenizes one PostgreSQL statement for the classifier: comments are skipped, unquoted words fold to lower case,
 * quoted identifiers and string constants are unescaped. Tolerant: malformed input never throws, an unterminated
 * literal simply runs to the end.
 */
public final class PostgresLexer {
  private PostgresLexer() {}

  /** How deep dollar-quoted bodies nested in bodies are scanned as code; deeper ones are kept as they are. */
  private static final int MAX_BODY_DEPTH = 8;

  /**
   * {@code sql} with each comment replaced by a space and whitespace collapsed, while string constants (plain and
   * {@code E''}) and quoted identifiers are kept verbatim. A dollar-quoted body is scanned as code in turn (a
   * function or {@code DO} body is PL/pgSQL or SQL, with its own comments and strings). Text checks then see dynamic
   * SQL inside a {@code DO} body, and a {@code --} or {@code /*} inside a literal never hides what follows it.
   */
  public static String withoutComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    withoutComments(sql, 0, sql.length(), 0, out);
    return out.toString().strip();
  }

  private static void withoutComments(String sql, int from, int to, int depth, StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = sql.charAt(i);
      char next = i + 1 < to ? sql.charAt(i + 1) : 0;
      String tag = c == '$' ? dollarTag(sql, i).orElse("") : "";
      int end;
      if (Character.isWhitespace(c) || (c == '-' && next == '-') || (c == '/' && next == '*')) {
        end =
            Character.isWhitespace(c)
                ? i + 1
                : c == '-' ? sql.indexOf('\n', i) : blockCommentClose(sql, i);
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
        i = end < 0 || end > to ? to : end;
        continue;
      } else if (!tag.isEmpty() && i + tag.length() <= to) {
        int close = sql.indexOf(tag, i + tag.length());
        int bodyEnd = close < 0 || close > to ? to : close;
        out.append(tag);
        if (depth < MAX_BODY_DEPTH) {
          withoutComments(sql, i + tag.length(), bodyEnd, depth + 1, out);
        } else {
          out.append(sql, i + tag.length(), bodyEnd);
        }
        if (bodyEnd < to) {
          out.append(tag);
        }
        i = bodyEnd < to ? bodyEnd + tag.length() : to;
        continue;
      } else if (c == '\'' || c == '"') {
        end = quotedEnd(sql, i + 1, c, false);
      } else if ((c == 'e' || c == 'E') && next == '\'') {
        end = quotedEnd(sql, i + 2, '\'', true);
      } else if (PostgresStatementSplitter.isIdentStart(c)) {
        end = i + 1;
        while (end < to && PostgresStatementSplitter.isIdentPart(sql.charAt(end))) {
          end++;
        }
      } else {
        end = i + 1;
      }
      end = Math.min(end, to);
      out.append(sql, i, end);
      i = end;
    }
  }

  public static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      char next = i + 1 < n ? s.charAt(i + 1) : 0;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && next == '-') {
        int eol = s.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (c == '/' && next == '*') {
        int close = blockCommentClose(s, i);
        i = close < 0 ? n : close;
      } else if (c == '\'') {
        i = string(s, i, i + 1, false, out);
      } else if ((c == 'e' || c == 'E') && next == '\'') {
        i = string(s, i, i + 2, true, out);
      } else if (c == '"') {
        int end = quotedEnd(s, i + 1, '"', false);
        String body = s.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"");
        out.add(new Token(Type.QUOTED_IDENT, body, i, end));
        i = end;
      } else if (c == '$') {
        i = dollar(s, i, out);
      } else if (PostgresStatementSplitter.isIdentStart(c)) {
        int end = i + 1;
        while (end < n && PostgresStatementSplitter.isIdentPart(s.charAt(end))) {
          end++;
        }
        out.add(new Token(Type.WORD, s.substring(i, end).toLowerCase(Locale.ROOT), i, end));
        i = end;
      } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next))) {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.')) {
          end++;
        }
        out.add(new Token(Type.NUMBER, s.substring(i, end), i, end));
        i = end;
      } else if (c == ':' && next == ':') {
        out.add(new Token(Type.OP, "::", i, i + 2));
        i += 2;
      } else if ("(),;.[]".indexOf(c) >= 0) {
        out.add(new Token(Type.OP, String.valueOf(c), i, i + 1));
        i++;
      } else {
        int end = i + 1;
        while (end < n
            && "+-*/<>=~!@#%^&|`?".indexOf(s.charAt(end)) >= 0
            && "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0) {
          end++;
        }
        out.add(new Token(Type.OP, s.substring(i, end), i, end));
        i = end;
      }
    }
    return out;
  }

  private static int string(String s, int start, int body, boolean escapes, List<Token> out) {
    int end = quotedEnd(s, body, '\'', escapes);
    String raw = s.substring(body, Math.max(body, end - 1));
    String value = raw.replace("''", "'");
    if (escapes) {
      value = unescape(value);
    }
    out.add(new Token(Type.STRING, value, start, end));
    return end;
  }

  private static String unescape(String v) {
    if (v.indexOf('\\') < 0) {
      return v;
    }
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char e = v.charAt(++i);
        sb.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'b' -> '\b';
              case 'f' -> '\f';
              default -> e;
            });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The index just past the quote closing the string or identifier whose body starts at {@code i}. */
  static int quotedEnd(String s, int i, char quote, boolean backslashEscapes) {
    int close = QuotedRun.close(s, i, quote, backslashEscapes);
    return close < 0 ? s.length() : close;
  }

  /** The index just past the {@code *}{@code /} closing the (nesting) block comment at {@code i}, or -1. */
  static int blockCommentClose(String s, int i) {
    int depth = 0;
    int n = s.length();
    int j = i;
    while (j < n) {
      if (s.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (s.startsWith("*/", j)) {
        j += 2;
        if (--depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return -1;
  }

  /** The opening tag ({@code $$}, {@code $fn$}) of the dollar quote at {@code i}; empty when it is none. */
  static java.util.Optional<String> dollarTag(String s, int i) {
    int n = s.length();
    int j = i + 1;
    if (j < n && PostgresStatementSplitter.isIdentStart(s.charAt(j))) {
      j++;
      while (j < n && PostgresStatementSplitter.isIdentPart(s.charAt(j)) && s.charAt(j) != '$') {
        j++;
      }
    }
    return j < n && s.charAt(j) == '$'
        ? java.util.Optional.of(s.substring(i, j + 1))
        : java.util.Optional.empty();
  }

  private static int dollar(String s, int i, List<Token> out) {
    int n = s.length();
    java.util.Optional<String> tag = dollarTag(s, i);
    if (tag.isPresent()) {
      int bodyStart = i + tag.get().length();
      int close = s.indexOf(tag.get(), bodyStart);
      int end = close < 0 ? n : close + tag.get().length();
      out.add(new Token(Type.STRING, s.substring(bodyStart, close < 0 ? n : close), i, end));
      return end;
    }
    int k = i + 1;
    while (k < n && Character.isDigit(s.charAt(k))) {
      k++;
    }
    out.add(new Token(k > i + 1 ? Type.PARAM : Type.OP, s.substring(i, k), i, k));
    return k;
  }
}
