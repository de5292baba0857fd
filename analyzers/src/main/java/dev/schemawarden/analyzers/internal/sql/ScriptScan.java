package dev.schemawarden.analyzers.internal.sql;

import dev.schemawarden.analyzers.api.SqlComment;
import java.util.ArrayList;
import java.util.List;

/**
 * The state every dialect's splitter keeps while it walks one script: the text and its line index, the statements
 * and comments found so far, where the current statement starts and its last significant character ends, and the
 * construct left open (if any) with how to close it. What ends a statement is the dialect's: the subclass walks.
 *
 * @param <S> the dialect's statement type
 */
public abstract class ScriptScan<S> {
  protected final String s;
  protected final int n;
  protected final LineIndex lines;
  protected final List<S> statements = new ArrayList<>();
  protected final List<SqlComment> comments = new ArrayList<>();

  /** Offset of the current statement's first significant character, or -1 between statements. */
  protected int stmtStart = -1;

  /** Offset just past the current statement's last significant character, or -1. */
  protected int lastEnd = -1;

  /** Offset of the construct left open, or -1; what it is and how to close it. */
  protected int openAt = -1;

  protected String openMessage = "";

  protected ScriptScan(String text, int firstLine) {
    this.s = text;
    this.n = text.length();
    this.lines = new LineIndex(text, firstLine);
  }

  /** Records the comment at {@code at} whose text is {@code text}. */
  protected final void comment(int at, String text) {
    comments.add(new SqlComment(lines.line(at), lines.column(at), text));
  }

  /** What the walk found. */
  protected final ScriptSplit<S> result() {
    return new ScriptSplit<>(statements, comments);
  }
}
