package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.policy.api.Decision;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one review found, the single input of every renderer (Markdown, JSON, SARIF, GitLab Code Quality,
 * GitHub annotations). {@code decision} is empty for {@code warden lint}.
 *
 * @param kind {@code review} or {@code lint}
 * @param target what was reviewed (repository, refs); empty for lint
 * @param migrations the migrations the change adds or modifies, each with its statements
 * @param findings every finding, sorted with {@link Finding#ORDER}
 * @param drift differences between expected and production schema
 * @param decision the policy's verdict
 * @param steps the named stages that ran, with their outcome
 * @param errors infrastructure problems that did not stop the review (e.g. tracing unavailable)
 * @param failOn the threshold that decides the exit code
 * @param engine {@code postgresql}, {@code mysql} or {@code mariadb}: the engine the findings were judged for
 * @param engineVersion the server version the findings were judged for (the configuration's {@code engine-version},
 *     else the snapshot's, else the engine's default), e.g. {@code 17.0} or {@code 8.0.29}
 */
public record ReviewReport(
    String kind,
    Optional<ReviewTarget> target,
    List<MigrationReport> migrations,
    List<Finding> findings,
    List<DriftItem> drift,
    Optional<Decision> decision,
    List<Step> steps,
    List<String> errors,
    Severity failOn,
    String engine,
    String engineVersion) {

  /** The engine of a report built without one: PostgreSQL at its default version. */
  public ReviewReport(
      String kind,
      Optional<ReviewTarget> target,
      List<MigrationReport> migrations,
      List<Finding> findings,
      List<DriftItem> drift,
      Optional<Decision> decision,
      List<Step> steps,
      List<String> errors,
      Severity failOn) {
    this(
        kind,
        target,
        migrations,
        findings,
        drift,
        decision,
        steps,
        errors,
        failOn,
        "postgresql",
        dev.schemawarden.analyzers.api.ServerVersion.DEFAULT_POSTGRES.toString());
  }

  /** Version of the JSON document; bumped only for incompatible changes (fields are added, never renamed). */
  public static final int FORMAT_VERSION = 1;

  /**
   * Repository and refs under review. {@code headSha}/{@code baseSha} are resolved commit ids ({@code baseSha} the
   * merge base the change is compared from). The service also knows the pull request's number and title; local runs
   * leave them empty.
   */
  public record ReviewTarget(
      String repository,
      String baseRef,
      String baseSha,
      String headRef,
      String headSha,
      java.util.OptionalInt pullRequest,
      String title) {
    public ReviewTarget(
        String repository, String baseRef, String baseSha, String headRef, String headSha) {
      this(repository, baseRef, baseSha, headRef, headSha, java.util.OptionalInt.empty(), "");
    }

    public ReviewTarget {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(baseRef, "baseRef");
      Objects.requireNonNull(baseSha, "baseSha");
      Objects.requireNonNull(headRef, "headRef");
      Objects.requireNonNull(headSha, "headSha");
      Objects.requireNonNull(pullRequest, "pullRequest");
      Objects.requireNonNull(title, "title");
    }
  }

  /** One named stage of the pipeline ({@code sources}, {@code lint}, {@code trace}, {@code drift}, {@code policy}). */
  public record Step(String name, String status, long millis, Optional<String> detail) {}

  public ReviewReport {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    migrations = List.copyOf(migrations);
    findings = findings.stream().sorted(Finding.ORDER).toList();
    drift = List.copyOf(drift);
    Objects.requireNonNull(decision, "decision");
    steps = List.copyOf(steps);
    errors = List.copyOf(errors);
    Objects.requireNonNull(failOn, "failOn");
    engine = reportEngine(engine);
    Objects.requireNonNull(engineVersion, "engineVersion");
  }

  /** The report's spelling of a configured engine id: {@code postgres} is {@code postgresql}. */
  public static String reportEngine(String configured) {
    Objects.requireNonNull(configured, "engine");
    return configured.equals("postgres") ? "postgresql" : configured;
  }

  /** This report judged for {@code engineId} (a configured id) at {@code version}. */
  public ReviewReport withEngine(String engineId, String version) {
    return new ReviewReport(
        kind,
        target,
        migrations,
        findings,
        drift,
        decision,
        steps,
        errors,
        failOn,
        engineId,
        version);
  }

  /** Findings at or above {@code failOn}; a finding of a rollback plan (a down migration) never blocks. */
  public List<Finding> blockingFindings() {
    Map<Finding, MigrationReport> rollbackPlans =
        MigrationReport.rollbackOwners(migrations, findings);
    return findings.stream()
        .filter(f -> f.severity().atLeast(failOn))
        .filter(f -> !rollbackPlans.containsKey(f))
        .toList();
  }

  /** True when the change must not merge as it is: a blocking finding, or a decision other than allow. */
  public boolean blocked() {
    return !blockingFindings().isEmpty()
        || decision.map(d -> d.outcome() != Decision.Outcome.ALLOW).orElse(false);
  }

  /**
   * How many migrations the change adds or modifies: the number every format's summary shows (an unchanged up that
   * only holds an edited down is not one).
   */
  public int changedMigrationCount() {
    return MigrationReport.changedOnly(migrations).size();
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }
}
