package dev.schemawarden.app.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Prunes the service's own rows older than their {@link RetentionSettings} age. {@link #TABLES} is the one list of
 * what may be pruned: the embedded store grants the bot DELETE on exactly these tables and nothing else, so the
 * audit log ({@code warden_audit.audit_log}) can never be pruned, by this code or by the bot's role.
 */
public final class Retention {

  /**
   * A table rows are pruned from.
   *
   * @param table the table in the state store's {@code public} schema
   * @param setting the environment variable that sets its age (for docs and messages)
   * @param age its age in the settings
   * @param olderThan the timestamp column compared with now minus the age
   * @param also a further condition a pruned row must meet (SQL, may be {@code TRUE})
   */
  public record PrunedTable(
      String table,
      String setting,
      Function<RetentionSettings, Duration> age,
      String olderThan,
      String also) {
    public PrunedTable {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(age, "age");
      Objects.requireNonNull(olderThan, "olderThan");
      Objects.requireNonNull(also, "also");
    }
  }

  /**
   * Every pruned table, in the order pruned (jobs before the deliveries they refer to). A new table of review or
   * queue rows goes here, and only here; the audit log never does.
   */
  public static final List<PrunedTable> TABLES =
      List.of(
          new PrunedTable(
              "reviews",
              "WARDEN_RETENTION_REVIEWS",
              RetentionSettings::reviews,
              "started_at",
              "TRUE"),
          new PrunedTable(
              "jobs",
              "WARDEN_RETENTION_JOBS",
              RetentionSettings::jobs,
              "finished_at",
              "status IN ('done', 'failed', 'cancelled')"),
          new PrunedTable(
              "deliveries",
              "WARDEN_RETENTION_DELIVERIES",
              RetentionSettings::deliveries,
              "received_at",
              "NOT EXISTS (SELECT 1 FROM jobs j"
                  + " WHERE j.host = deliveries.host AND j.delivery_id = deliveries.delivery_id)"));

  private final RetentionSettings settings;

  public Retention(RetentionSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Deletes what is older than its age at {@code now}, table by table in {@code c}'s transaction; rows per table. */
  public Map<String, Integer> prune(Connection c, Instant now) throws SQLException {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    for (PrunedTable t : TABLES) {
      try (PreparedStatement s =
          c.prepareStatement(
              "DELETE FROM "
                  + t.table()
                  + " WHERE "
                  + t.olderThan()
                  + " < ? AND ("
                  + t.also()
                  + ")")) {
        s.setTimestamp(1, Timestamp.from(now.minus(t.age().apply(settings))));
        deleted.put(t.table(), s.executeUpdate());
      }
    }
    return Map.copyOf(deleted);
  }
}
