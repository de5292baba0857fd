package dev.schemawarden.app.review;

import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.ReviewReport.ReviewTarget;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.rules.api.Decision;
import dev.schemawarden.analyzers.api.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stages that later features plug in (replica tracing, drift, policy). Each is optional: when absent the
 * review records the step as {@code skipped} and the report keeps the predicted effects, no drift and no decision.
 */
public record LaterStages(Optional<Tracer> tracer, Optional<DriftCheck> drift, Optional<PolicyCheck> policy) {

  public LaterStages {
    Objects.requireNonNull(tracer, "tracer");
    Objects.requireNonNull(drift, "drift");
    Objects.requireNonNull(policy, "policy");
  }

  public static LaterStages none() {
    return new LaterStages(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Replaces predicted statement effects with ones observed on a scratch replica. */
  @FunctionalInterface
  public interface Tracer {
    List<MigrationReport> trace(List<MigrationReport> migrations, WardenConfig config);
  }

  /** Compares production with what the migration history says it should be. */
  @FunctionalInterface
  public interface DriftCheck {
    List<DriftItem> drift(List<MigrationReport> migrations, WardenConfig config);
  }

  /** Decides allow / needs_approval / deny from the findings and the change. */
  @FunctionalInterface
  public interface PolicyCheck {
    Decision decide(
        ReviewTarget target, List<MigrationReport> migrations, List<Finding> findings, List<DriftItem> drift,
        WardenConfig config);

    /** With who is involved in the change; stages that need the people (the policy stage) override this. */
    default Decision decide(
        ReviewTarget target, PrPeople people, List<MigrationReport> migrations, List<Finding> findings,
        List<DriftItem> drift, WardenConfig config) {
      return decide(target, migrations, findings, drift, config);
    }
  }
}
