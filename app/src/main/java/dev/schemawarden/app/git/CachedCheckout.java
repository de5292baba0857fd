package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.FileTrees;
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
  private final String baseSha;
  private final List<ChangedFile> changedFiles;
  private final List<Omitted> omitted;

  CachedCheckout(
      Path root,
      Path base,
      Path head,
      String baseSha,
      List<ChangedFile> changedFiles,
      List<Omitted> omitted) {
    this.root = root;
    this.base = base;
    this.head = head;
    this.baseSha = baseSha;
    this.changedFiles = List.copyOf(changedFiles);
    this.omitted = List.copyOf(omitted);
  }

  /** The tree of {@link #baseSha()}: the merge base of the request's two commits. */
  public Path base() {
    return base;
  }

  /** The merge base of the request's base and head commits, whose tree {@link #base()} holds. */
  public String baseSha() {
    return baseSha;
  }

  /** Every file the change touches between {@link #baseSha()} and head, whether or not a tree holds it. */
  public List<ChangedFile> changedFiles() {
    return changedFiles;
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
    FileTrees.delete(root);
  }
}
