package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.ConfigLoader;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.git.ChangedFile;
import dev.schemawarden.app.git.Workspace;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.StatementReport;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.policy.api.Decision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one review pipeline: config, changed migrations, static lint, predicted locks, then the later stages
 * (trace, drift, policy) when they are plugged in. The CLI, the GitHub Action and the webhook service all call
 * this; nothing here knows about terminals or hosts.
 */
public final class ReviewService {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewService.class);

  private final Components components;
  private final LaterStages later;

  public ReviewService(Components components, LaterStages later) {
    this.components = components;
    this.later = later;
  }

  /** Every rule the catalog knows plus the pipeline's own (MG001), sorted by id. */
  public List<RuleMeta> catalog() {
    return Stream.concat(components.catalog().rules().stream(), AppRules.ALL.stream())
        .collect(Collectors.toMap(RuleMeta::id, r -> r, (a, b) -> a, LinkedHashMap::new))
        .values().stream()
        .sorted(java.util.Comparator.comparing(RuleMeta::id))
        .toList();
  }

  public ConfigLoader configLoader() {
    List<RuleMeta> rules = catalog();
    return new ConfigLoader(
        rules.stream().map(RuleMeta::id).collect(Collectors.toSet()),
        rules.stream().collect(Collectors.toMap(RuleMeta::slug, RuleMeta::id, (a, b) -> a)));
  }

  public ReviewReport review(ReviewRequest request, Progress progress) {
    StepTimer steps = new StepTimer(progress);
    try (Workspace ws = steps.run("changes", "Finding the files the change touches", () -> workspace(request))) {
      WardenConfig loaded = steps.run("config", "Reading configuration", () -> request.config()
          .map(p -> configLoader().load(p, p.toString()))
          .orElseGet(() -> settings(ws)));
      Severity failOn = request.failOn().or(loaded::failOn).orElse(Severity.ERROR);
      DatabaseEngine engine = components.engines().forName(loaded.engine());
      MigrationSettings settings = loaded.migrations();
      Optional<MigrationSource> source = settings.tool().map(components.sources()::forTool)
          .or(() -> components.sources().detect(ws.headRoot(), settings));
      if (source.isEmpty()) {
        steps.skipped("sources", "no migration layout recognised under " + ws.headRoot()
            + ": set migrations.tool and migrations.locations in .schemawarden.yml");
        LOG.warn("no migration layout recognised under {}: set migrations.tool in {}", ws.headRoot(),
            WardenConfig.FILE_NAME);
        return finish("review", Optional.of(ws.target()), ws.settingsRoot(), request.people(),
            List.of(), List.of(), loaded, failOn, steps, List.of(), Optional.empty());
      }
      MigrationSource src = source.get();
      SqlParser parser = engine.parser();
      Supplier<List<Migration>> headAll = memo(() -> src.load(ws.headRoot(), settings, parser));
      Supplier<List<Migration>> baseAll = memo(() -> src.load(ws.baseRoot(), settings, parser));
      Optional<LaterStages.DriftRun> driftRun = openDrift(
          new LaterStages.DriftInputs(loaded, request.snapshot(), ws.headRoot(), headAll, ws::baseRoot, baseAll),
          steps);
      // Lint and lock predictions judge for production's server version when the config does not name one.
      WardenConfig config = driftRun.flatMap(LaterStages.DriftRun::serverVersion)
          .map(loaded::withDefaultEngineVersion).orElse(loaded);
      // Liquibase is left out: with no master changelog its load fails on any repository, SQL files or not.
      if (settings.tool().isPresent() && src.tool() != MigrationTool.LIQUIBASE
          && src.detect(ws.headRoot(), settings) == 0) {
        headAll.get(); // the source fails when the configured tool finds no migration among the location's SQL files
      }
      List<ChangedFile> migrationFiles = ws.changedFiles().stream()
          .filter(f -> src.isMigrationFile(f.path(), settings))
          .toList();
      if (migrationFiles.isEmpty()) {
        steps.skipped("sources", "the change touches no " + src.tool().configName() + " migration");
        return finish("review", Optional.of(ws.target()), ws.settingsRoot(), request.people(),
            List.of(), List.of(), config, failOn, steps, List.of(), driftRun);
      }
      List<Migration> head = steps.run("sources", "Loading " + src.tool().configName() + " migrations", headAll);
      ChangeSelector.Result selected = ChangeSelector.select(head, migrationFiles, baseAll);
      List<Migration> changed = selected.selected().stream().map(ChangeSelector.Selected::migration).toList();
      List<Finding> findings = new ArrayList<>(lint(changed, config, steps));
      findings.addAll(applySeverities(selected.findings(), config));
      DownMigrations.Result downs = DownMigrations.review(src.downs(ws.headRoot(), settings, parser), changed,
          ws.changedFiles(), ms -> components.linter().lint(ms, new Components.LintOptions(config.engine(),
              config.engineVersion(), config.rules())));
      findings.addAll(downs.lint());
      findings.addAll(applySeverities(downs.missing(), config));
      int downCount = downs.byUp().values().stream().mapToInt(List::size).sum();
      steps.detail("sources", src.tool().configName() + ": " + selected.selected().size() + " of " + head.size()
          + " migration(s) changed" + (downCount == 0 ? "" : "; " + downCount + " down migration(s) reviewed as"
              + " their rollback plan") + downs.note().map(n -> "; " + n).orElse(""));
      List<MigrationReport> reports = steps.run("predict", "Predicting locks", () -> selected.selected().stream()
          .map(s -> predicted(s.migration(), s.status(), engine, config))
          .toList());
      List<String> errors = new ArrayList<>();
      List<Migration> history = ChangeSelector.history(head, selected.selected(), migrationFiles, baseAll);
      List<MigrationReport> traced = trace(new LaterStages.TraceInput(
          reports, history, ws::baseRoot, ws.headRoot(), request.snapshot(),
          driftRun.flatMap(LaterStages.DriftRun::production), config, engine, request.trace()),
          findings, errors, steps);
      List<MigrationReport> withDowns = downs.attach(traced, (m, status) -> predicted(m, status, engine, config));
      return finish("review", Optional.of(ws.target()), ws.settingsRoot(), request.people(),
          withDowns, findings, config, failOn, steps, errors, driftRun);
    }
  }

  /** {@code .schemawarden.yml} of the workspace's settings tree, or the defaults. */
  private WardenConfig settings(Workspace ws) {
    if (ws.settingsFromBase() && !(RepositoryFiles.lookup(ws.baseRoot(), WardenConfig.FILE_NAME)
        instanceof RepositoryFiles.Found)
        && RepositoryFiles.lookup(ws.headRoot(), WardenConfig.FILE_NAME) instanceof RepositoryFiles.Found) {
      LOG.info("{}: {} exists only in the change: it applies once merged; reviewing with the defaults",
          ws.target().repository(), WardenConfig.FILE_NAME);
    }
    return configLoader().loadFromRepo(ws.settingsRoot());
  }

  private Optional<LaterStages.DriftRun> openDrift(LaterStages.DriftInputs inputs, StepTimer steps) {
    if (inputs.config().snapshot().isEmpty() && inputs.snapshotFile().isEmpty()) {
      return Optional.empty();
    }
    if (later.drift().isEmpty()) {
      steps.skipped("drift", "this build has no drift stage");
      return Optional.empty();
    }
    Optional<LaterStages.DriftRun> run = steps.run("snapshot", "Loading the production snapshot",
        () -> later.drift().get().open(inputs));
    run.ifPresent(r -> steps.detail("snapshot", r.description()));
    return run;
  }

  /** {@code body} run once, on first use. */
  private static <T> Supplier<T> memo(Supplier<T> body) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = body.get();
        }
        return value;
      }
    };
  }

  /** Static analysis of files read as plain SQL: the report has kind {@code lint} and no trace, drift or decision. */
  public ReviewReport lint(LintRequest request, Progress progress) {
    StepTimer steps = new StepTimer(progress);
    WardenConfig loaded = steps.run("config", "Reading configuration", () -> request.config()
        .map(p -> configLoader().load(p, p.toString()))
        .orElseGet(() -> configLoader().loadFromRepo(Path.of(""))));
    WardenConfig config = request.engineVersion().map(loaded::withEngineVersion).orElse(loaded);
    Severity failOn = request.failOn().or(config::failOn).orElse(Severity.ERROR);
    DatabaseEngine engine = components.engines().forName(config.engine());
    SqlParser parser = engine.parser();
    List<LintFiles.Named> files = LintFiles.expand(request.files());
    List<Migration> migrations = steps.run("sources", "Reading " + files.size() + " file(s)",
        // Files are independent and the parser is thread-safe: many files parse on every core, in order.
        () -> files.parallelStream().map(f -> plainSql(f, parser)).toList());
    List<Finding> findings;
    if (request.asOneChange()) {
      findings = lint(migrations, config, steps);
    } else {
      // Each file against an existing database, as every linter checks: a table one file creates is not new in
      // another, so its locks there are judged as on production. Independent files lint on every core.
      Components.LintOptions options = new Components.LintOptions(config.engine(), config.engineVersion(),
          config.rules());
      findings = steps.run("lint", "Checking " + files.size() + " file(s) against "
          + components.catalog().rules().size() + " rules", () -> migrations.parallelStream()
          .flatMap(m -> components.linter().lint(List.of(m), options).stream())
          .sorted(Finding.ORDER)
          .toList());
    }
    List<MigrationReport> reports = steps.run("predict", "Predicting locks", () -> migrations.stream()
        .map(m -> predicted(m, "linted", engine, config))
        .toList());
    // One finding per problem, as in a review (no trace here, so nothing is contradicted or weighed).
    return new ReviewReport("lint", Optional.empty(), reports, OneFindingPerConcern.merge(findings, reports),
        List.of(), Optional.empty(), steps.steps(), List.of(), failOn);
  }

  private static Workspace workspace(ReviewRequest request) {
    if (request.base() instanceof ReviewRequest.Base.Directory d) {
      return Workspace.fromDirectories(request.repo(), d.dir());
    }
    if (request.base() instanceof ReviewRequest.Base.Trees t) {
      return Workspace.fromTrees(request.repo(), t.dir(), t.changedFiles(), t.target());
    }
    return Workspace.fromGit(request.repo(), ((ReviewRequest.Base.GitRef) request.base()).ref(), request.headRef());
  }

  private List<Finding> lint(List<Migration> migrations, WardenConfig config, StepTimer steps) {
    Map<String, Severity> severities = new LinkedHashMap<>(config.rules());
    return steps.run("lint", "Checking " + migrations.stream().mapToInt(m -> m.statements().size()).sum()
            + " statement(s) against " + components.catalog().rules().size() + " rules",
        () -> components.linter().lint(
            migrations, new Components.LintOptions(config.engine(), config.engineVersion(), severities)));
  }

  private static List<Finding> applySeverities(List<Finding> findings, WardenConfig config) {
    return findings.stream()
        .map(f -> Optional.ofNullable(config.rules().get(f.rule())).map(f::withSeverity).orElse(f))
        .filter(f -> f.severity() != Severity.OFF)
        .toList();
  }

  private MigrationReport predicted(Migration m, String status, DatabaseEngine engine, WardenConfig config) {
    List<StatementReport> statements = new ArrayList<>();
    for (SqlStatement s : m.statements()) {
      List<PredictedLock> locks;
      try {
        locks = engine.predictLocks(s.change(), config.engineVersion());
      } catch (RuntimeException e) {
        // A prediction bug must not stop the review: the statement is still reported, without locks.
        LOG.warn("{}:{}: could not predict locks: {}", m.path(), s.line(), e.toString());
        locks = List.of();
      }
      statements.add(new StatementReport(s, StatementEffects.predicted(locks)));
    }
    return new MigrationReport(m, status, statements);
  }

  private ReviewReport finish(
      String kind, Optional<ReviewReport.ReviewTarget> target, Path settingsRoot, PrPeople people,
      List<MigrationReport> migrations,
      List<Finding> lintFindings, WardenConfig config, Severity failOn, StepTimer steps, List<String> lintErrors,
      Optional<LaterStages.DriftRun> driftRun) {
    List<MigrationReport> traced = migrations;
    LaterStages.DriftResult driftResult = driftRun.map(r -> steps.run("drift",
        "Comparing with the production snapshot", () -> r.check(traced, config))).orElse(LaterStages.DriftResult.NONE);
    List<DriftItem> drift = driftResult.drift();
    List<Finding> findings = new ArrayList<>(OneFindingPerConcern.merge(lintFindings, migrations));
    findings.addAll(applySeverities(driftResult.findings(), config));
    List<String> errors = new ArrayList<>(lintErrors);
    errors.addAll(driftResult.errors());
    Optional<Decision> decision = later.policy().map(p -> steps.run("policy", "Applying policy",
        () -> p.decide(new LaterStages.PolicyInput(target.orElseThrow(), people, traced, findings.stream()
            .filter(f -> !MigrationReport.inRollbackPlan(traced, f)).toList(), drift,
            config.withFailOn(failOn), Optional.of(settingsRoot)))));
    return new ReviewReport(kind, target, traced, findings, drift, decision, steps.steps(), errors, failOn);
  }

  /**
   * The trace stage: traced effects and TR findings, or, when tracing fails for infrastructure reasons, the
   * predicted effects with the failure in {@code errors} (an error only when {@code --trace} asked for it).
   */
  private List<MigrationReport> trace(
      LaterStages.TraceInput input, List<Finding> findings, List<String> errors, StepTimer steps) {
    if (later.tracer().isEmpty()) {
      return input.changed();
    }
    long start = System.nanoTime();
    try {
      LaterStages.TraceOutcome out = steps.run("trace", "Tracing the migration on a scratch replica",
          () -> later.tracer().get().run(input));
      steps.status("trace", out.skipped() ? "skipped" : "ok", out.detail());
      findings.addAll(applySeverities(out.findings(), input.config()));
      return out.migrations();
    } catch (RuntimeException e) {
      String why = e instanceof WardenException ? e.getMessage() : e.toString();
      boolean config = e instanceof WardenException w && w.code() == ErrorCode.CONFIG;
      if (input.requested().orElse(false) || config) {
        throw e instanceof WardenException w && w.code() != ErrorCode.INTERNAL ? w
            : new WardenException(ErrorCode.INFRASTRUCTURE, "tracing failed: " + why
                + " (run without --trace to review with predicted locks)", e);
      }
      LOG.warn("tracing failed, the review continues with predicted effects: {}", why, e);
      steps.failed("trace", (System.nanoTime() - start) / 1_000_000, why);
      errors.add("trace: " + why + "; the report shows predicted locks instead of traced ones");
      return input.changed();
    }
  }

  private static Migration plainSql(LintFiles.Named file, SqlParser parser) {
    String display = file.display();
    String name = display.substring(display.lastIndexOf('/') + 1);
    String text;
    try {
      // A named file is still read without following a link out of its directory, and never from /proc or a FIFO.
      text = file.file().readIfExists(RepositoryFiles.DEFAULT_MAX_BYTES, ErrorCode.INPUT)
          .orElseThrow(() -> new WardenException(ErrorCode.INPUT, display + ": no such file: check the path"));
    } catch (RefusedFileException e) {
      return Migration.refused(display, MigrationTool.PLAIN, Migration.Kind.PLAIN, Optional.empty(), name,
          display + " " + e.reason());
    }
    SqlParser.ParsedSql parsed = parser.parse(display, text);
    // Plain SQL runs statement by statement (as psql does), so the linter sees explicit BEGIN/COMMIT only.
    return new Migration(display, MigrationTool.PLAIN, Migration.Kind.PLAIN, Optional.empty(), name, false,
        parsed.statements(), parsed.comments());
  }
}
