package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.ConfigLoader;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.git.Workspace;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.ReviewReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one review pipeline: reads the input (the two trees, the config from the settings tree) and runs the stages
 * in the order they are listed where the service is wired ({@code Main.reviewService}), each over the immutable
 * {@link ReviewContext} the earlier ones produced. The CLI, the GitHub Action and the webhook service all call
 * this; nothing here knows about terminals or hosts. {@link #lint} is the static fast path of {@code warden lint}.
 */
public final class ReviewService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewService.class);

  private final Components components;
  private final List<ReviewStage> stages;

  public ReviewService(Components components, List<ReviewStage> stages) {
    this.components = components;
    this.stages = List.copyOf(stages);
  }

  /** The stages in the order they run. */
  public List<ReviewStage> stages() {
    return stages;
  }

  /** Every rule the catalog knows plus the pipeline's own (MG001), sorted by id. */
  public List<RuleMeta> catalog() {
    return Stream.concat(components.catalog().rules().stream(), AppRules.ALL.stream())
        .collect(Collectors.toMap(RuleMeta::id, r -> r, (a, b) -> a, LinkedHashMap::new))
        .values()
        .stream()
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
    try (Workspace ws =
        steps.run("changes", "Finding the files the change touches", () -> workspace(request))) {
      WardenConfig config =
          steps.run(
              "config",
              "Reading configuration",
              () ->
                  request
                      .config()
                      .map(p -> configLoader().load(p, p.toString()))
                      .orElseGet(() -> settings(ws)));
      ReviewInput input =
          new ReviewInput(
              ws,
              config,
              request.failOn().or(config::failOn).orElse(Severity.ERROR),
              components.engines().forName(config.engine()),
              request.people(),
              request.snapshot(),
              request.trace());
      ReviewContext context = ReviewContext.start(input);
      for (ReviewStage stage : stages) {
        if (context.meets(stage.needs())) {
          context = stage.run(context, steps);
        }
      }
      return new ReviewReport(
              "review",
              Optional.of(ws.target()),
              context.migrations(),
              context.findings(),
              context.drift(),
              context.decision(),
              steps.steps(),
              context.errors(),
              input.failOn())
          .withEngine(context.config().engine(), context.config().engineVersion().toString());
    }
  }

  /** {@code .schemawarden.yml} of the workspace's settings tree, or the defaults. */
  private WardenConfig settings(Workspace ws) {
    if (ws.settingsFromBase()
        && !(RepositoryFiles.lookup(ws.baseRoot(), WardenConfig.FILE_NAME)
            instanceof RepositoryFiles.Found)
        && RepositoryFiles.lookup(ws.headRoot(), WardenConfig.FILE_NAME)
            instanceof RepositoryFiles.Found) {
      LOG.info(
          "{}: {} exists only in the change: it applies once merged; reviewing with the defaults",
          ws.target().repository(),
          WardenConfig.FILE_NAME);
    }
    return configLoader().loadFromRepo(ws.settingsRoot());
  }

  /** Static analysis of files read as plain SQL: the report has kind {@code lint} and no trace, drift or decision. */
  public ReviewReport lint(LintRequest request, Progress progress) {
    StepTimer steps = new StepTimer(progress);
    WardenConfig loaded =
        steps.run(
            "config",
            "Reading configuration",
            () ->
                request
                    .config()
                    .map(p -> configLoader().load(p, p.toString()))
                    .orElseGet(() -> configLoader().loadFromRepo(Path.of(""))));
    WardenConfig chosen =
        request
            .engine()
            .map(components.engines()::forName)
            .map(e -> loaded.withEngine(e.id(), e.defaultVersion()))
            .orElse(loaded);
    WardenConfig config = request.engineVersion().map(chosen::withEngineVersion).orElse(chosen);
    Severity failOn = request.failOn().or(config::failOn).orElse(Severity.ERROR);
    DatabaseEngine engine = components.engines().forName(config.engine());
    SqlParser parser = engine.parser();
    List<LintFiles.Named> files = LintFiles.expand(request.files());
    List<Migration> migrations =
        steps.run(
            "sources",
            "Reading " + files.size() + " file(s)",
            // Files are independent and the parser is thread-safe: many files parse on every core,
            // in order.
            () -> files.parallelStream().map(f -> plainSql(f, parser)).toList());
    List<Finding> findings;
    if (request.asOneChange()) {
      findings = LintStage.lint(components, migrations, config, steps);
    } else {
      // Each file against an existing database, as every linter checks: a table one file creates is
      // not new in another, so its locks there are judged as on production. Independent files lint
      // on every core.
      Components.LintOptions options = LintStage.options(config);
      findings =
          steps.run(
              "lint",
              "Checking "
                  + files.size()
                  + " file(s) against "
                  + components.catalog().rules().size()
                  + " rules",
              () ->
                  migrations.parallelStream()
                      .flatMap(m -> components.linter().lint(List.of(m), options).stream())
                      .sorted(Finding.ORDER)
                      .toList());
    }
    List<MigrationReport> reports =
        steps.run(
            "predict",
            "Predicting locks",
            () ->
                migrations.stream()
                    .map(m -> PredictStage.predicted(m, "linted", engine, config))
                    .toList());
    // One finding per problem, as in a review (no trace here, so nothing is contradicted or
    // weighed).
    return new ReviewReport(
            "lint",
            Optional.empty(),
            reports,
            OneFindingPerConcern.merge(findings, reports),
            List.of(),
            Optional.empty(),
            steps.steps(),
            List.of(),
            failOn)
        .withEngine(config.engine(), config.engineVersion().toString());
  }

  private static Workspace workspace(ReviewRequest request) {
    if (request.base() instanceof ReviewRequest.Base.Directory d) {
      return Workspace.fromDirectories(request.repo(), d.dir());
    }
    if (request.base() instanceof ReviewRequest.Base.Trees t) {
      return Workspace.fromTrees(request.repo(), t.dir(), t.changedFiles(), t.target());
    }
    ReviewRequest.Base.GitRef git = (ReviewRequest.Base.GitRef) request.base();
    return Workspace.fromGit(request.repo(), git.ref(), request.headRef(), git.settingsFromBase());
  }

  /** Stops what the stages opened for the process (the tracer's server providers). */
  @Override
  public void close() {
    stages.forEach(ReviewStage::close);
  }

  private static Migration plainSql(LintFiles.Named file, SqlParser parser) {
    String display = file.display();
    String name = display.substring(display.lastIndexOf('/') + 1);
    String text;
    try {
      // A named file is still read without following a link out of its directory, and never from
      // /proc or a FIFO.
      text =
          file.file()
              .readIfExists(RepositoryFiles.DEFAULT_MAX_BYTES, ErrorCode.INPUT)
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.INPUT, display + ": no such file: check the path"));
    } catch (RefusedFileException e) {
      return Migration.refused(
          display,
          MigrationTool.PLAIN,
          Migration.Kind.PLAIN,
          Optional.empty(),
          name,
          display + " " + e.reason());
    }
    SqlParser.ParsedSql parsed = parser.parse(display, text);
    // Plain SQL runs statement by statement (as psql does), so the linter sees explicit
    // BEGIN/COMMIT only.
    return new Migration(
        display,
        MigrationTool.PLAIN,
        Migration.Kind.PLAIN,
        Optional.empty(),
        name,
        false,
        parsed.statements(),
        parsed.comments());
  }
}
