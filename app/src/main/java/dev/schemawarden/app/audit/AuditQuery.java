package dev.schemawarden.app.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Filters for listing and exporting the audit log; every filter is optional and they combine with AND. */
public record AuditQuery(Optional<Instant> since, Optional<Instant> until, Optional<String> repository,
    Optional<String> environment, Optional<AuditEvent> event, int limit) {

  public AuditQuery {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(event, "event");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  public static AuditQuery all() {
    return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Integer.MAX_VALUE);
  }

  public AuditQuery withEvent(AuditEvent e) {
    return new AuditQuery(since, until, repository, environment, Optional.of(e), limit);
  }

  public AuditQuery withRepository(String r) {
    return new AuditQuery(since, until, Optional.of(r), environment, event, limit);
  }

  public AuditQuery withEnvironment(String env) {
    return new AuditQuery(since, until, repository, Optional.of(env), event, limit);
  }
}
