package dev.schemawarden.app.host;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden marker a line comment carries for its finding, by which a re-run recognises the comments it posted
 * (on any host) and posts each finding once.
 */
public final class FindingMarker {
  private static final Pattern MARKER =
      Pattern.compile("<!-- schema-warden:finding ([0-9a-f]+) -->");

  private FindingMarker() {}

  /** The marker of the finding with {@code fingerprint}, appended to a comment's body. */
  public static String of(String fingerprint) {
    return "<!-- schema-warden:finding " + fingerprint + " -->";
  }

  /** Adds to {@code fingerprints} those whose markers {@code body} (maybe null, as hosts send it) carries. */
  public static void collect(String body, Set<String> fingerprints) {
    Matcher m = MARKER.matcher(body == null ? "" : body);
    while (m.find()) {
      fingerprints.add(m.group(1));
    }
  }
}
