package dev.schemawarden.app.testing;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.review.Components;
import dev.schemawarden.app.review.ConcernsStage;
import dev.schemawarden.app.review.LintStage;
import dev.schemawarden.app.review.PolicyDecider;
import dev.schemawarden.app.review.PolicyStage;
import dev.schemawarden.app.review.PredictStage;
import dev.schemawarden.app.review.ReplicaHolder;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.review.ReviewStage;
import dev.schemawarden.app.review.RollbackPlanStage;
import dev.schemawarden.app.review.SnapshotDrift;
import dev.schemawarden.app.review.SourcesStage;
import dev.schemawarden.app.review.TraceStage;
import dev.schemawarden.app.review.Tracer;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Review services for tests: the production wiring ({@link Main#reviewService}) on one replica holder shared by the
 * test JVM (starting an embedded cluster per test would cost seconds each), or a pipeline with parts left out.
 */
public final class Reviews {
  private static ReplicaHolder replicas;

  private Reviews() {}

  /** The test JVM's one embedded replica holder, stopped when the JVM exits. */
  public static synchronized ReplicaHolder replicas() {
    if (replicas == null) {
      ReplicaHolder h = ReplicaHolder.embedded(ReplicaSettings.defaults());
      Runtime.getRuntime().addShutdownHook(new Thread(h::close, "test-replica-holder-shutdown"));
      replicas = h;
    }
    return replicas;
  }

  /** What {@code warden review} and {@code warden serve} run. */
  public static ReviewService service() {
    return service(Clock.systemUTC());
  }

  /** What {@code warden review} runs, with the policy deciding at {@code clock}. */
  public static ReviewService service(Clock clock) {
    return Main.reviewService(replicas(), SnapshotDrift.Settings.defaults(), clock);
  }

  /** Static review only: sources, lint, predicted locks, one finding per concern. */
  public static ReviewService staticOnly(Components components) {
    return new ReviewService(components, stages(components, List.of()));
  }

  /** Static review and the policy (no trace, no drift). */
  public static ReviewService staticWithPolicy() {
    Components c = Main.defaultComponents();
    List<ReviewStage> stages = new ArrayList<>(stages(c, List.of()));
    stages.add(new PolicyStage(new PolicyDecider(Clock.systemUTC(), Engines::forName)));
    return new ReviewService(c, stages);
  }

  /** Static review plus {@code tracer}, without drift or policy. */
  public static ReviewService tracing(Tracer tracer) {
    Components c = Main.defaultComponents();
    return new ReviewService(c, stages(c, List.of(new TraceStage(tracer))));
  }

  /** Static review, {@code tracer} and the policy (no drift). */
  public static ReviewService tracingWithPolicy(Tracer tracer) {
    Components c = Main.defaultComponents();
    List<ReviewStage> stages = new ArrayList<>(stages(c, List.of(new TraceStage(tracer))));
    stages.add(new PolicyStage(new PolicyDecider(Clock.systemUTC(), Engines::forName)));
    return new ReviewService(c, stages);
  }

  private static List<ReviewStage> stages(Components c, List<ReviewStage> trace) {
    List<ReviewStage> stages =
        new ArrayList<>(
            List.of(new SourcesStage(c.sources()), new LintStage(c), new PredictStage()));
    stages.addAll(trace);
    stages.add(new RollbackPlanStage(c));
    stages.add(new ConcernsStage());
    return stages;
  }
}
