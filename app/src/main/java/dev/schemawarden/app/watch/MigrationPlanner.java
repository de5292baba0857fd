package dev.schemawarden.app.watch;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a diagnose fix as the next migration of the repository's own tool, in that tool's naming: the next Flyway
 * version (with {@code executeInTransaction=false} in its {@code .sql.conf} when a statement must run outside a
 * transaction), a golang-migrate up/down pair, a dbmate file, a Liquibase changelog included from the master, the
 * next plain SQL file. The layout comes from {@link MigrationSources#detect}, the one layout detector.
 *
 * <p>File names are built from the check id and the object's name reduced to {@code [a-z0-9_]}, so a hostile
 * object name never reaches a path; in the SQL, names stay the quoted identifiers diagnose wrote.
 */
public final class MigrationPlanner {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final Pattern CHECK = Pattern.compile("[A-Z]{2,4}[0-9]{3}");
  private static final Pattern LEADING_DIGITS = Pattern.compile("^([0-9]+)_");
  private static final String SET_LOCK_TIMEOUT = "SET lock_timeout";

  /** How dbmate finds its sections (DbmateSource reads them the same way). */
  private static final Pattern DBMATE_MARKER = Pattern.compile("(?m)^\\s*--\\s*migrate:");

  /** watch's down file when a later pair of the same proposal holds the rollback (or none was found). */
  private static final String NEXT_HAS_ROLLBACK =
      "-- nothing to undo here: the next migration of this proposal is the one with a rollback\n";

  private static final String NO_ROLLBACK_GIVEN =
      "-- no rollback was given with this migration: write one here before it is needed\n";

  private MigrationPlanner() {}

  /**
   * The migration files for {@code problem}'s fix, or empty when it has none to commit (an operation run by hand).
   *
   * @param taken versions earlier proposals already took (not yet merged): never reused
   * @throws WardenException with {@link ErrorCode#CONFIG} when the layout cannot carry the fix safely (a name with a
   *     line break in a line-based format); the message says to write it by hand
   */
  public static Optional<PlannedMigration> plan(
      Path repo,
      MigrationSettings settings,
      SqlParser parser,
      Problem problem,
      Instant now,
      Set<String> taken) {
    return plan(repo, settings, parser, problem, now, taken, List.of());
  }

  /**
   * As above, taking the versions of {@code reuse} first, in order, where the history has not taken them since: an
   * open proposal rewritten keeps its file names.
   */
  public static Optional<PlannedMigration> plan(
      Path repo,
      MigrationSettings settings,
      SqlParser parser,
      Problem problem,
      Instant now,
      Set<String> taken,
      List<String> reuse) {
    Optional<ProposedFix> fix = problem.fix().filter(f -> f.kind() == ProposedFix.Kind.MIGRATION);
    if (fix.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        plan(
            repo,
            settings,
            parser,
            slug(problem),
            header(problem),
            fix.get(),
            now,
            taken,
            reuse,
            NEXT_HAS_ROLLBACK,
            false));
  }

  /**
   * An agent's migration ({@code warden mcp}'s {@code propose_migration}) as the repository's next migration, in
   * its tool's naming: {@code sql} as written (statements may span lines; comments kept where the file is the SQL
   * itself: Flyway, golang-migrate in one pair, plain), {@code rollback} in the down file or section when the tool
   * has one, else a down file that says none was given. Whether it runs outside a transaction (Flyway's
   * {@code .sql.conf}, golang-migrate's and dbmate's one statement per file, Liquibase's
   * {@code runInTransaction:false}) follows from its statements.
   *
   * @param slug the file name's part after the version: only {@code [a-z0-9_]}, 1 to 60 characters
   * @param header comment lines ending in a newline, put before the SQL; the caller writes nothing from its input
   * @param outsideTransaction the engine's table of statements that cannot run in a transaction
   *     ({@code DatabaseEngine.mustRunOutsideTransaction} at the configured server version)
   * @throws WardenException with {@link ErrorCode#INPUT} for a bad slug, or a line of {@code sql} that the tool's
   *     file format would read as its own marker ({@code -- migrate:down}, {@code -- changeset})
   */
  public static PlannedMigration plan(
      Path repo,
      MigrationSettings settings,
      SqlParser parser,
      String slug,
      String header,
      String sql,
      Optional<String> rollback,
      Instant now,
      Predicate<SqlStatement> outsideTransaction) {
    if (!slug.matches("[a-z0-9_]{1,60}")) {
      throw new WardenException(
          ErrorCode.INPUT, "migration name '" + slug + "' must be 1 to 60 of [a-z0-9_]");
    }
    boolean outside =
        parser.parse("fix.sql", sql).statements().stream().anyMatch(outsideTransaction);
    ProposedFix fix =
        new ProposedFix(
            "agent migration",
            ProposedFix.Kind.MIGRATION,
            sql,
            rollback,
            outside,
            Optional.empty());
    return plan(
        repo,
        settings,
        parser,
        slug,
        header,
        fix,
        now,
        Set.of(),
        List.of(),
        NO_ROLLBACK_GIVEN,
        true);
  }

  private static PlannedMigration plan(
      Path repo,
      MigrationSettings settings,
      SqlParser parser,
      String slug,
      String header,
      ProposedFix f,
      Instant now,
      Set<String> taken,
      List<String> reuse,
      String noDown,
      boolean multiline) {
    MigrationSource source = MigrationSources.detect(repo, settings);
    List<Migration> existing = source.load(repo, settings, parser);
    Versions versions = new Versions(existing, now, taken, reuse);
    List<String> up = statements(parser, f.sql());
    List<String> down = statements(parser, f.rollback().orElse(""));
    String dir = directory(existing, settings);
    MigrationTool tool = source.tool();
    return switch (tool) {
      case FLYWAY -> flyway(dir, versions, slug, header, f, body(f, up, multiline));
      case GOLANG_MIGRATE ->
          golangMigrate(dir, versions, slug, header, f, up, down, noDown, multiline);
      case DBMATE -> dbmate(dir, versions, slug, header, f, up, down, multiline);
      case LIQUIBASE ->
          LiquibaseChangelog.plan(
              repo, settings, versions.timestamp(), slug, header, f, up, down, multiline);
      default -> plain(tool, dir, versions, slug, header, body(f, up, multiline));
    };
  }

  /**
   * The file's SQL: an agent's text as written, comments included, where the file is nothing but SQL; a diagnose
   * fix's statements one per line.
   */
  private static String body(ProposedFix f, List<String> up, boolean asWritten) {
    return asWritten ? f.sql().strip() + "\n" : join(up);
  }

  private static PlannedMigration flyway(
      String dir, Versions versions, String slug, String header, ProposedFix f, String body) {
    String v = versions.next();
    String name = dir + "V" + v + "__" + slug + ".sql";
    List<PlannedMigration.File> files = new ArrayList<>();
    files.add(new PlannedMigration.File(name, header + body));
    if (f.outsideTransaction()) {
      // Flyway refuses a script mixing SET with CONCURRENTLY unless the script says it runs without
      // a transaction.
      files.add(new PlannedMigration.File(name + ".conf", "executeInTransaction=false\n"));
    }
    return new PlannedMigration(MigrationTool.FLYWAY.configName(), List.of(v), files);
  }

  /**
   * golang-migrate sends a file as one query, which PostgreSQL runs as one implicit transaction: a CONCURRENTLY
   * statement must be alone in its file, so each statement gets its own pair and the SET is left out (CONCURRENTLY
   * takes SHARE UPDATE EXCLUSIVE, which queues nobody's reads or writes).
   */
  private static PlannedMigration golangMigrate(
      String dir,
      Versions versions,
      String slug,
      String header,
      ProposedFix f,
      List<String> up,
      List<String> down,
      String noDown,
      boolean asWritten) {
    List<List<String>> ups = f.outsideTransaction() ? eachAlone(up) : List.of(up);
    // One pair holds the agent's text as written; split pairs hold one statement each, without the
    // SET.
    boolean whole = asWritten && !f.outsideTransaction();
    List<String> downs = f.outsideTransaction() ? withoutSet(down) : down;
    List<PlannedMigration.File> files = new ArrayList<>();
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < ups.size(); i++) {
      String v = versions.next();
      taken.add(v);
      String base = dir + v + "_" + slug + (ups.size() > 1 ? "_" + (i + 1) : "");
      files.add(
          new PlannedMigration.File(
              base + ".up.sql", header + (whole ? body(f, up, true) : join(ups.get(i)))));
      boolean last = i == ups.size() - 1;
      String downText =
          whole && f.rollback().isPresent() ? f.rollback().get().strip() + "\n" : join(downs);
      files.add(
          new PlannedMigration.File(
              base + ".down.sql",
              header + (last && !downs.isEmpty() ? downText : last ? noDown : NEXT_HAS_ROLLBACK)));
    }
    return new PlannedMigration(MigrationTool.GOLANG_MIGRATE.configName(), taken, files);
  }

  /** dbmate runs a {@code transaction:false} section as one query too: one CONCURRENTLY statement per file. */
  private static PlannedMigration dbmate(
      String dir,
      Versions versions,
      String slug,
      String header,
      ProposedFix f,
      List<String> up,
      List<String> down,
      boolean multiline) {
    if (multiline) {
      // An agent's statements span lines; dbmate only reads its section markers, so those alone are
      // refused.
      noLineLike(up, DBMATE_MARKER, "dbmate", "-- migrate:");
      noLineLike(down, DBMATE_MARKER, "dbmate", "-- migrate:");
    } else {
      lineSafe(up, "dbmate");
      lineSafe(down, "dbmate");
    }
    List<List<String>> ups = f.outsideTransaction() ? eachAlone(up) : List.of(up);
    List<String> downs = f.outsideTransaction() ? withoutSet(down) : down;
    String directive = f.outsideTransaction() ? " transaction:false" : "";
    List<PlannedMigration.File> files = new ArrayList<>();
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < ups.size(); i++) {
      String v = versions.timestamp();
      taken.add(v);
      boolean last = i == ups.size() - 1;
      String text =
          header
              + "-- migrate:up"
              + directive
              + "\n"
              + join(ups.get(i))
              + "\n-- migrate:down"
              + directive
              + "\n"
              + (last ? join(downs) : "");
      files.add(
          new PlannedMigration.File(
              dir + v + "_" + slug + (ups.size() > 1 ? "_" + (i + 1) : "") + ".sql", text));
    }
    return new PlannedMigration(MigrationTool.DBMATE.configName(), taken, files);
  }

  private static PlannedMigration plain(
      MigrationTool tool, String dir, Versions versions, String slug, String header, String body) {
    String v = versions.next();
    return new PlannedMigration(
        tool.configName(),
        List.of(v),
        List.of(new PlannedMigration.File(dir + v + "_" + slug + ".sql", header + body)));
  }

  /** {@code warden_dg101_public_orders_note_idx}: only {@code [a-z0-9_]}, at most 60 characters. */
  static String slug(Problem problem) {
    String raw = ("warden_" + problem.check() + "_" + problem.object()).toLowerCase(Locale.ROOT);
    String plain = raw.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return plain.length() <= 60 ? plain : plain.substring(0, 60).replaceAll("_+$", "");
  }

  /** A comment naming the check only: an object's name could end a comment or a line (docs/security.md). */
  private static String header(Problem problem) {
    String check =
        CHECK.matcher(problem.check()).matches()
            ? problem.check() + " (docs/rules/" + problem.check() + ".md)"
            : "a diagnose check";
    // The evidence it rests on, so a change of evidence is a new commit of the proposal. Measure
    // names are ours and values numbers: no name from production ever reaches a comment.
    StringBuilder evidence = new StringBuilder();
    for (Problem.Measure m : Evidence.stable(problem)) {
      if (m.name().matches("[a-z0-9_]+")) {
        evidence
            .append(evidence.length() == 0 ? "" : ", ")
            .append(m.name())
            .append(' ')
            .append(m.display());
      }
    }
    return "-- Proposed by warden watch for "
        + check
        + ". Review it like any migration.\n"
        + (evidence.length() == 0 ? "" : "-- Evidence: " + evidence + "\n");
  }

  static List<String> statements(SqlParser parser, String sql) {
    if (sql.isBlank()) {
      return List.of();
    }
    return parser.parse("fix.sql", sql).statements().stream()
        .map(SqlStatement::sql)
        .map(String::strip)
        .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s)
        .toList();
  }

  private static String join(List<String> statements) {
    StringBuilder b = new StringBuilder();
    statements.forEach(s -> b.append(s).append(";\n"));
    return b.toString();
  }

  private static List<String> withoutSet(List<String> statements) {
    return statements.stream().filter(s -> !s.startsWith(SET_LOCK_TIMEOUT)).toList();
  }

  private static List<List<String>> eachAlone(List<String> statements) {
    return withoutSet(statements).stream().map(List::of).toList();
  }

  /** A line of {@code statements} the tool would read as its own marker: refused, naming the marker. */
  private static void noLineLike(
      List<String> statements, Pattern marker, String tool, String shown) {
    if (statements.stream().anyMatch(s -> marker.matcher(s).find())) {
      throw new WardenException(
          ErrorCode.INPUT,
          "a line of the SQL starts with "
              + shown
              + ", which "
              + tool
              + " reads as a section marker: remove that line");
    }
  }

  /** Line-based formats cannot carry a statement with a line break (one in an object's name). */
  static void lineSafe(List<String> statements, String tool) {
    lineSafe(statements, tool, false);
  }

  /**
   * As above; an agent's statement may span lines, and one that does is refused too, as a line of it could read as
   * the format's own marker ({@code -- changeset}, {@code -- rollback}).
   */
  static void lineSafe(List<String> statements, String tool, boolean agent) {
    if (statements.stream().anyMatch(s -> s.contains("\n") || s.contains("\r"))) {
      throw new WardenException(
          agent ? ErrorCode.INPUT : ErrorCode.CONFIG,
          tool
              + " reads its files line by line"
              + (agent
                  ? " and a statement here spans lines: put each statement on one line (and no line break in a"
                      + " string)"
                  : " and an object name here holds a line break: write this migration by hand (the"
                      + " diagnose report has its SQL)"));
    }
  }

  /** The directory of the last migration (where the next one goes), with a trailing slash, or empty. */
  private static String directory(List<Migration> existing, MigrationSettings settings) {
    String last =
        existing.isEmpty()
            ? settings.locations().stream().findFirst().map(l -> l + "/x").orElse("x")
            : existing.get(existing.size() - 1).path();
    int slash = last.lastIndexOf('/');
    return slash < 0 ? "" : last.substring(0, slash + 1);
  }

  /** The versions of the history and the next free one, in the history's own scheme. */
  static final class Versions {
    private final Set<String> used = new HashSet<>();
    private final BigInteger max;
    private final int width;
    private final boolean timestamps;
    private Instant clock;

    private final java.util.ArrayDeque<String> reuse;

    Versions(List<Migration> existing, Instant now, Set<String> taken) {
      this(existing, now, taken, List.of());
    }

    Versions(List<Migration> existing, Instant now, Set<String> taken, List<String> reuse) {
      this.reuse = new java.util.ArrayDeque<>(reuse);
      used.addAll(taken);
      BigInteger m = BigInteger.ZERO;
      int w = 1;
      for (Migration mig : existing) {
        Optional<String> id = mig.id().or(() -> leadingDigits(mig.path()));
        if (id.isEmpty()) {
          continue;
        }
        String major = id.get().split("[._]")[0];
        if (!major.matches("[0-9]+")) {
          continue;
        }
        used.add(id.get());
        BigInteger v = new BigInteger(major);
        if (v.compareTo(m) >= 0) {
          m = v;
          // the file name keeps the zero padding a tool's parsed version drops (000042 -> 42)
          w =
              leadingDigits(mig.path())
                  .filter(d -> new BigInteger(d).equals(v))
                  .orElse(major)
                  .length();
        }
      }
      for (String t : taken) {
        if (t.matches("[0-9]+") && new BigInteger(t).compareTo(m) > 0) {
          m = new BigInteger(t);
        }
      }
      max = m;
      width = w;
      timestamps =
          m.toString().length() >= 12; // 20240101120000 and the like: the history names by time
      clock = now;
    }

    /** The next version to reuse, unless the history took it meanwhile (then the rest are not reused either). */
    private Optional<String> kept() {
      String v = reuse.poll();
      if (v == null || used.contains(v)) {
        reuse.clear();
        return Optional.empty();
      }
      used.add(v);
      return Optional.of(v);
    }

    /** The next version: a timestamp when the history uses them, else the next number, zero-padded alike. */
    String next() {
      Optional<String> kept = kept();
      if (kept.isPresent()) {
        return kept.get();
      }
      if (timestamps) {
        return timestamp();
      }
      BigInteger v = max;
      String text;
      do {
        v = v.add(BigInteger.ONE);
        text = String.format("%0" + width + "d", v);
      } while (used.contains(text));
      used.add(text);
      return text;
    }

    /** {@code yyyyMMddHHmmss} (UTC), after every version of the history and unused. */
    String timestamp() {
      Optional<String> kept = kept();
      if (kept.isPresent()) {
        return kept.get();
      }
      String text = STAMP.format(clock);
      clock = clock.plusSeconds(1);
      while (used.contains(text) || new BigInteger(text).compareTo(max) <= 0) {
        // a history dated after our clock: count on from its last version
        text = new BigInteger(text).max(max).add(BigInteger.ONE).toString();
      }
      used.add(text);
      return text;
    }

    private static Optional<String> leadingDigits(String path) {
      Matcher m = LEADING_DIGITS.matcher(path.substring(path.lastIndexOf('/') + 1));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
  }
}
