package dev.schemawarden.app.watch;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.ProposedFix;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fix as a Liquibase formatted-SQL changelog of its own, {@code <master dir>/warden/<version>_<slug>.sql}, included
 * at the end of the master changelog (XML or YAML), so it runs after every changeset there.
 */
final class LiquibaseChangelog {
  private static final Pattern XML_END =
      Pattern.compile("</(?:[A-Za-z0-9_]+:)?databaseChangeLog>\\s*$");
  private static final Pattern YAML_ITEM =
      Pattern.compile("(?m)^([ \\t]*)-[ \\t]+(?:changeSet|include|includeAll)");

  private LiquibaseChangelog() {}

  static PlannedMigration plan(
      Path repo,
      MigrationSettings settings,
      String version,
      String slug,
      String header,
      ProposedFix fix,
      List<String> up,
      List<String> down,
      boolean agent) {
    MigrationPlanner.lineSafe(up, "Liquibase formatted SQL", agent);
    MigrationPlanner.lineSafe(down, "Liquibase formatted SQL", agent);
    String master =
        MigrationSources.forTool(MigrationTool.LIQUIBASE)
            .masterChangelog(repo, settings)
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        "no Liquibase master changelog to include the"
                            + " proposal from: set migrations.changelog in .schemawarden.yml"));
    int slash = master.lastIndexOf('/');
    String dir = slash < 0 ? "" : master.substring(0, slash + 1);
    String relative = "warden/" + version + "_" + slug + ".sql";
    StringBuilder changelog =
        new StringBuilder("-- liquibase formatted sql\n\n")
            .append(header)
            .append("-- changeset schema-warden:")
            .append(version)
            .append('_')
            .append(slug)
            .append(fix.outsideTransaction() ? " runInTransaction:false" : "")
            .append('\n');
    up.forEach(s -> changelog.append(s).append(";\n"));
    down.forEach(s -> changelog.append("-- rollback ").append(s).append(";\n"));
    String text = RepositoryFiles.read(repo, master, RepositoryFiles.DEFAULT_MAX_BYTES);
    return new PlannedMigration(
        MigrationTool.LIQUIBASE.configName(),
        List.of(version),
        List.of(
            new PlannedMigration.File(dir + relative, changelog.toString()),
            new PlannedMigration.File(master, include(master, text, relative))));
  }

  /** The master's text with an include of {@code relative} (to the master's directory) at its end. */
  static String include(String master, String text, String relative) {
    if (master.endsWith(".xml")) {
      Matcher end = XML_END.matcher(text);
      if (end.find()) {
        return text.substring(0, end.start())
            + "    <include file=\""
            + relative
            + "\" relativeToChangelogFile=\"true\"/>\n"
            + text.substring(end.start());
      }
    } else if (master.endsWith(".yaml") || master.endsWith(".yml")) {
      Matcher item = YAML_ITEM.matcher(text);
      String indent = item.find() ? item.group(1) : "  ";
      return (text.endsWith("\n") ? text : text + "\n")
          + indent
          + "- include:\n"
          + indent
          + "    file: "
          + relative
          + "\n"
          + indent
          + "    relativeToChangelogFile: true\n";
    }
    throw new WardenException(
        ErrorCode.CONFIG,
        master
            + ": can only append an include to an XML or YAML master"
            + " changelog; include "
            + relative
            + " by hand");
  }
}
