package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.ReviewReport.ReviewTarget;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.policy.api.Decision;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Decides allow / needs_approval / deny from the findings and the change. */
@FunctionalInterface
public interface PolicyCheck {
  Decision decide(PolicyInput input);

  /**
   * What the policy stage judges.
   *
   * @param people who is involved (author, approvals, teams...); {@link PrPeople#unknown()} when nobody is known
   * @param settingsRoot the settings tree on disk ({@code Workspace#settingsRoot}: head for local runs, base for the
   *     service), where CODEOWNERS is read; empty when there is no tree
   */
  record PolicyInput(
      ReviewTarget target,
      PrPeople people,
      List<MigrationReport> migrations,
      List<Finding> findings,
      List<DriftItem> drift,
      WardenConfig config,
      Optional<Path> settingsRoot) {
    public PolicyInput {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(people, "people");
      migrations = List.copyOf(migrations);
      findings = List.copyOf(findings);
      drift = List.copyOf(drift);
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(settingsRoot, "settingsRoot");
    }
  }
}
