package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.SqlStatement.ScanError;
import dev.schemawarden.analyzers.internal.sql.QuotedRun;
import dev.schemawarden.analyzers.internal.sql.ScriptScan;
import dev.schemawarden.analyzers.internal.sql.ScriptSplit;
import java.util.Optional;

/**
 * Splits PostgreSQL script text into statements the way psql does, keeping exact positions. Handles
 * {@code '..'} strings with {@code ''}, {@code E'..'} strings with backslash escapes, {@code $tag$} dollar quotes,
 * {@code "quoted;identifiers"}, {@code --} and nested block comments, parentheses, {@code BEGIN ATOMIC ... END}
 * bodies of SQL-standard functions, psql meta-commands (a line starting with a backslash) and
 * {@code COPY ... FROM STDIN} data up to the {@code \.} line. Empty statements are skipped; nothing else is dropped:
 * a string, quoted identifier, dollar quote or block comment that is never closed runs to the end of the text, as
 * psql would send it, and that last statement carries a {@link ScanError} saying where the construct starts.
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresStatementSplitter {

  /** What a piece of the script is. */
  public enum Kind {
    SQL,
    /** A psql meta-command line such as {@code \connect db}. */
    META
  }

  /**
   * One statement.
   *
   * @param sql the text from the first to the last significant character, without the terminating {@code ;}; for
   *     {@code COPY ... FROM STDIN} it runs to the end of the {@code \.} line and so includes the data
   * @param command the part to classify: equals {@code sql} except for COPY with inline data, where it is the COPY
   *     command alone
   * @param scanError the construct left open in this statement, if any (then the statement runs to the end)
   */
  public record RawStatement(
      Kind kind,
      String sql,
      String command,
      int line,
      int column,
      int endLine,
      int endColumn,
      Optional<ScanError> scanError) {}

  public ScriptSplit<RawStatement> split(String text, int firstLine) {
    return new Scan(text, firstLine).run();
  }

  /** The mutable state of one split. */
  private static final class Scan extends ScriptScan<RawStatement> {
    private int parenDepth;
    private int beginDepth;
    private int wordCount;
    private boolean routineHeader; // CREATE [OR REPLACE] FUNCTION|PROCEDURE: BEGIN ... END nests
    private boolean copyStatement;
    private boolean previousWordFrom;
    private boolean copyFromStdin;
    private final String[] leadingWords = new String[4];

    Scan(String text, int firstLine) {
      super(text, firstLine);
    }

    ScriptSplit<RawStatement> run() {
      int i = 0;
      boolean lineStart = true;
      while (i < n) {
        char c = s.charAt(i);
        if (c == '\n') {
          lineStart = true;
          i++;
          continue;
        }
        if (Character.isWhitespace(c)) {
          i++;
          continue;
        }
        if (c == '\\' && lineStart) {
          i = metaCommand(i);
          continue;
        }
        lineStart = false;
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if (c == '-' && next == '-') {
          i = lineComment(i);
          continue;
        }
        if (c == '/' && next == '*') {
          i = blockComment(i);
          continue;
        }
        if (c == ';' && parenDepth <= 0 && beginDepth <= 0) {
          i = endStatement(i);
          continue;
        }
        if (stmtStart < 0) {
          stmtStart = i;
        }
        i = token(i, c, next);
        lastEnd = i;
      }
      if (stmtStart >= 0) {
        emit(stmtStart, lastEnd, lastEnd);
      }
      return result();
    }

    /** Consumes one significant token starting at {@code i}; returns the offset after it. */
    private int token(int i, char c, char next) {
      switch (c) {
        case '\'':
          return quoted(i, i + 1, '\'', false);
        case '"':
          return quoted(i, i + 1, '"', false);
        case '$':
          return dollar(i);
        case '(':
          parenDepth++;
          return i + 1;
        case ')':
          parenDepth--;
          return i + 1;
        default:
          if (isIdentStart(c)) {
            int end = i + 1;
            while (end < n && isIdentPart(s.charAt(end))) {
              end++;
            }
            if (end == i + 1 && (c == 'e' || c == 'E') && next == '\'') {
              return quoted(i, i + 2, '\'', true);
            }
            word(s.substring(i, end).toLowerCase(java.util.Locale.ROOT));
            return end;
          }
          if (c >= '0' && c <= '9') {
            int end = i + 1;
            while (end < n && (isIdentPart(s.charAt(end)) || s.charAt(end) == '.')) {
              end++;
            }
            return end;
          }
          return i + 1;
      }
    }

    /** Tracks the words psql tracks: routine headers for BEGIN ATOMIC, and COPY ... FROM STDIN. */
    private void word(String w) {
      if (wordCount < leadingWords.length) {
        leadingWords[wordCount] = w;
        if (wordCount == 0) {
          copyStatement = w.equals("copy");
        }
        routineHeader =
            "create".equals(leadingWords[0])
                && (isRoutine(leadingWords[1])
                    || ("or".equals(leadingWords[1])
                        && "replace".equals(leadingWords[2])
                        && isRoutine(leadingWords[3])));
      }
      wordCount++;
      if (copyStatement) {
        if (previousWordFrom && (w.equals("stdin") || w.equals("pstdin"))) {
          copyFromStdin = true;
        }
        previousWordFrom = w.equals("from");
      }
      if (routineHeader && parenDepth == 0) {
        switch (w) {
          case "begin" -> beginDepth++;
          case "case" -> beginDepth += beginDepth > 0 ? 1 : 0;
          case "end" -> beginDepth -= beginDepth > 0 ? 1 : 0;
          default -> {}
        }
      }
    }

    private static boolean isRoutine(String w) {
      return "function".equals(w) || "procedure".equals(w);
    }

    private int endStatement(int semicolon) {
      int after = semicolon + 1;
      if (stmtStart >= 0) {
        int dataEnd = copyFromStdin ? copyDataEnd(semicolon) : after;
        if (dataEnd > after) {
          emit(stmtStart, dataEnd, lastEnd, s.substring(stmtStart, lastEnd));
          after = dataEnd;
        } else {
          emit(stmtStart, lastEnd, lastEnd);
        }
      }
      reset();
      return after;
    }

    /**
     * Offset just after the {@code \.} that ends the COPY data following the line of {@code semicolon}, or after
     * the last non-blank character when the data is not terminated; {@code semicolon + 1} when there is no data.
     */
    private int copyDataEnd(int semicolon) {
      int nl = s.indexOf('\n', semicolon);
      if (nl < 0) {
        return semicolon + 1;
      }
      int lineStart = nl + 1;
      while (lineStart < n) {
        int eol = s.indexOf('\n', lineStart);
        int lineEnd = eol < 0 ? n : eol;
        if (s.substring(lineStart, lineEnd).strip().equals("\\.")) {
          return s.indexOf("\\.", lineStart) + 2;
        }
        if (eol < 0) {
          break;
        }
        lineStart = eol + 1;
      }
      int end = n;
      while (end > semicolon + 1 && Character.isWhitespace(s.charAt(end - 1))) {
        end--;
      }
      return end;
    }

    private void reset() {
      stmtStart = -1;
      lastEnd = -1;
      parenDepth = 0;
      beginDepth = 0;
      wordCount = 0;
      routineHeader = false;
      copyStatement = false;
      previousWordFrom = false;
      copyFromStdin = false;
      java.util.Arrays.fill(leadingWords, null);
    }

    private void emit(int start, int end, int commandEnd) {
      emit(start, end, commandEnd, null);
    }

    private void emit(int start, int end, int commandEnd, String command) {
      String sql = s.substring(start, end);
      Optional<ScanError> open =
          openAt >= start && openAt < end
              ? Optional.of(new ScanError(lines.line(openAt), lines.column(openAt), openMessage))
              : Optional.empty();
      statements.add(
          new RawStatement(
              Kind.SQL,
              sql,
              command == null ? s.substring(start, commandEnd) : command,
              lines.line(start),
              lines.column(start),
              lines.line(end - 1),
              lines.column(end - 1),
              open));
    }

    private int metaCommand(int i) {
      if (stmtStart >= 0) {
        // psql runs the buffered statement when a meta-command such as \g follows it; never lose
        // it.
        emit(stmtStart, lastEnd, lastEnd);
        reset();
      }
      int eol = s.indexOf('\n', i);
      int end = eol < 0 ? n : eol;
      while (end > i && Character.isWhitespace(s.charAt(end - 1))) {
        end--;
      }
      String text = s.substring(i, end);
      statements.add(
          new RawStatement(
              Kind.META,
              text,
              text,
              lines.line(i),
              lines.column(i),
              lines.line(end - 1),
              lines.column(end - 1),
              Optional.empty()));
      return eol < 0 ? n : eol;
    }

    private int lineComment(int i) {
      int eol = s.indexOf('\n', i);
      int end = eol < 0 ? n : eol;
      comment(i, s.substring(i + 2, end).strip());
      return end;
    }

    private int blockComment(int i) {
      int close = PostgresLexer.blockCommentClose(s, i);
      if (close >= 0) {
        comment(i, s.substring(i + 2, close - 2).strip());
        return close;
      }
      comment(i, s.substring(i + 2).strip());
      // psql sends the open comment, and whatever it swallowed, with the statement; PostgreSQL
      // rejects it
      if (stmtStart < 0) {
        stmtStart = i;
      }
      lastEnd = n;
      return open(
          i,
          "unterminated /* comment starting here: close it with */ (comments nest: every /* inside"
              + " needs its own */)");
    }

    /** Skips the quoted string or identifier opened at {@code start} whose body starts at {@code body}. */
    private int quoted(int start, int body, char quote, boolean backslashEscapes) {
      int close = QuotedRun.close(s, body, quote, backslashEscapes);
      if (close >= 0) {
        return close;
      }
      return open(
          start,
          quote == '"'
              ? "unterminated quoted identifier starting here: close it with \""
              : backslashEscapes
                  ? "unterminated escape string E'...' starting here: close it with ' (a backslash escapes the next"
                      + " character, so \\' does not close it)"
                  : "unterminated string constant starting here: close it with ' (a quote inside is written '')");
    }

    /** A dollar-quoted string ({@code $$..$$}, {@code $fn$..$fn$}), a parameter ({@code $1}) or a lone dollar. */
    private int dollar(int i) {
      Optional<String> tag = PostgresLexer.dollarTag(s, i);
      if (tag.isPresent()) {
        int close = s.indexOf(tag.get(), i + tag.get().length());
        return close >= 0
            ? close + tag.get().length()
            : open(
                i,
                "unterminated dollar-quoted string "
                    + tag.get()
                    + " starting here: close it with "
                    + tag.get());
      }
      int k = i + 1;
      while (k < n && Character.isDigit(s.charAt(k))) {
        k++;
      }
      return k;
    }

    /** Records the construct opened at {@code at} that the text never closes; the scan ends there. */
    private int open(int at, String message) {
      openAt = at;
      openMessage = message;
      return n;
    }
  }

  static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
  }
}
