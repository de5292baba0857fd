package dev.schemawarden.policy.api;

import java.util.Objects;

/**
 * A request to set aside one finding id (e.g. {@code LK101}) or one policy id for this pull request, with a
 * written reason. It applies only to the head commit {@code sha} it was given on and only when {@code user} is
 * authorised by the policy file's {@code overrides.authorized}. The built-in policies can never be overridden.
 * (Named {@code PolicyOverride} so it does not shadow {@link java.lang.Override}.)
 */
public record PolicyOverride(String user, String targetId, String reason, String sha) {
  public PolicyOverride {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(sha, "sha");
  }
}
