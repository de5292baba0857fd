package dev.schemawarden.app.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters for listing and exporting the audit log; every filter is optional and they combine with AND.
 *
 * @param actor the entry's {@code actor} ({@code agent:NAME} for an MCP tool call)
 */
public record AuditQuery(
    Optional<Instant> since,
    Optional<Instant> until,
    Optional<String> repository,
    Optional<String> environment,
    Optional<AuditEvent> event,
    int limit,
    Optional<String> actor) {

  /** Any actor. */
  public AuditQuery(
      Optional<Instant> since,
      Optional<Instant> until,
      Optional<String> repository,
      Optional<String> environment,
      Optional<AuditEvent> event,
      int limit) {
    this(since, until, repository, environment, event, limit, Optional.empty());
  }

  public AuditQuery {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(actor, "actor");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  public static AuditQuery all() {
    return new AuditQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Integer.MAX_VALUE);
  }

  public AuditQuery withEvent(AuditEvent e) {
    return new AuditQuery(since, until, repository, environment, Optional.of(e), limit, actor);
  }

  public AuditQuery withRepository(String r) {
    return new AuditQuery(since, until, Optional.of(r), environment, event, limit, actor);
  }

  public AuditQuery withActor(String who) {
    return new AuditQuery(since, until, repository, environment, event, limit, Optional.of(who));
  }

  public AuditQuery withLimit(int max) {
    return new AuditQuery(since, until, repository, environment, event, max, actor);
  }

  public AuditQuery withEnvironment(String env) {
    return new AuditQuery(since, until, repository, Optional.of(env), event, limit, actor);
  }
}
