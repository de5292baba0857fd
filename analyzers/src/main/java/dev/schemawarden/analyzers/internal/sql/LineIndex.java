package dev.schemawarden.analyzers.internal.sql;

import java.util.Arrays;

/**
 * Maps character offsets of a text to 1-based line and column. Only {@code \n} ends a line, so {@code \r\n} files
 * get the same line numbers as editors show; columns count UTF-16 units, as Java strings and most editors do.
 */
public final class LineIndex {
  private final int[] lineStarts;
  private final int firstLine;

  public LineIndex(String text, int firstLine) {
    this.firstLine = firstLine;
    int[] starts = new int[16];
    int count = 1;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = i + 1;
    }
    this.lineStarts = Arrays.copyOf(starts, count);
  }

  private int lineIndex(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i : -i - 2;
  }

  /** 1-based line of {@code offset}, shifted by the first line. */
  public int line(int offset) {
    return firstLine + lineIndex(offset);
  }

  /** 1-based column of {@code offset}. */
  public int column(int offset) {
    return offset - lineStarts[lineIndex(offset)] + 1;
  }
}
