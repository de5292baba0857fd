package dev.schemawarden.app.jobs;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.state.StateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator does with the queue ({@code warden jobs}, {@code /api/jobs}): list jobs, requeue a failed or
 * cancelled one (its horizon starts again), cancel a queued or running one. Cancelling a running job fences its
 * worker out: the worker's final update matches no row, so its result is discarded.
 */
public final class JobAdmin {
  public static final List<String> STATUSES =
      List.of("queued", "running", "done", "failed", "cancelled");
  public static final int MAX_LIST = 1000;

  private final StateStore store;
  private final Clock clock;

  public JobAdmin(StateStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A status a user typed, checked: one clear error naming the choices. */
  public static String status(String s) {
    if (!STATUSES.contains(s)) {
      throw new WardenException(
          ErrorCode.USAGE,
          "unknown job status '" + s + "': use one of " + String.join(", ", STATUSES));
    }
    return s;
  }

  /** Newest first, at most {@code limit}, optionally only one status. */
  public List<JobView> list(Optional<String> status, int limit) {
    status.ifPresent(JobAdmin::status);
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, host, delivery_id, job_key, kind, status, attempts,"
                      + " created_at, first_attempt_at, run_after, finished_at, last_error FROM jobs"
                      + (status.isPresent() ? " WHERE status = ?" : "")
                      + " ORDER BY id DESC LIMIT ?")) {
            int i = 1;
            if (status.isPresent()) {
              s.setString(i++, status.get());
            }
            s.setInt(i, Math.max(1, Math.min(limit, MAX_LIST)));
            List<JobView> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(view(rs));
              }
            }
            return List.copyOf(out);
          }
        });
  }

  public Optional<JobView> show(long id) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, host, delivery_id, job_key, kind, status, attempts,"
                      + " created_at, first_attempt_at, run_after, finished_at, last_error FROM jobs WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Requeues a failed or cancelled job to run now, as new: attempts from zero and its horizon counted again from
   * its next attempt. Anything else (queued, running, done) is a usage error naming the job's status.
   */
  public JobView retry(long id) {
    boolean changed =
        store.withConnection(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "UPDATE jobs SET status = 'queued', attempts = 0,"
                          + " first_attempt_at = NULL, run_after = ?, finished_at = NULL, lease_owner = NULL, lease_until = NULL,"
                          + " deferred = false WHERE id = ? AND status IN ('failed', 'cancelled')")) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.setLong(2, id);
                return s.executeUpdate() == 1;
              }
            });
    return afterChange(id, changed, "retried", "only failed or cancelled jobs can be retried");
  }

  /** Requeues every failed job; returns how many. */
  public int retryAllFailed() {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE jobs SET status = 'queued', attempts = 0,"
                      + " first_attempt_at = NULL, run_after = ?, finished_at = NULL, lease_owner = NULL, lease_until = NULL,"
                      + " deferred = false WHERE status = 'failed'")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            return s.executeUpdate();
          }
        });
  }

  /** Cancels a queued or running job; a running one's worker can no longer complete, fail or retry it. */
  public JobView cancel(long id) {
    boolean changed =
        store.withConnection(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "UPDATE jobs SET status = 'cancelled', finished_at = ?,"
                          + " lease_until = NULL, last_error = COALESCE(last_error, 'cancelled by an operator')"
                          + " WHERE id = ? AND status IN ('queued', 'running')")) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.setLong(2, id);
                return s.executeUpdate() == 1;
              }
            });
    return afterChange(id, changed, "cancelled", "only queued or running jobs can be cancelled");
  }

  private JobView afterChange(long id, boolean changed, String verb, String rule) {
    JobView now =
        show(id)
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.USAGE, "no job " + id + ": list them with `warden jobs list`"));
    if (!changed) {
      throw new WardenException(
          ErrorCode.USAGE,
          "job " + id + " is " + now.status() + " and was not " + verb + ": " + rule);
    }
    return now;
  }

  private static JobView view(ResultSet rs) throws SQLException {
    return new JobView(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getTimestamp(8).toInstant(),
        instant(rs.getTimestamp(9)),
        rs.getTimestamp(10).toInstant(),
        instant(rs.getTimestamp(11)),
        Optional.ofNullable(rs.getString(12)));
  }

  private static Optional<Instant> instant(Timestamp t) {
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }
}
