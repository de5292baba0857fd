package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.policy.api.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a review knows after each stage. Immutable: a stage returns a new context with its contribution, so what
 * one stage saw can never be changed behind it by another.
 *
 * @param input what the review started from
 * @param config the input's config, with production's server version as the default {@code engine-version} once
 *     the snapshot is loaded
 * @param layout the migration tool and its migrations at head and base; empty when no layout was recognised
 * @param change the migrations the change adds or modifies; empty when it touches none
 * @param production production's schema, resolved once ({@code --snapshot}, {@code snapshot.path}, {@code .url},
 *     {@code .env}) and shared by trace, drift and policy
 * @param migrations the changed migrations with their statements' effects: predicted, then traced
 * @param findings every finding so far, one per concern once {@link ConcernsStage} ran
 * @param drift every difference between expected and production
 * @param errors problems that kept a stage from finishing, for the report
 * @param decision the policy's decision
 */
public record ReviewContext(
    ReviewInput input,
    WardenConfig config,
    Optional<Layout> layout,
    Optional<Change> change,
    Optional<DriftCheck.DriftRun> production,
    List<MigrationReport> migrations,
    List<Finding> findings,
    List<DriftItem> drift,
    List<String> errors,
    Optional<Decision> decision) {

  public ReviewContext {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(production, "production");
    migrations = List.copyOf(migrations);
    findings = List.copyOf(findings);
    drift = List.copyOf(drift);
    errors = List.copyOf(errors);
    Objects.requireNonNull(decision, "decision");
  }

  /**
   * The recognised migration layout.
   *
   * @param head every migration at head, loaded on first use
   * @param base every migration at the base, loaded on first use: the history production should have
   */
  public record Layout(
      MigrationSource source, Supplier<List<Migration>> head, Supplier<List<Migration>> base) {
    public Layout {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(base, "base");
    }
  }

  /**
   * The migrations a change adds or modifies.
   *
   * @param selected the changed migrations in tool order, each with its status (added, modified, refused...)
   * @param history the head tree's other migrations in tool order: the base's schema when there is no snapshot
   * @param findings what selecting them found (MG001: an applied migration edited)
   */
  public record Change(
      List<ChangeSelector.Selected> selected, List<Migration> history, List<Finding> findings) {
    public Change {
      selected = List.copyOf(selected);
      history = List.copyOf(history);
      findings = List.copyOf(findings);
    }

    public List<Migration> migrations() {
      return selected.stream().map(ChangeSelector.Selected::migration).toList();
    }
  }

  /** A review that has only its input. */
  public static ReviewContext start(ReviewInput input) {
    return new ReviewContext(
        input,
        input.config(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty());
  }

  /** True when this review meets what a stage needs. */
  public boolean meets(ReviewStage.Needs needs) {
    return switch (needs) {
      case NOTHING -> true;
      case LAYOUT -> layout.isPresent();
      case CHANGE -> change.isPresent();
    };
  }

  public ReviewContext withLayout(Layout l) {
    return new ReviewContext(
        input,
        config,
        Optional.of(l),
        change,
        production,
        migrations,
        findings,
        drift,
        errors,
        decision);
  }

  public ReviewContext withChange(Change c) {
    return new ReviewContext(
        input,
        config,
        layout,
        Optional.of(c),
        production,
        migrations,
        findings,
        drift,
        errors,
        decision);
  }

  /** Production's schema and the config judged for its server version. */
  public ReviewContext withProduction(Optional<DriftCheck.DriftRun> run, WardenConfig judgedFor) {
    return new ReviewContext(
        input, judgedFor, layout, change, run, migrations, findings, drift, errors, decision);
  }

  public ReviewContext withMigrations(List<MigrationReport> m) {
    return new ReviewContext(
        input, config, layout, change, production, m, findings, drift, errors, decision);
  }

  public ReviewContext withFindings(List<Finding> f) {
    return new ReviewContext(
        input, config, layout, change, production, migrations, f, drift, errors, decision);
  }

  public ReviewContext plusFindings(List<Finding> more) {
    return withFindings(concat(findings, more));
  }

  public ReviewContext plusErrors(List<String> more) {
    return new ReviewContext(
        input,
        config,
        layout,
        change,
        production,
        migrations,
        findings,
        drift,
        concat(errors, more),
        decision);
  }

  public ReviewContext withDrift(List<DriftItem> d) {
    return new ReviewContext(
        input, config, layout, change, production, migrations, findings, d, errors, decision);
  }

  public ReviewContext withDecision(Decision d) {
    return new ReviewContext(
        input,
        config,
        layout,
        change,
        production,
        migrations,
        findings,
        drift,
        errors,
        Optional.of(d));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
