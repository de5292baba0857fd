package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlComment;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.DatabaseList;
import liquibase.database.OfflineConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.precondition.Precondition;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a master changelog with Liquibase and renders each changeset's SQL for PostgreSQL without a database: an
 * {@link OfflineConnection} gives Liquibase's {@code PostgresDatabase}, and {@link SqlGeneratorFactory} turns each
 * change into the SQL {@code liquibase update-sql} would print. Contexts, labels and {@code dbms} filter changesets
 * as {@code update} would; preconditions cannot be evaluated offline, so their changesets are kept and say so, and
 * carry a {@link LiquibasePrecheck} the replay evaluates on its database.
 *
 * <p>Nothing a changelog names is run: a {@code customChange} class is never loaded ({@link NamedClassChange}) and an
 * {@code executeCommand} never started; both become {@link Migration.NotTraced} parts of their changeset.
 *
 * <p>Raw SQL ({@code <sql>}, formatted SQL) is parsed from its own text so statements keep their exact lines; SQL
 * Liquibase generates (createTable, addColumn, ...) is placed on the line where its changeset starts.
 */
final class LiquibaseRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(LiquibaseRenderer.class);
  private static final String RESOURCES = "src/main/resources/";

  /** While rendering: customChange classes are never loaded, and no change runs anything (executeCommand). */
  private static final Map<String, Object> RENDERING =
      Map.of(NamedClassChange.RENDERING, Boolean.TRUE, Change.SHOULD_EXECUTE, Boolean.FALSE);

  /** The PostgreSQL major Liquibase renders for; only a few generators look at it. */
  private static final String OFFLINE_URL =
      "offline:postgresql?version=17.0&outputLiquibaseSql=none";

  private final Path root;
  private final String master;
  private final MigrationSettings settings;
  private final SqlParser parser;

  /** Liquibase resolves changelog paths against this directory; {@code prefix} maps them back to the repository. */
  private final String prefix;

  private final Map<String, String> texts = new HashMap<>();
  private final Map<String, ChangeSetLines> lines = new HashMap<>();
  private final Map<ChangeSet, Integer> occurrence = new java.util.IdentityHashMap<>();
  private RepositoryResourceAccessor accessor;

  LiquibaseRenderer(Path root, String master, MigrationSettings settings, SqlParser parser) {
    this.root = root;
    this.master = master;
    this.settings = settings;
    this.parser = parser;
    this.prefix = classpathRoot(master);
  }

  /**
   * Spring Boot projects name includes relative to the classpath root: {@code src/main/resources/} of the module
   * (a directory of a multi-module repository, such as {@code fineract-provider/src/main/resources/}).
   */
  static String classpathRoot(String master) {
    int at = master.startsWith(RESOURCES) ? 0 : master.indexOf("/" + RESOURCES);
    return at < 0
        ? ""
        : master.substring(0, at == 0 ? RESOURCES.length() : at + 1 + RESOURCES.length());
  }

  List<Migration> render() {
    accessor = new RepositoryResourceAccessor(root, prefix, settings.searchPaths());
    Map<String, Object> scope = new HashMap<>(RENDERING);
    scope.put(Scope.Attr.resourceAccessor.name(), accessor);
    List<Migration> out;
    try {
      out = new ArrayList<>(Scope.child(scope, () -> renderIn(accessor)));
    } catch (Exception e) {
      if (accessor.refusals().isEmpty()) {
        throw e instanceof WardenException w
            ? w
            : LiquibaseErrors.toWarden(master, prefix, accessor.changelogsRead(), e);
      }
      // A refused include reads as an empty changelog; when Liquibase still fails, the refusal is
      // the reason.
      RefusedFileException refused = accessor.refusals().get(0);
      refused.addSuppressed(e);
      throw refused;
    }
    for (RefusedFileException r : accessor.refusals()) {
      out.add(
          Migration.refused(
              r.path(),
              MigrationTool.LIQUIBASE,
              Migration.Kind.CHANGESET,
              Optional.empty(),
              "",
              r.finding()));
    }
    return List.copyOf(out);
  }

  private List<Migration> renderIn(RepositoryResourceAccessor accessor) throws Exception {
    Database db =
        DatabaseFactory.getInstance()
            .findCorrectDatabaseImplementation(new OfflineConnection(OFFLINE_URL, accessor));
    Contexts contexts = new Contexts(settings.contexts());
    LabelExpression labels = new LabelExpression(settings.labels().orElse(null));
    ChangeLogParameters params = new ChangeLogParameters(db);
    settings.placeholders().forEach(params::set);
    params.setContexts(contexts);
    params.setLabels(labels);
    String logical = master.substring(prefix.length());
    DatabaseChangeLog log =
        ChangeLogParserFactory.getInstance()
            .getParser(logical, accessor)
            .parse(logical, params, accessor);
    List<ChangeSetFilter> filters =
        List.of(
            new ContextChangeSetFilter(contexts),
            new LabelChangeSetFilter(labels),
            new DbmsChangeSetFilter(db));
    List<ChangeSet> accepted = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (ChangeSet cs : log.getChangeSets()) {
      // The n-th changeset with this id and author in its file starts at the n-th marker (one per
      // context).
      occurrence.put(
          cs,
          seen.merge(physicalPath(cs) + "::" + cs.getId() + "::" + cs.getAuthor(), 1, Integer::sum)
              - 1);
      if (filters.stream().anyMatch(f -> !f.accepts(cs).isAccepted())) {
        LOG.debug(
            "changeset {}::{} would not run with these contexts/labels/dbms",
            cs.getId(),
            cs.getAuthor());
        continue;
      }
      accepted.add(cs);
    }
    rejectDuplicates(accepted);
    List<Migration> out = new ArrayList<>();
    for (ChangeSet cs : accepted) {
      if (!cs.isIgnore()) {
        out.add(toMigration(cs, db));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Liquibase's validate refuses two changesets with the same id and author in one file among those the contexts,
   * labels and dbms let run (its {@code ValidatingVisitor} sees only those); so do we. Fineract defines one id twice,
   * once per {@code context="mysql"} and {@code context="postgresql"}: only one of them can ever run.
   */
  private void rejectDuplicates(List<ChangeSet> changeSets) {
    Map<String, ChangeSet> seen = new HashMap<>();
    for (ChangeSet cs : changeSets) {
      String path = physicalPath(cs);
      ChangeSet other =
          seen.putIfAbsent(cs.getFilePath() + "::" + cs.getId() + "::" + cs.getAuthor(), cs);
      if (other != null) {
        List<Integer> at = lineNumbers(path, cs);
        throw new WardenException(
            ErrorCode.INPUT,
            path
                + ":"
                + at.get(at.size() - 1)
                + ": changeset "
                + cs.getId()
                + "::"
                + cs.getAuthor()
                + " is defined twice in this file (lines "
                + at
                + ") and both run with these contexts and labels; give"
                + " one of them a new id or a disjoint context, as Liquibase's validate requires (migrations.contexts"
                + " and migrations.labels in .schemawarden.yml choose what runs)");
      }
    }
  }

  private List<Integer> lineNumbers(String path, ChangeSet cs) {
    return ChangeSetLines.scan(path, text(path)).all(cs.getId(), cs.getAuthor());
  }

  /**
   * The repository path of the file that defines {@code cs}. {@code getFilePath()} is the logical path, which a
   * changelog's {@code logicalFilePath} may set to a name that is no file; the physical path is where it is.
   */
  private String physicalPath(ChangeSet cs) {
    DatabaseChangeLog log = cs.getChangeLog();
    String physical = log == null ? null : log.getPhysicalFilePath();
    return repoPath(physical == null || physical.isBlank() ? cs.getFilePath() : physical);
  }

  private Migration toMigration(ChangeSet cs, Database db) {
    String path = physicalPath(cs);
    String text = text(path);
    List<Integer> all =
        lines
            .computeIfAbsent(path, p -> ChangeSetLines.scan(p, text))
            .all(cs.getId(), cs.getAuthor());
    int nth = occurrence.getOrDefault(cs, 0);
    int csLine = all.isEmpty() ? 1 : all.get(Math.min(nth, all.size() - 1));
    try {
      return render(cs, db, path, text, csLine);
    } catch (WardenException e) {
      throw e;
    } catch (RuntimeException e) {
      // Liquibase knows the changeset, not where it is: name its file and line, not the master's
      // line 1.
      throw new WardenException(
          ErrorCode.INPUT,
          path
              + ":"
              + csLine
              + ": changeset "
              + cs.getId()
              + "::"
              + cs.getAuthor()
              + ": Liquibase cannot render it: "
              + LiquibaseErrors.deepestMessage(e)
              + " (fix the changeset; Schema Warden renders it with Liquibase 4.33 offline)",
          e);
    }
  }

  private Migration render(ChangeSet cs, Database db, String path, String text, int csLine) {
    int searchFrom = offsetOfLine(text, csLine);
    List<SqlStatement> statements = new ArrayList<>();
    List<SqlComment> comments = new ArrayList<>();
    List<Migration.NotTraced> notTraced = new ArrayList<>();
    for (Change change : cs.getChanges()) {
      Optional<String> untraced = LiquibaseErrors.notTraced(change);
      if (untraced.isPresent()) {
        notTraced.add(new Migration.NotTraced(csLine, untraced.get()));
      } else if (change instanceof SQLFileChange file) {
        String sqlPath = sqlFilePath(path, file);
        SqlParser.ParsedSql parsed = parser.parse(sqlPath, file.getSql(), 1);
        statements.addAll(parsed.statements());
        comments.addAll(parsed.comments());
      } else if (change instanceof AbstractSQLChange sql) {
        if (sql.getDbms() != null
            && !sql.getDbms().isBlank()
            && !DatabaseList.definitionMatches(sql.getDbms(), db, true)) {
          continue;
        }
        String body = sql.getSql() == null ? "" : sql.getSql();
        int at = body.isBlank() ? -1 : text.indexOf(body, searchFrom);
        Optional<Integer> indented =
            at >= 0 ? Optional.empty() : TextLocator.indentedBlock(text, body, searchFrom);
        if (at >= 0 || indented.isPresent()) {
          int firstLine = at >= 0 ? SourceFiles.lineOf(text, at) : indented.get();
          SqlParser.ParsedSql parsed = parser.parse(path, body, firstLine);
          statements.addAll(parsed.statements());
          comments.addAll(parsed.comments());
          searchFrom =
              at >= 0
                  ? at + body.length()
                  : offsetOfLine(text, firstLine + (int) body.lines().count());
        } else {
          // Escaped (&lt;) or expanded (${x}) text is not verbatim in the file: fall back to the
          // changeset line.
          statements.addAll(onLine(parser.parse(path, body, csLine), path, csLine));
        }
      } else {
        for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(change, db)) {
          statements.addAll(onLine(parser.parse(path, sql.toSql(), csLine), path, csLine));
        }
      }
    }
    return new Migration(
        path,
        MigrationTool.LIQUIBASE,
        // Liquibase re-applies these when their content changes (and skips their checksum check):
        // repeatables.
        cs.isRunOnChange() || cs.isAlwaysRun()
            ? Migration.Kind.REPEATABLE
            : Migration.Kind.CHANGESET,
        Optional.of(cs.getId() + "::" + cs.getAuthor()),
        describe(cs),
        cs.isRunInTransaction(),
        renumber(statements),
        comments,
        Optional.empty(),
        new Migration.Replay(
            LiquibasePrecheck.of(cs, path + ":" + csLine),
            !Boolean.FALSE.equals(cs.getFailOnError())),
        notTraced);
  }

  private static String describe(ChangeSet cs) {
    String comment = cs.getComments() == null ? "" : cs.getComments().strip();
    PreconditionContainer pre = cs.getPreconditions();
    if (pre == null || pre.getNestedPreconditions().isEmpty()) {
      return comment;
    }
    String names =
        pre.getNestedPreconditions().stream()
            .map(Precondition::getName)
            .collect(Collectors.joining(", "));
    String note =
        "preconditions ("
            + names
            + ", onFail="
            + pre.getOnFail()
            + ") not evaluated offline: reviewed as if they pass";
    return comment.isEmpty() ? note : comment + " — " + note;
  }

  private static List<SqlStatement> onLine(SqlParser.ParsedSql parsed, String path, int line) {
    return parsed.statements().stream()
        .map(s -> s.at(s.index(), SourceSpan.ofLine(path, line)))
        .toList();
  }

  private static List<SqlStatement> renumber(List<SqlStatement> statements) {
    List<SqlStatement> out = new ArrayList<>(statements.size());
    for (SqlStatement s : statements) {
      out.add(s.at(out.size(), s.span()));
    }
    return out;
  }

  private String sqlFilePath(String changelogPath, SQLFileChange file) {
    String p = file.getPath().replace('\\', '/');
    if (Boolean.TRUE.equals(file.isRelativeToChangelogFile())) {
      int slash = changelogPath.lastIndexOf('/');
      return Path.of(changelogPath.substring(0, slash + 1) + p)
          .normalize()
          .toString()
          .replace('\\', '/');
    }
    return repoPath(p);
  }

  /** A path as Liquibase names it ({@code classpath:db/x.xml}, {@code /db/x.xml}) made repository-relative. */
  private String repoPath(String liquibasePath) {
    return accessor.repoPath(liquibasePath);
  }

  private String text(String path) {
    return texts.computeIfAbsent(
        path,
        p -> {
          try {
            return SourceFiles.readIfExists(root, p).orElse("");
          } catch (RefusedFileException e) {
            return ""; // the accessor refused it too and reports it
          }
        });
  }

  static int offsetOfLine(String text, int line) {
    int offset = 0;
    for (int l = 1; l < line && offset >= 0; l++) {
      offset = text.indexOf('\n', offset) + 1;
      if (offset == 0) {
        return text.length();
      }
    }
    return offset;
  }
}
