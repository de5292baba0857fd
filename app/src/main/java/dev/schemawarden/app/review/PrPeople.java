package dev.schemawarden.app.review;

import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.PolicyOverride;
import dev.schemawarden.policy.api.TeamDirectory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is involved in the change under review, as the policy stage needs it: filled from flags by
 * {@code warden review} and from the code host by the webhook service. Nothing here is trusted for more than it
 * says: separation of duties (POL002) decides which approvals count.
 *
 * @param prNumber the pull request number, 0 when there is none (a local review)
 * @param author who opened the change; empty when unknown (then no approval is set aside as the author's)
 * @param committers authors and committers of the change's commits
 * @param approvals reviews submitted on the change, each bound to the commit it was given on
 * @param labels labels on the pull request
 * @param environment the target environment ({@code production} when empty)
 * @param headSha the head commit when the reviewed tree does not say (a {@code --base-dir} review, a host checkout);
 *     a git review's own head SHA wins
 * @param teams team membership, resolved at decision time; the context file's {@code teams:} map adds to it
 * @param codeowners the CODEOWNERS owners of the changed files
 * @param overrides override requests found on the pull request
 * @param botIdentity the bot's own login on the host, which can never approve
 */
public record PrPeople(
    int prNumber,
    Optional<String> author,
    Set<String> committers,
    List<Approval> approvals,
    Set<String> labels,
    Optional<String> environment,
    Optional<String> headSha,
    TeamDirectory teams,
    List<String> codeowners,
    List<PolicyOverride> overrides,
    String botIdentity) {

  public static final String DEFAULT_BOT = "schema-warden[bot]";

  public PrPeople {
    Objects.requireNonNull(author, "author");
    committers = Set.copyOf(committers);
    approvals = List.copyOf(approvals);
    labels = Set.copyOf(labels);
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(teams, "teams");
    codeowners = List.copyOf(codeowners);
    overrides = List.copyOf(overrides);
    Objects.requireNonNull(botIdentity, "botIdentity");
  }

  /** Nobody known: no author, no approvals, no teams. */
  public static PrPeople unknown() {
    return new PrPeople(
        0,
        Optional.empty(),
        Set.of(),
        List.of(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        TeamDirectory.empty(),
        List.of(),
        List.of(),
        DEFAULT_BOT);
  }
}
