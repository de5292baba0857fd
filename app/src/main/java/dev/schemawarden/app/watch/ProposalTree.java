package dev.schemawarden.app.watch;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A scratch copy of the checkout with a proposal's files written in: the head side of the proposal's review. Links
 * are copied as links, never followed (the review refuses one that leaves the tree); {@code .git} is left out.
 */
final class ProposalTree implements AutoCloseable {
  private final Path root;

  private ProposalTree(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  static ProposalTree of(Path checkout, PlannedMigration planned) {
    Path source = checkout.toAbsolutePath().normalize();
    try {
      Path root = FileTrees.createTemporary("warden-watch-");
      Files.walkFileTree(
          source,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              if (dir.getFileName() != null
                  && dir.getFileName().toString().equals(".git")
                  && !dir.equals(source)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              Files.createDirectories(root.resolve(source.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.copy(
                  file,
                  root.resolve(source.relativize(file).toString()),
                  LinkOption.NOFOLLOW_LINKS,
                  StandardCopyOption.COPY_ATTRIBUTES);
              return FileVisitResult.CONTINUE;
            }
          });
      ProposalTree tree = new ProposalTree(root);
      for (PlannedMigration.File f : planned.files()) {
        Path target = root.resolve(f.path()).normalize();
        if (!target.startsWith(root)) {
          tree.close();
          throw new WardenException(
              ErrorCode.INPUT, f.path() + ": a proposal's file must stay in the repository");
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.content());
      }
      return tree;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + checkout + " to review a proposal", e);
    }
  }

  @Override
  public void close() {
    FileTrees.delete(root);
  }
}
