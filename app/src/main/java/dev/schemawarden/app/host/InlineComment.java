package dev.schemawarden.app.host;

import java.util.Objects;

/**
 * A comment on lines {@code startLine..endLine} of {@code path} at the head commit. {@code marker} is a hidden,
 * stable token (the finding's fingerprint) by which the host recognises a comment it posted before, so a re-run
 * never posts it twice.
 */
public record InlineComment(String path, int startLine, int endLine, String body, String marker) {
  public InlineComment {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(marker, "marker");
    if (startLine < 1 || endLine < startLine) {
      throw new IllegalArgumentException("bad line range " + startLine + ".." + endLine);
    }
  }
}
