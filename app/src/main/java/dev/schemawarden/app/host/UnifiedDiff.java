package dev.schemawarden.app.host;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the hunks of a unified diff, as GitHub's {@code patch} and GitLab's {@code diff} fields carry them. */
public final class UnifiedDiff {
  private static final Pattern HUNK =
      Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@", Pattern.MULTILINE);

  private UnifiedDiff() {}

  /**
   * The new-side lines each hunk shows, where a host accepts a line comment; an added file whose diff the host left
   * out (too large) is all commentable, any other file without a diff not at all.
   */
  public static List<PrFile.LineRange> commentableLines(PrFile.Status status, String diff) {
    if (diff == null || diff.isEmpty()) {
      return status == PrFile.Status.ADDED
          ? List.of(new PrFile.LineRange(1, Integer.MAX_VALUE))
          : List.of();
    }
    List<PrFile.LineRange> ranges = new ArrayList<>();
    Matcher m = HUNK.matcher(diff);
    while (m.find()) {
      int start = Integer.parseInt(m.group(1));
      int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      if (count > 0) {
        ranges.add(new PrFile.LineRange(start, start + count - 1));
      }
    }
    return ranges;
  }
}
