package dev.schemawarden.app.jobs;

import dev.schemawarden.app.state.StateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue in the state store. Several bot instances may share it: jobs are claimed with
 * {@code FOR UPDATE SKIP LOCKED} under a lease, a job whose lease expired (its worker died) is claimed again, and at
 * most one job per key runs at a time (a unique partial index makes that exact even under races).
 */
public final class JobQueue {
  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int ERROR_TEXT_LIMIT = 2_000;

  private final StateStore store;
  private final QueueSettings settings;

  public JobQueue(StateStore store, QueueSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public QueueSettings settings() {
    return settings;
  }

  /** What became of a delivery. */
  public enum Accepted {
    /** Recorded and a job enqueued. */
    ENQUEUED,
    /** Recorded; a queued job for the same pull request will do the work. */
    COALESCED,
    /** Recorded; nothing to do for this event. */
    RECORDED,
    /** Seen before (the host redelivered it): nothing stored, nothing enqueued. */
    DUPLICATE
  }

  /**
   * Records the delivery and enqueues its job in one transaction, so a delivery is never stored without its job
   * and a replay never makes a second one.
   */
  public Accepted accept(Delivery delivery, Optional<NewJob> job) {
    return store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO deliveries (host, delivery_id, event, action) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        s.setString(1, delivery.host());
        s.setString(2, delivery.id());
        s.setString(3, delivery.event());
        s.setString(4, delivery.action());
        if (s.executeUpdate() == 0) {
          return Accepted.DUPLICATE;
        }
      }
      if (job.isEmpty()) {
        return Accepted.RECORDED;
      }
      NewJob j = job.get();
      // A review reads the pull request as it is when it runs, so one queued review per pull request is enough.
      // A pull request merges once: a second apply job for it (another hook, the same merge) is never needed.
      String coalesce = j.kind().equals("review")
          ? " WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE job_key = ? AND kind = 'review' AND status = 'queued')"
          : j.kind().equals("apply")
          ? " WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE job_key = ? AND kind = 'apply' AND status <> 'failed')"
          : "";
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO jobs (host, delivery_id, job_key, kind, payload, max_attempts) SELECT ?, ?, ?, ?, ?, ?"
              + coalesce)) {
        s.setString(1, delivery.host());
        s.setString(2, delivery.id());
        s.setString(3, j.key());
        s.setString(4, j.kind());
        s.setString(5, j.payload());
        s.setInt(6, settings.maxAttempts());
        if (!coalesce.isEmpty()) {
          s.setString(7, j.key());
        }
        return s.executeUpdate() == 1 ? Accepted.ENQUEUED : Accepted.COALESCED;
      }
    });
  }

  /** Claims the next due job (or one whose lease expired), or empty when there is none. */
  public Optional<Job> claim(String worker) {
    String owner = worker + ":" + UUID.randomUUID();
    Optional<Job> claimed;
    try {
      claimed = store.inTransaction(c -> claimIn(c, owner));
    } catch (StateStore.StateException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState())) {
        return Optional.empty(); // another worker started a job of the same pull request at the same moment
      }
      throw e;
    }
    if (claimed.isPresent() && claimed.get().attempts() > claimed.get().maxAttempts()) {
      // Its worker died on the last attempt: give up rather than loop on a job that kills workers.
      Job j = claimed.get();
      finish(j, "failed", Optional.of("lease expired on the last attempt (the worker stopped or crashed)"));
      LOG.warn("job {} ({}) failed: lease expired after {} attempt(s)", j.id(), j.key(), j.maxAttempts());
      return Optional.empty();
    }
    return claimed;
  }

  private Optional<Job> claimIn(Connection c, String owner) throws SQLException {
    String sql = """
        WITH next AS (
          SELECT id FROM jobs j
          WHERE ((status = 'queued' AND run_after <= now()) OR (status = 'running' AND lease_until < now()))
            AND NOT EXISTS (SELECT 1 FROM jobs r
                            WHERE r.job_key = j.job_key AND r.status = 'running' AND r.id <> j.id)
          ORDER BY run_after, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
        UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = ?,
                        lease_until = now() + make_interval(secs => ?)
        FROM next WHERE jobs.id = next.id
        RETURNING jobs.id, jobs.host, jobs.delivery_id, jobs.job_key, jobs.kind, jobs.payload, jobs.attempts,
                  jobs.max_attempts
        """;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, owner);
      s.setDouble(2, seconds(settings.lease()));
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), owner));
      }
    }
  }

  /** Extends the lease of a running job; false when the claim was lost (the lease expired and was taken). */
  public boolean extendLease(Job job) {
    return store.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE jobs SET lease_until = now() + make_interval(secs => ?)"
              + " WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
        s.setDouble(1, seconds(settings.lease()));
        s.setLong(2, job.id());
        s.setString(3, job.leaseOwner());
        return s.executeUpdate() == 1;
      }
    });
  }

  /** Marks the job done; false when this claim no longer owned it. */
  public boolean complete(Job job) {
    return finish(job, "done", Optional.empty());
  }

  /**
   * Records a failed attempt: the job is queued again after an exponential backoff with jitter (and not before
   * {@code notBefore}), or marked {@code failed} when it has used its attempts.
   */
  public boolean fail(Job job, String error, Optional<Instant> notBefore) {
    if (job.attempts() >= job.maxAttempts()) {
      return finish(job, "failed", Optional.of(error));
    }
    Instant backoff = Instant.now().plus(backoff(job.attempts()));
    Instant runAfter = notBefore.filter(n -> n.isAfter(backoff)).orElse(backoff);
    return store.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE jobs SET status = 'queued', run_after = ?, lease_until = NULL, lease_owner = NULL,"
              + " last_error = ? WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
        s.setTimestamp(1, Timestamp.from(runAfter));
        s.setString(2, truncate(error));
        s.setLong(3, job.id());
        s.setString(4, job.leaseOwner());
        return s.executeUpdate() == 1;
      }
    });
  }

  /** Full-jitter exponential backoff: between half and all of {@code base * 2^(attempt-1)}, capped. */
  Duration backoff(int attempt) {
    long base = settings.baseBackoff().toMillis();
    long cap = settings.maxBackoff().toMillis();
    long exp = attempt >= 31 ? cap : Math.min(cap, base * (1L << Math.max(0, attempt - 1)));
    long jittered = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
    return Duration.ofMillis(jittered);
  }

  private boolean finish(Job job, String status, Optional<String> error) {
    return store.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE jobs SET status = ?, finished_at = now(), lease_until = NULL, last_error = COALESCE(?, last_error)"
              + " WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
        s.setString(1, status);
        s.setString(2, error.map(JobQueue::truncate).orElse(null));
        s.setLong(3, job.id());
        s.setString(4, job.leaseOwner());
        return s.executeUpdate() == 1;
      }
    });
  }

  /** Jobs by status, for metrics and tests. */
  public Map<String, Integer> countByStatus() {
    return store.withConnection(c -> {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (String status : new String[] {"queued", "running", "done", "failed"}) {
        counts.put(status, 0);
      }
      try (PreparedStatement s = c.prepareStatement("SELECT status, count(*) FROM jobs GROUP BY status");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getInt(2));
        }
      }
      return Map.copyOf(counts);
    });
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String truncate(String s) {
    return s.length() <= ERROR_TEXT_LIMIT ? s : s.substring(0, ERROR_TEXT_LIMIT) + "...";
  }
}
