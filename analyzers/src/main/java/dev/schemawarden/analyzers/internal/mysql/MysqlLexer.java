package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.internal.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tokens of one MySQL statement for the classifier: words lower case, {@code `quoted`} identifiers and
 * {@code '..'}/{@code ".."} strings unescaped, comments left out, the markers of executable comments left out and
 * their content kept (it is code), {@code @var} and {@code @@scope.var} as one word. Linear; never throws.
 */
public final class MysqlLexer {

  private MysqlLexer() {}

  public static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    boolean executable = false;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#' || MysqlText.dashComment(s, i)) {
        i = MysqlText.lineEnd(s, i);
      } else if (executable && c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
        executable = false;
        i += 2;
      } else if (MysqlText.blockOpen(s, i)) {
        int code = MysqlText.executableStart(s, i);
        if (code >= 0) {
          executable = true;
          i = code;
        } else {
          int end = MysqlText.blockEnd(s, i);
          i = end < 0 ? n : end;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = MysqlText.quoteEnd(s, i);
        int stop = end < 0 ? n : end;
        String inner = s.substring(i + 1, end < 0 ? n : end - 1);
        out.add(
            new Token(
                c == '`' ? Token.Type.QUOTED_IDENT : Token.Type.STRING,
                unquote(inner, c),
                i,
                stop));
        i = stop;
      } else if (c == '@' || MysqlText.wordChar(c)) {
        int j = i + 1;
        while (j < n
            && (MysqlText.wordChar(s.charAt(j))
                || s.charAt(j) == '@'
                || (c == '@' && s.charAt(j) == '.'))) {
          j++;
        }
        String text = s.substring(i, j);
        boolean number =
            Character.isDigit(c) && text.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.');
        out.add(
            new Token(
                number ? Token.Type.NUMBER : Token.Type.WORD,
                number ? text : text.toLowerCase(Locale.ROOT),
                i,
                j));
        i = j;
      } else {
        out.add(new Token(Token.Type.OP, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return out;
  }

  private static String unquote(String inner, char q) {
    StringBuilder sb = new StringBuilder(inner.length());
    for (int k = 0; k < inner.length(); k++) {
      char c = inner.charAt(k);
      if (q != '`' && c == '\\' && k + 1 < inner.length()) {
        char e = inner.charAt(++k);
        sb.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case '0' -> '\0';
              default -> e;
            });
      } else if (c == q && k + 1 < inner.length() && inner.charAt(k + 1) == q) {
        sb.append(q);
        k++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
