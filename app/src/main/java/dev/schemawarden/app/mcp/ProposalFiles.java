package dev.schemawarden.app.mcp;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.watch.MigrationPlanner;
import dev.schemawarden.app.watch.PlannedMigration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The files of one proposal: the agent's {@code path} as given, or, without one, the repository's next migration in
 * its own tool's naming, planned by {@link MigrationPlanner} (the one planner, shared with {@code warden watch}) from
 * the layout the review detects. The first file is the migration the proposal row names; the others are its
 * companions (a golang-migrate down file, the next pairs of a split one, the Liquibase master changelog), stored with
 * it. Every file is new but one: a Liquibase master changelog, whose new text is its old text with one include of
 * the new changelog appended.
 *
 * @param tool the migration tool's config name, or {@code as given} for an agent's own path
 * @param changed the paths of {@code files} that change an existing file (the Liquibase master), else empty
 */
record ProposalFiles(String tool, List<PlannedMigration.File> files, Set<String> changed) {
  /** A migration file path: plain segments, {@code .sql}, no {@code ..}, not hidden. */
  static final Pattern PATH =
      Pattern.compile(
          "(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}/){0,15}"
              + "[A-Za-z0-9_][A-Za-z0-9_.-]{0,150}\\.sql");

  /** A name longer than this is refused rather than cut: the agent meant something else by it. */
  static final int MAX_NAME_CHARS = 100;

  private static final int MAX_SLUG_CHARS = 40;
  private static final Set<String> FILLER =
      Set.of(
          "table",
          "column",
          "if",
          "not",
          "exists",
          "only",
          "or",
          "replace",
          "concurrently",
          "public",
          "on",
          "to",
          "as",
          "set",
          "data",
          "type",
          "default",
          "null",
          "cascade");

  ProposalFiles {
    files = List.copyOf(files);
    changed = Set.copyOf(changed);
    if (files.isEmpty() || changed.contains(files.get(0).path())) {
      throw new IllegalArgumentException("a proposal has a new file first");
    }
  }

  ProposalFiles(String tool, List<PlannedMigration.File> files) {
    this(tool, files, Set.of());
  }

  /** The files after the first, as stored with the proposal. */
  List<Proposals.Companion> companions() {
    return files.subList(1, files.size()).stream()
        .map(f -> new Proposals.Companion(f.path(), f.content(), changed.contains(f.path())))
        .toList();
  }

  /** The migration the proposal row names (the up file of a pair). */
  String path() {
    return files.get(0).path();
  }

  /** Its text: what is reviewed, hashed, committed and applied. */
  String sql() {
    return files.get(0).content();
  }

  /** The agent's own {@code path}, checked as before: plain segments, {@code .sql}, new. */
  static ProposalFiles given(java.nio.file.Path root, String path, String sql) {
    if (!PATH.matcher(path).matches()) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": path '"
              + path
              + "' is not a new .sql"
              + " file of the repository: use plain relative segments ending in .sql (db/migration/V9__x.sql)");
    }
    return checked(
        root, new ProposalFiles("as given", List.of(new PlannedMigration.File(path, sql))));
  }

  /**
   * The next migration of the repository's tool, named {@code name} (or after the first statement), with
   * {@code downSql} in its down file where the tool has one.
   */
  static ProposalFiles planned(
      java.nio.file.Path root,
      WardenConfig config,
      String sql,
      Optional<String> name,
      Optional<String> downSql,
      Agents.Agent agent,
      Instant now) {
    SqlParser parser = Engines.forName(config.engine()).parser();
    String slug = name.map(ProposalFiles::slug).orElseGet(() -> defaultSlug(parser, sql));
    // The agent's name is the operator's (agents file), yet only a plain one reaches a comment.
    String who =
        agent.name().matches("[A-Za-z0-9_.-]{1,64}") ? "agent " + agent.name() : "an agent";
    String header =
        "-- Proposed by " + who + " through warden mcp. Review it like any migration.\n";
    PlannedMigration plan;
    try {
      DatabaseEngine engine = Engines.forName(config.engine());
      plan =
          MigrationPlanner.plan(
              root,
              config.migrations(),
              parser,
              slug,
              header,
              sql,
              downSql,
              now,
              s -> engine.mustRunOutsideTransaction(s, config.engineVersion()));
    } catch (WardenException e) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": cannot name this migration the"
              + " repository's way ("
              + e.getMessage().lines().findFirst().orElse("")
              + "): give path");
    }
    Set<String> master =
        plan.tool().equals(MigrationTool.LIQUIBASE.configName())
            ? LiquibaseMaster.path(root, config)
            : Set.of();
    ProposalFiles out =
        checked(
            root,
            new ProposalFiles(
                plan.tool(),
                plan.files(),
                plan.files().stream()
                    .map(PlannedMigration.File::path)
                    .filter(master::contains)
                    .collect(Collectors.toSet())));
    String dir = directory(out.path());
    for (PlannedMigration.File f : out.files()) {
      // The planner builds names from the layout and [a-z0-9_]; this is the second check that none
      // leaves it. Flyway's per-script configuration (executeInTransaction=false) is the one
      // planned file not ending in .sql.
      String checkedPath = f.path().equals(out.path() + ".conf") ? out.path() : f.path();
      if (!out.changed().contains(f.path())
          && (!PATH.matcher(checkedPath).matches() || !directory(f.path()).equals(dir))) {
        throw new WardenException(
            ErrorCode.INPUT,
            WardenTools.PROPOSE
                + ": the planned file "
                + f.path()
                + " is not a new .sql file next to "
                + out.path()
                + ": give path");
      }
    }
    return out;
  }

  /**
   * {@code name} reduced to {@code [a-z0-9_]}: any other run of characters ({@code ../}, a slash, a line break,
   * {@code *}{@code /}) is one {@code _}; refused when too long or when nothing is left.
   */
  static String slug(String name) {
    if (name.length() > MAX_NAME_CHARS) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": name is "
              + name.length()
              + " characters, over "
              + MAX_NAME_CHARS
              + ": give a short slug such as add_order_note");
    }
    String s =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    s = s.length() <= MAX_SLUG_CHARS ? s : s.substring(0, MAX_SLUG_CHARS).replaceAll("_+$", "");
    if (s.isEmpty()) {
      throw new WardenException(
          ErrorCode.INPUT,
          WardenTools.PROPOSE
              + ": name has no letter or digit: give a short"
              + " slug such as add_order_note");
    }
    return s;
  }

  /** {@code alter_orders_add_note}: the first statement's words, less SQL filler, at most five. */
  static String defaultSlug(SqlParser parser, String sql) {
    String first =
        parser.parse("proposal.sql", sql).statements().stream()
            .map(SqlStatement::sql)
            .map(s -> s.replaceAll("(?s)/\\*.*?\\*/|--[^\\n]*", " "))
            .filter(s -> !s.isBlank())
            .findFirst()
            .orElse("");
    List<String> words = new ArrayList<>();
    for (String w : first.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+")) {
      if (!w.isEmpty() && !FILLER.contains(w) && words.size() < 5) {
        words.add(w);
      }
    }
    String s = String.join("_", words).replaceAll("_+", "_").replaceAll("^_+|_+$", "");
    s = s.length() <= MAX_SLUG_CHARS ? s : s.substring(0, MAX_SLUG_CHARS).replaceAll("_+$", "");
    return s.isEmpty() ? "agent_migration" : s;
  }

  /**
   * Every file is new and reached through real directories of the repository, but a changed one: the Liquibase
   * master, a regular file reached through real directories, to which only the include of the new changelog is added.
   */
  private static ProposalFiles checked(java.nio.file.Path root, ProposalFiles p) {
    for (PlannedMigration.File f : p.files()) {
      RepositoryFiles.Lookup existing = RepositoryFiles.lookup(root, f.path());
      if (existing instanceof RepositoryFiles.Refused r) {
        throw new WardenException(
            ErrorCode.INPUT, WardenTools.PROPOSE + ": " + f.path() + " " + r.reason());
      }
      if (p.changed().contains(f.path())) {
        LiquibaseMaster.checkInclude(root, existing, f, p.path());
        continue;
      }
      if (!(existing instanceof RepositoryFiles.Missing)) {
        throw new WardenException(
            ErrorCode.INPUT,
            WardenTools.PROPOSE
                + ": "
                + f.path()
                + " already exists: a"
                + " proposal adds new migration files and never changes an existing one"
                + (p.files().size() > 1
                    ? " (the " + p.tool() + " layout needs it changed: give path)"
                    : ""));
      }
    }
    return p;
  }

  static String directory(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash + 1);
  }
}
