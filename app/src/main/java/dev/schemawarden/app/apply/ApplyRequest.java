package dev.schemawarden.app.apply;

import dev.schemawarden.policy.api.Approval;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to apply where, and on whose authority.
 *
 * @param repo the merged checkout
 * @param config a config file instead of {@code repo/.schemawarden.yml}
 * @param targets the environments, in the order they are applied; a refusal or failure stops the rest
 * @param repository {@code owner/name}
 * @param pr the pull request number ({@code 0} for a manual run)
 * @param headSha the commit that was reviewed and approved; approvals count only for it
 * @param mergeSha the merged commit being applied (its migrations must be the reviewed ones)
 * @param approvals the reviews on the pull request; the policy decides which count
 * @param actor who asked for it when it was not a person: {@code agent:NAME} for an agent's {@code request_apply},
 *     written on every audit entry of this apply; {@code ""} otherwise
 */
public record ApplyRequest(
    Path repo,
    Optional<Path> config,
    List<Target> targets,
    String repository,
    int pr,
    String author,
    Set<String> committers,
    String baseSha,
    String headSha,
    String mergeSha,
    List<Approval> approvals,
    ApplySettings settings,
    String actor) {

  /** Asked for by a person (the CLI, the webhook service): no actor. */
  public ApplyRequest(
      Path repo,
      Optional<Path> config,
      List<Target> targets,
      String repository,
      int pr,
      String author,
      Set<String> committers,
      String baseSha,
      String headSha,
      String mergeSha,
      List<Approval> approvals,
      ApplySettings settings) {
    this(
        repo,
        config,
        targets,
        repository,
        pr,
        author,
        committers,
        baseSha,
        headSha,
        mergeSha,
        approvals,
        settings,
        "");
  }

  public ApplyRequest {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(config, "config");
    targets = List.copyOf(targets);
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(author, "author");
    committers = Set.copyOf(committers);
    Objects.requireNonNull(baseSha, "baseSha");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(mergeSha, "mergeSha");
    approvals = List.copyOf(approvals);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(actor, "actor");
  }
}
