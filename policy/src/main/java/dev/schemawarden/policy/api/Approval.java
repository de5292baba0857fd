package dev.schemawarden.policy.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One review a person submitted on the pull request, as the host reports it.
 *
 * @param user the reviewer's login
 * @param sha the commit the review was given on; it counts only while that commit is the head
 * @param submittedAt when; the latest review of a user on the head commit is the one that counts
 */
public record Approval(String user, String sha, Instant submittedAt, State state) {

  public enum State {
    APPROVED,
    CHANGES_REQUESTED,
    COMMENTED,
    DISMISSED
  }

  public Approval {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(state, "state");
  }

  public static Approval approved(String user, String sha, Instant submittedAt) {
    return new Approval(user, sha, submittedAt, State.APPROVED);
  }
}
