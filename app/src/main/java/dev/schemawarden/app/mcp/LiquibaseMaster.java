package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.watch.PlannedMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one existing file a proposal may change: the Liquibase master changelog the layout detector reports, to which
 * the planner appends an include of the new changelog ({@code watch.LiquibaseChangelog}). This is the second check,
 * on the text itself: the master is a regular file reached through real directories of the repository, and its new
 * text is its old text plus that one include (before the closing tag of an XML master, at the end of a YAML one).
 */
final class LiquibaseMaster {
  private static final Pattern XML_END =
      Pattern.compile("\\s*</(?:[A-Za-z0-9_]+:)?databaseChangeLog>\\s*");

  private LiquibaseMaster() {}

  /** The master changelog's path, as {@code MigrationSources} reports it; empty when there is none. */
  static Set<String> path(Path root, WardenConfig config) {
    return MigrationSources.forTool(MigrationTool.LIQUIBASE)
        .masterChangelog(root, config.migrations())
        .map(Set::of)
        .orElse(Set.of());
  }

  /**
   * Refuses unless {@code master} (found as {@code existing}) is a regular file reached without a link and its new
   * text adds exactly one include of {@code changelog} (a path next to or under the master's directory).
   */
  static void checkInclude(
      Path root, RepositoryFiles.Lookup existing, PlannedMigration.File master, String changelog) {
    String fix = ": include " + changelog + " by hand and give path";
    if (!(existing instanceof RepositoryFiles.Found found)
        || !found.real().equals(real(root).resolve(master.path()).normalize())) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": the Liquibase master changelog "
              + master.path()
              + " is not a regular file reached through real directories of the repository"
              + fix);
    }
    String dir = ProposalFiles.directory(master.path());
    if (!changelog.startsWith(dir) || !ProposalFiles.PATH.matcher(changelog).matches()) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": "
              + changelog
              + " is not under the"
              + " directory of the master changelog "
              + master.path()
              + fix);
    }
    String old =
        new String(
            RepositoryFiles.bytes(found, RepositoryFiles.DEFAULT_MAX_BYTES, ErrorCode.INPUT),
            StandardCharsets.UTF_8);
    if (!appendsOnlyInclude(
        master.path(), old, master.content(), changelog.substring(dir.length()))) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": the planned "
              + master.path()
              + " changes more than one include of "
              + changelog
              + fix);
    }
  }

  /** Whether {@code now} is {@code old} with one include of {@code relative} added where the format ends. */
  static boolean appendsOnlyInclude(String master, String old, String now, String relative) {
    int prefix = 0;
    int max = Math.min(old.length(), now.length());
    while (prefix < max && old.charAt(prefix) == now.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < old.length() - prefix
        && old.charAt(old.length() - 1 - suffix) == now.charAt(now.length() - 1 - suffix)) {
      suffix++;
    }
    if (prefix + suffix != old.length() || now.length() <= old.length()) {
      return false; // something of the old text was changed or dropped
    }
    String added = now.substring(prefix, now.length() - suffix);
    String rest = old.substring(prefix);
    String file = Pattern.quote(relative);
    if (master.endsWith(".xml")) {
      return XML_END.matcher(rest).matches()
          && added.matches(
              "\\s*<include file=\"" + file + "\" relativeToChangelogFile=\"true\"/>\\s*");
    }
    if (master.endsWith(".yaml") || master.endsWith(".yml")) {
      return rest.isEmpty()
          && added.matches(
              "\\s*- include:\\n[ \\t]+file: "
                  + file
                  + "\\n[ \\t]+relativeToChangelogFile: true\\n");
    }
    return false;
  }

  private static Path real(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
