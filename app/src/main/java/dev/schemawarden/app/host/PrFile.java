package dev.schemawarden.app.host;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A file a pull request touches.
 *
 * @param previousPath for a rename, the path on the base side
 * @param commentable the head-side line ranges the diff shows; a host accepts line comments only there
 */
public record PrFile(
    String path, Status status, Optional<String> previousPath, List<LineRange> commentable) {

  public enum Status {
    ADDED,
    MODIFIED,
    RENAMED,
    REMOVED
  }

  /** Inclusive, 1-based. */
  public record LineRange(int start, int end) {
    public boolean contains(int first, int last) {
      return start <= first && last <= end;
    }
  }

  public PrFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(previousPath, "previousPath");
    commentable = List.copyOf(commentable);
  }

  /** True when a comment may span {@code first..last}: the whole span is inside one hunk. */
  public boolean canComment(int first, int last) {
    return commentable.stream().anyMatch(r -> r.contains(first, last));
  }
}
