package dev.schemawarden.app.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The two trees of one review, written from the repository cache into a temporary directory that {@link #close()}
 * deletes: only the files a review reads (see docs/webhooks.md), links written as links.
 */
public final class CachedCheckout implements AutoCloseable {
  /** A path of a tree that was not written as it is, and why (too large: a same-size placeholder stands in). */
  public record Omitted(String side, String path, String reason) {
    public Omitted {
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final Path root;
  private final Path base;
  private final Path head;
  private final List<Omitted> omitted;

  CachedCheckout(Path root, Path base, Path head, List<Omitted> omitted) {
    this.root = root;
    this.base = base;
    this.head = head;
    this.omitted = List.copyOf(omitted);
  }

  /** The base commit's tree. */
  public Path base() {
    return base;
  }

  /** The head commit's tree. */
  public Path head() {
    return head;
  }

  public List<Omitted> omitted() {
    return omitted;
  }

  @Override
  public void close() {
    Workspace.deleteTree(root);
  }
}
