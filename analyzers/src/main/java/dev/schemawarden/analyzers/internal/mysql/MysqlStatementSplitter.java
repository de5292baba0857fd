package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.api.SqlStatement.ScanError;
import dev.schemawarden.analyzers.internal.sql.ScriptScan;
import dev.schemawarden.analyzers.internal.sql.ScriptSplit;
import java.util.Locale;
import java.util.Optional;

/**
 * Splits MySQL/MariaDB script text into statements the way the {@code mysql} client and Flyway do, keeping exact
 * positions. A {@code DELIMITER xx} line at the start of a statement changes the terminator (mysqldump's
 * {@code ;;}, the usual {@code $$} or {@code //}) and is not itself a statement, as neither tool sends it to the
 * server. With the default {@code ;}, the body of a stored routine, trigger or event ({@code BEGIN .. END}, nested
 * blocks and {@code CASE .. END CASE} included) stays one statement. Executable comments ({@code /*! .. *}{@code /})
 * are code. Empty statements are skipped; nothing else is dropped: a string, identifier, comment or {@code BEGIN}
 * that is never closed runs to the end of the text and that statement carries a {@link ScanError}.
 *
 * <p>Stateless and thread-safe; linear in the input.
 */
public final class MysqlStatementSplitter {

  /**
   * One statement.
   *
   * @param sql the text from its first to its last significant character, without the delimiter
   * @param badDelimiter set for a {@code DELIMITER} line the client would refuse (no delimiter, a backslash): the
   *     line is kept as a statement so that it is reported, and the delimiter stays as it was
   */
  public record RawStatement(
      String sql,
      int line,
      int column,
      int endLine,
      int endColumn,
      Optional<ScanError> scanError,
      Optional<String> badDelimiter) {}

  public ScriptSplit<RawStatement> split(String text, int firstLine) {
    return new Scan(text, firstLine).run();
  }

  private static final class Scan extends ScriptScan<RawStatement> {
    private String delimiter = ";";
    private int words;
    private boolean routine;
    private int blockDepth;
    private int firstBlockAt = -1;
    private String previousWord = "";

    /** Offset of an executable comment still open, or -1. */
    private int executableAt = -1;

    Scan(String text, int firstLine) {
      super(text, firstLine);
    }

    ScriptSplit<RawStatement> run() {
      int i = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (stmtStart < 0 && startsWord(i, "delimiter")) {
          i = delimiterLine(i);
        } else if (executableAt < 0 && blockDepth <= 0 && s.startsWith(delimiter, i)) {
          endStatement();
          i += delimiter.length();
        } else if (c == '#' || MysqlText.dashComment(s, i)) {
          int end = MysqlText.lineEnd(s, i);
          comment(i, s.substring(i + (c == '#' ? 1 : 2), end));
          i = end;
        } else if (executableAt >= 0 && c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
          executableAt = -1;
          i += 2;
          lastEnd = i;
        } else if (MysqlText.blockOpen(s, i)) {
          i = block(i);
        } else {
          if (stmtStart < 0) {
            stmtStart = i;
          }
          i = token(i, c);
          lastEnd = i;
        }
      }
      if (executableAt >= 0) {
        open(executableAt, "executable comment /*! is never closed: end it with */");
      }
      if (blockDepth > 0 && openAt < 0) {
        open(
            firstBlockAt,
            "BEGIN is never closed by END: close the block, or set a DELIMITER around the routine");
      }
      endStatement();
      return result();
    }

    private boolean startsWord(int i, String word) {
      return s.regionMatches(true, i, word, 0, word.length())
          && (i + word.length() == n || Character.isWhitespace(s.charAt(i + word.length())));
    }

    /** {@code DELIMITER xx}: the rest of the line up to whitespace is the new terminator. */
    private int delimiterLine(int i) {
      int end = MysqlText.lineEnd(s, i);
      String arg = s.substring(i + "delimiter".length(), end).strip();
      int space = firstSpace(arg);
      String d = space < 0 ? arg : arg.substring(0, space);
      if (d.isEmpty()
          || d.contains("\\")
          || d.contains("'")
          || d.contains("\"")
          || d.contains("`")) {
        int last = end;
        while (last > i && Character.isWhitespace(s.charAt(last - 1))) {
          last--;
        }
        statements.add(
            raw(
                s.substring(i, last),
                i,
                last,
                Optional.empty(),
                Optional.of(
                    d.isEmpty()
                        ? "DELIMITER needs the new delimiter on the same line, e.g. DELIMITER $$"
                        : "DELIMITER '"
                            + d
                            + "' cannot contain a backslash or a quote: use e.g. DELIMITER $$")));
      } else {
        delimiter = d;
      }
      return end;
    }

    private static int firstSpace(String text) {
      for (int k = 0; k < text.length(); k++) {
        if (Character.isWhitespace(text.charAt(k))) {
          return k;
        }
      }
      return -1;
    }

    private int block(int i) {
      int code = MysqlText.executableStart(s, i);
      if (code >= 0) {
        if (stmtStart < 0) {
          stmtStart = i;
        }
        executableAt = i;
        lastEnd = code;
        return code;
      }
      int end = MysqlText.blockEnd(s, i);
      if (end < 0) {
        if (stmtStart < 0) {
          stmtStart = i;
        }
        open(i, "block comment /* is never closed: end it with */");
        lastEnd = n;
        return n;
      }
      comment(i, s.substring(i + 2, end - 2));
      return end;
    }

    private int token(int i, char c) {
      if (c == '\'' || c == '"' || c == '`') {
        int end = MysqlText.quoteEnd(s, i);
        if (end < 0) {
          open(
              i,
              (c == '`' ? "identifier " : "string ") + c + " is never closed: close it with " + c);
          return n;
        }
        return end;
      }
      if (MysqlText.wordChar(c)) {
        int j = i + 1;
        // A delimiter may follow a word directly (END$$) and may even be made of word characters.
        while (j < n && MysqlText.wordChar(s.charAt(j)) && !s.startsWith(delimiter, j)) {
          j++;
        }
        word(i, s.substring(i, j).toLowerCase(Locale.ROOT), j);
        return j;
      }
      return i + 1;
    }

    /** Follows the words that decide whether {@code ;} ends the statement: routine headers and their blocks. */
    private void word(int at, String w, int after) {
      words++;
      if (words == 1) {
        routine = w.equals("begin") && nextWordIs(after, "not");
      } else if (!routine
          && words <= 16
          && firstWordCreate
          && (w.equals("procedure")
              || w.equals("function")
              || w.equals("trigger")
              || w.equals("event"))) {
        routine = true;
      }
      if (words == 1) {
        firstWordCreate = w.equals("create");
      }
      // A DELIMITER other than ';' already says where the routine ends; blocks matter only with
      // ';'.
      if (routine && delimiter.equals(";")) {
        if (w.equals("begin") || (w.equals("case") && !previousWord.equals("end"))) {
          if (blockDepth == 0) {
            firstBlockAt = at;
          }
          blockDepth++;
        } else if (w.equals("end")
            && blockDepth > 0
            && !nextWordIn(after, "if", "loop", "while", "repeat", "for")) {
          blockDepth--;
        }
      }
      previousWord = w;
    }

    private boolean firstWordCreate;

    private boolean nextWordIs(int from, String word) {
      return nextWordIn(from, word);
    }

    private boolean nextWordIn(int from, String... choices) {
      int j = from;
      while (j < n && Character.isWhitespace(s.charAt(j))) {
        j++;
      }
      for (String w : choices) {
        if (s.regionMatches(true, j, w, 0, w.length())
            && (j + w.length() == n || !MysqlText.wordChar(s.charAt(j + w.length())))) {
          return true;
        }
      }
      return false;
    }

    private void open(int at, String message) {
      if (openAt < 0) {
        openAt = at;
        openMessage = message;
      }
    }

    private void endStatement() {
      if (stmtStart >= 0) {
        int end = Math.max(lastEnd, stmtStart + 1);
        Optional<ScanError> error =
            openAt < 0
                ? Optional.empty()
                : Optional.of(new ScanError(lines.line(openAt), lines.column(openAt), openMessage));
        statements.add(raw(s.substring(stmtStart, end), stmtStart, end, error, Optional.empty()));
      }
      stmtStart = -1;
      lastEnd = -1;
      words = 0;
      routine = false;
      firstWordCreate = false;
      blockDepth = 0;
      firstBlockAt = -1;
      previousWord = "";
      openAt = -1;
    }

    private RawStatement raw(
        String sql, int from, int to, Optional<ScanError> error, Optional<String> bad) {
      return new RawStatement(
          sql,
          lines.line(from),
          lines.column(from),
          lines.line(to - 1),
          lines.column(to - 1),
          error,
          bad);
    }
  }
}
