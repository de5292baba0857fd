package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.StatementReport;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The locks each changed statement is expected to take, for the configured (or production's) server version. */
public final class PredictStage implements ReviewStage {
  private static final Logger LOG = LoggerFactory.getLogger(PredictStage.class);

  @Override
  public Needs needs() {
    return Needs.CHANGE;
  }

  @Override
  public ReviewContext run(ReviewContext context, StepTimer steps) {
    DatabaseEngine engine = context.input().engine();
    return context.withMigrations(
        steps.run(
            "predict",
            "Predicting locks",
            () ->
                context.change().orElseThrow().selected().stream()
                    .map(s -> predicted(s.migration(), s.status(), engine, context.config()))
                    .toList()));
  }

  static MigrationReport predicted(
      Migration m, String status, DatabaseEngine engine, WardenConfig config) {
    List<StatementReport> statements = new ArrayList<>();
    for (SqlStatement s : m.statements()) {
      List<PredictedLock> locks;
      try {
        locks = engine.predictLocks(s.change(), config.engineVersion());
      } catch (RuntimeException e) {
        // A prediction bug must not stop the review: the statement is still reported, without
        // locks.
        LOG.warn("{}:{}: could not predict locks: {}", m.path(), s.line(), e.toString());
        locks = List.of();
      }
      statements.add(
          new StatementReport(
              s,
              StatementEffects.predicted(locks),
              dev.schemawarden.analyzers.api.OnlineDdl.mysqlFamily(engine.id())
                  ? dev.schemawarden.analyzers.api.OnlineDdl.predict(
                      engine.id(), config.engineVersion(), m, s)
                  : java.util.Optional.empty()));
    }
    return new MigrationReport(m, status, statements);
  }
}
