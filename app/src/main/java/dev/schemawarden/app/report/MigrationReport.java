package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.Migration;
import java.util.List;
import java.util.Objects;

/**
 * A migration in the report with how the change touches it ({@code added} or {@code modified}; {@code linted} for
 * {@code warden lint}) and the effects of each of its statements, in statement order.
 */
public record MigrationReport(Migration migration, String status, List<StatementReport> statements) {
  public MigrationReport {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(status, "status");
    statements = List.copyOf(statements);
  }
}
