package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.git.Workspace;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one review starts from, the same whichever face asked (CLI, Action, webhook service): the two trees
 * and what changed between them ({@link Workspace}: a local checkout, two directories or the service's repository
 * cache), the configuration as read from the settings tree, and what the caller adds.
 *
 * @param workspace base and head trees, the changed files and the target (repository, refs, pull request)
 * @param config {@code .schemawarden.yml} of the settings tree ({@code --config} when given), or the defaults
 * @param failOn the lowest severity that fails the review ({@code --fail-on}, else the config's)
 * @param engine the engine the config names
 * @param people author, approvals, teams... for the policy
 * @param snapshotFile {@code --snapshot FILE}: wins over the config's {@code snapshot:}
 * @param traceRequested {@code --trace} / {@code --no-trace}; empty when the caller did not say
 */
public record ReviewInput(
    Workspace workspace,
    WardenConfig config,
    Severity failOn,
    DatabaseEngine engine,
    PrPeople people,
    Optional<Path> snapshotFile,
    Optional<Boolean> traceRequested) {
  public ReviewInput {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(failOn, "failOn");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(people, "people");
    Objects.requireNonNull(snapshotFile, "snapshotFile");
    Objects.requireNonNull(traceRequested, "traceRequested");
  }
}
