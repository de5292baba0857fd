package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.policy.api.CodeOwners;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the repository's CODEOWNERS (the first of {@link CodeOwners#LOCATIONS} under the directory given) for
 * the policy stage and the MCP gateway's {@code explain_object}. Bad lines are logged and skipped, as GitHub skips them; they never stop a review.
 */
public final class CodeOwnersFile {
  private static final Logger LOG = LoggerFactory.getLogger(CodeOwnersFile.class);

  /** GitHub ignores a CODEOWNERS over 3 MB; so do we, with an error. */
  private static final long MAX_BYTES = 3L << 20;

  private CodeOwnersFile() {}

  /** The parsed CODEOWNERS under {@code root}, or {@link CodeOwners#empty()} when there is none. */
  public static CodeOwners read(Path root) {
    for (String location : CodeOwners.LOCATIONS) {
      // Inside the repository only: a CODEOWNERS linked outside it, a FIFO or a device is refused
      // (exit 2).
      Optional<String> text =
          new RepositoryFile(root, location).readIfExists(MAX_BYTES, ErrorCode.CONFIG);
      if (text.isPresent()) {
        CodeOwners co = CodeOwners.parse(location, text.get());
        co.problems().forEach(p -> LOG.warn("{} (line skipped)", p));
        return co;
      }
    }
    return CodeOwners.empty();
  }

  /** Each changed migration file's owners (empty list when no line matches it), keyed by its repository path. */
  static Map<String, List<String>> ownersOf(Path root, List<MigrationReport> migrations) {
    CodeOwners co = read(root);
    Map<String, List<String>> out = new TreeMap<>();
    for (MigrationReport m : migrations) {
      String path = m.migration().path();
      out.put(path, co.ownersOf(path));
      // Statements may sit in other files than the migration's own (a Liquibase changelog's
      // included SQL).
      m.statements()
          .forEach(
              s ->
                  out.putIfAbsent(
                      s.statement().span().path(), co.ownersOf(s.statement().span().path())));
    }
    return Map.copyOf(out);
  }
}
