package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.review.PrPeople;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewRequest;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.watch.PlannedMigration;
import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.TeamDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The full review of a proposal: the repository copied to a temporary head with the proposal's files written into
 * it (new files created, the Liquibase master replaced by its planned text, so that the new changeset is part of the
 * history the review renders), reviewed by the same {@link ReviewService} as every change against the repository as
 * its base, with the agent's principal as author.
 */
final class ProposalReview {
  private static final int MAX_FILES = 20_000;
  private static final long MAX_COPY_BYTES = 256L << 20;

  private final ReviewService service;
  private final Path root;
  private final Optional<Path> snapshot;

  ProposalReview(ReviewService service, Path root, Optional<Path> snapshot) {
    this.service = service;
    this.root = root;
    this.snapshot = snapshot;
  }

  /** The review of the repository plus {@code files}, with {@code given} approvals bound to the SQL's hash. */
  ReviewReport review(ProposalFiles files, Agents.Agent agent, String sha, List<Approval> given) {
    Path head = null;
    try {
      head = FileTrees.createTemporary("warden-proposal-");
      copyRepository(head);
      for (PlannedMigration.File f : files.files()) {
        Path file = head.resolve(f.path());
        for (Path p = file.getParent();
            p != null && p.startsWith(head) && !p.equals(head);
            p = p.getParent()) {
          if (Files.isSymbolicLink(p)) {
            throw new WardenException(
                ErrorCode.INPUT,
                WardenTools.PROPOSE
                    + ": "
                    + f.path()
                    + " passes through"
                    + " the symbolic link "
                    + RepositoryFiles.relative(head, p)
                    + ": name a path in a real directory");
          }
        }
        Files.createDirectories(file.getParent());
        // A changed file replaces the copy's regular file (never a link: NOFOLLOW_LINKS fails on
        // one); a new file must not exist yet.
        boolean changed = files.changed().contains(f.path());
        if (changed && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          throw new WardenException(
              ErrorCode.INPUT,
              WardenTools.PROPOSE
                  + ": "
                  + f.path()
                  + ", which the proposal"
                  + " changes, is no longer a regular file of the repository: propose the migration again");
        }
        OpenOption create =
            changed ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.CREATE_NEW;
        Files.writeString(
            file,
            f.content(),
            StandardCharsets.UTF_8,
            create,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
      }
      PrPeople people =
          new PrPeople(
              0,
              Optional.of(agent.actsFor()),
              Set.of(agent.actsFor()),
              given,
              Set.of(),
              Optional.empty(),
              Optional.of(sha),
              TeamDirectory.empty(),
              List.of(),
              List.of(),
              PrPeople.DEFAULT_BOT);
      return service.review(
          new ReviewRequest(
              head,
              new ReviewRequest.Base.Directory(root),
              "HEAD",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              snapshot,
              people),
          Progress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      FileTrees.delete(head);
    }
  }

  /**
   * The repository's files, read through the repository reader (a link is copied as the same link, so the head
   * refuses what the base refuses), without {@code .git}.
   */
  private void copyRepository(Path head) throws IOException {
    List<String> files =
        RepositoryFiles.list(root, "", true, p -> !p.equals(".git") && !p.startsWith(".git/"));
    if (files.size() > MAX_FILES) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": the repository has "
              + files.size()
              + " files, over the "
              + MAX_FILES
              + " a proposal copies: review it with review_migration base instead");
    }
    long total = 0;
    for (String rel : files) {
      Path source = root.resolve(rel);
      Path target = head.resolve(rel);
      Files.createDirectories(target.getParent());
      if (Files.isSymbolicLink(source)) {
        Files.createSymbolicLink(target, Files.readSymbolicLink(source));
      } else if (RepositoryFiles.lookup(root, rel) instanceof RepositoryFiles.Found f) {
        total += f.size();
        if (total > MAX_COPY_BYTES) {
          throw new WardenException(
              ErrorCode.INPUT,
              WardenTools.PROPOSE
                  + ": the repository is over "
                  + ByteSize.format(MAX_COPY_BYTES)
                  + ": review it with review_migration base instead");
        }
        Files.write(
            target, RepositoryFiles.bytes(f, RepositoryFiles.DEFAULT_MAX_BYTES, ErrorCode.INPUT));
      }
    }
  }
}
