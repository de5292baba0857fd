package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.git.ChangedFile;
import dev.schemawarden.app.git.Workspace;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sources and change selection: recognises the migration layout (the configured tool, else the best match), and
 * selects the migrations the change adds or modifies, with the rest of the head history in tool order.
 */
public final class SourcesStage implements ReviewStage {
  private static final Logger LOG = LoggerFactory.getLogger(SourcesStage.class);

  private final Components.Sources sources;

  public SourcesStage(Components.Sources sources) {
    this.sources = Objects.requireNonNull(sources, "sources");
  }

  @Override
  public Needs needs() {
    return Needs.NOTHING;
  }

  @Override
  public ReviewContext run(ReviewContext context, StepTimer steps) {
    Workspace ws = context.input().workspace();
    MigrationSettings settings = context.config().migrations();
    Optional<MigrationSources.Detection> detected =
        settings.tool().isPresent() ? Optional.empty() : sources.detect(ws.headRoot(), settings);
    Optional<MigrationSource> source =
        settings
            .tool()
            .map(sources::forTool)
            .or(() -> detected.map(MigrationSources.Detection::chosen));
    if (source.isEmpty()) {
      steps.skipped(
          "sources",
          "no migration layout recognised under "
              + ws.headRoot()
              + ": set migrations.tool and migrations.locations in .schemawarden.yml");
      LOG.warn(
          "no migration layout recognised under {}: set migrations.tool in {}",
          ws.headRoot(),
          WardenConfig.FILE_NAME);
      return context;
    }
    MigrationSource src = source.get();
    SqlParser parser = context.input().engine().parser();
    ReviewContext.Layout layout =
        new ReviewContext.Layout(
            src,
            memo(() -> src.load(ws.headRoot(), settings, parser)),
            memo(() -> src.load(ws.baseRoot(), settings, parser)));
    // Liquibase is left out: with no master changelog its load fails on any repository, SQL files
    // or not.
    if (settings.tool().isPresent()
        && src.tool() != MigrationTool.LIQUIBASE
        && src.detect(ws.headRoot(), settings) == 0) {
      // Loaded for its failure alone: the configured tool finds no migration among the location's
      // files.
      var unused = layout.head().get();
    }
    // A down the change edits alone is still reviewed, as its up's rollback plan
    // (RollbackPlanStage).
    List<ChangedFile> migrationFiles =
        ws.changedFiles().stream()
            .filter(
                f -> src.isMigrationFile(f.path(), settings) || src.isDownFile(f.path(), settings))
            .toList();
    String how = detected.map(d -> "; " + d.explain()).orElse("");
    if (migrationFiles.isEmpty()) {
      steps.skipped(
          "sources", "the change touches no " + src.tool().configName() + " migration" + how);
      return context.withLayout(layout);
    }
    List<Migration> head =
        steps.run("sources", "Loading " + src.tool().configName() + " migrations", layout.head());
    ChangeSelector.Result selected = ChangeSelector.select(head, migrationFiles, layout.base());
    steps.detail(
        "sources",
        src.tool().configName()
            + ": "
            + selected.selected().size()
            + " of "
            + head.size()
            + " migration(s) changed"
            + how);
    List<Migration> history =
        ChangeSelector.history(head, selected.selected(), migrationFiles, layout.base());
    return context
        .withLayout(layout)
        .withChange(new ReviewContext.Change(selected.selected(), history, selected.findings()));
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
}
