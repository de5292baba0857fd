package dev.schemawarden.app.jobs;

import dev.schemawarden.app.state.StateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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
 * most one job per key runs at a time (a unique partial index makes that exact even under races). Every time it
 * compares or stores comes from its {@link Clock}, never the database's {@code now()}.
 */
public final class JobQueue {
  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int ERROR_TEXT_LIMIT = 2_000;

  /** Tries of one delivery's transaction when the store fails in a passing way (about 0.7 s in all). */
  private static final int ACCEPT_ATTEMPTS = 4;

  private final StateStore store;
  private final QueueSettings settings;
  private final Clock clock;

  public JobQueue(StateStore store, QueueSettings settings) {
    this(store, settings, Clock.systemUTC());
  }

  /** {@code clock} decides when jobs are due, leases expire and horizons pass (tests inject a simulated one). */
  public JobQueue(StateStore store, QueueSettings settings, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public QueueSettings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
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
   * and a replay never makes a second one. A passing store failure (a pooled connection that died with a restarted
   * server, too many clients, a serialization failure) is retried a few times: a store that is up always gets the
   * delivery; only a store that stays unreachable makes this throw (and the webhook answer 503).
   */
  public Accepted accept(Delivery delivery, Optional<NewJob> job) {
    for (int attempt = 1; ; attempt++) {
      try {
        return store.inTransaction(c -> acceptIn(c, delivery, job));
      } catch (StateStore.StateException e) {
        if (attempt >= ACCEPT_ATTEMPTS || !isTransient(e.sqlState())) {
          throw e;
        }
        LOG.info("storing delivery {} failed ({}); retrying", delivery.id(), e.sqlState());
        sleep(Duration.ofMillis(100L << (attempt - 1)));
      }
    }
  }

  private Accepted acceptIn(Connection c, Delivery delivery, Optional<NewJob> job)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
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
    // A review reads the pull request as it is when it runs, so one queued review per pull request
    // is enough. A pull request merges once: a second apply job for it (another hook, the same
    // merge) is never needed.
    String coalesce =
        j.kind().equals("review")
            ? " WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE job_key = ? AND kind = 'review' AND status = 'queued')"
            : j.kind().equals("apply")
                ? " WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE job_key = ? AND kind = 'apply'"
                    + " AND status NOT IN ('failed', 'cancelled'))"
                : "";
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO jobs (host, delivery_id, job_key, kind, payload, run_after) SELECT ?, ?, ?, ?, ?, ?"
                + coalesce)) {
      s.setString(1, delivery.host());
      s.setString(2, delivery.id());
      s.setString(3, j.key());
      s.setString(4, j.kind());
      s.setString(5, j.payload());
      s.setTimestamp(6, Timestamp.from(clock.instant()));
      if (!coalesce.isEmpty()) {
        s.setString(7, j.key());
      }
      return s.executeUpdate() == 1 ? Accepted.ENQUEUED : Accepted.COALESCED;
    }
  }

  /** Connection lost, server shutting down or out of connections, serialization failure or deadlock. */
  static boolean isTransient(String sqlState) {
    return sqlState.isEmpty()
        || sqlState.startsWith("08")
        || sqlState.startsWith("57P")
        || sqlState.startsWith("53")
        || sqlState.equals("40001")
        || sqlState.equals("40P01");
  }

  /** Claims the next due job (or one whose lease expired), or empty when there is none. */
  public Optional<Job> claim(String worker) {
    String owner = worker + ":" + UUID.randomUUID();
    Optional<Claimed> claimed;
    try {
      claimed = store.inTransaction(c -> claimIn(c, owner, clock.instant()));
    } catch (StateStore.StateException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState())) {
        return Optional
            .empty(); // another worker started a job of the same pull request at the same moment
      }
      throw e;
    }
    if (claimed.isPresent()
        && claimed.get().leaseExpired()
        && pastHorizon(claimed.get().job(), clock.instant())) {
      // Its worker died, again and again until the horizon: give up rather than loop on a job that
      // kills workers.
      Job j = claimed.get().job();
      finish(
          j,
          "failed",
          Optional.of(
              "lease expired after "
                  + (j.attempts() - 1)
                  + " attempt(s) and the retry"
                  + " horizon ("
                  + human(settings.horizon())
                  + ") has passed: the worker stopped or crashed while running it;"
                  + " requeue with `warden jobs retry "
                  + j.id()
                  + "`"));
      LOG.warn("job {} ({}) failed: lease expired past its retry horizon", j.id(), j.key());
      return Optional.empty();
    }
    return claimed.map(Claimed::job);
  }

  private record Claimed(Job job, boolean leaseExpired) {}

  private Optional<Claimed> claimIn(Connection c, String owner, Instant now) throws SQLException {
    String sql =
        """
        WITH next AS (
          SELECT id, status AS was FROM jobs j
          WHERE ((status = 'queued' AND run_after <= ?) OR (status = 'running' AND lease_until < ?))
            AND NOT EXISTS (SELECT 1 FROM jobs r
                            WHERE r.job_key = j.job_key AND r.status = 'running' AND r.id <> j.id)
          ORDER BY run_after, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
        UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ?,
                        first_attempt_at = COALESCE(first_attempt_at, ?), deferred = false
        FROM next WHERE jobs.id = next.id
        RETURNING jobs.id, jobs.host, jobs.delivery_id, jobs.job_key, jobs.kind, jobs.payload, jobs.attempts,
                  jobs.first_attempt_at, next.was
        """;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      Timestamp at = Timestamp.from(now);
      s.setTimestamp(1, at);
      s.setTimestamp(2, at);
      s.setString(3, owner);
      s.setTimestamp(4, Timestamp.from(now.plus(settings.lease())));
      s.setTimestamp(5, at);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Claimed(
                new Job(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getInt(7),
                    rs.getTimestamp(8).toInstant(),
                    owner),
                "running".equals(rs.getString(9))));
      }
    }
  }

  /** Extends the lease of a running job; false when the claim was lost (expired and taken, or cancelled). */
  public boolean extendLease(Job job) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE jobs SET lease_until = ? WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().plus(settings.lease())));
            s.setLong(2, job.id());
            s.setString(3, job.leaseOwner());
            return s.executeUpdate() == 1;
          }
        });
  }

  /** Marks the job done; false when this claim no longer owned it (lease lost, or the job was cancelled). */
  public boolean complete(Job job) {
    return finish(job, "done", Optional.empty());
  }

  /** How {@link #fail} left the job. */
  public enum Failed {
    /** Queued again for a later attempt. */
    RETRY,
    /** Failed for good: the next attempt would pass the horizon, or the error is not worth retrying. */
    FAILED,
    /** This claim no longer owned the job (lease lost, or cancelled): nothing recorded. */
    LOST
  }

  /**
   * Records a failed attempt: the job is queued again after an exponential backoff with jitter (and not before the
   * host's {@code notBefore}, nor before {@code after} from now), or marked {@code failed} when that next attempt
   * would fall past its horizon ({@link QueueSettings#horizon()} from its first attempt).
   */
  public Failed fail(Job job, String error, Optional<Instant> notBefore, Optional<Duration> after) {
    Instant now = clock.instant();
    Instant next =
        latest(latest(now.plus(backoff(job.attempts())), notBefore), after.map(now::plus));
    Instant deadline = job.firstAttempt().plus(settings.horizon());
    if (next.isAfter(deadline)) {
      String why =
          "gave up after "
              + job.attempts()
              + " attempt(s) over "
              + human(Duration.between(job.firstAttempt(), now))
              + ": the next one ("
              + next
              + ") would pass the retry horizon of "
              + human(settings.horizon())
              + " (WARDEN_JOB_RETRY_HORIZON); requeue with `warden jobs retry "
              + job.id()
              + "`; last error: "
              + error;
      return finish(job, "failed", Optional.of(why)) ? Failed.FAILED : Failed.LOST;
    }
    boolean requeued =
        store.withConnection(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "UPDATE jobs SET status = 'queued', run_after = ?, lease_until = NULL, lease_owner = NULL,"
                          + " last_error = ? WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
                s.setTimestamp(1, Timestamp.from(next));
                s.setString(2, truncate(error));
                s.setLong(3, job.id());
                s.setString(4, job.leaseOwner());
                return s.executeUpdate() == 1;
              }
            });
    return requeued ? Failed.RETRY : Failed.LOST;
  }

  /** Fails the job for good without retrying (the error is the repository's or the configuration's fault). */
  public Failed failPermanently(Job job, String error) {
    return finish(job, "failed", Optional.of(error)) ? Failed.FAILED : Failed.LOST;
  }

  /**
   * Gives the claim back unattempted because the job's host breaker is open: queued again at {@code until}, its
   * attempt count and (if this was to be its first attempt) its horizon start undone, so only the passing time
   * counts against it. A job whose horizon would pass before {@code until} fails.
   */
  public Failed defer(Job job, Instant until, String why) {
    if (job.attempts() > 1 && until.isAfter(job.firstAttempt().plus(settings.horizon()))) {
      return finish(
              job,
              "failed",
              Optional.of(
                  "the retry horizon of "
                      + human(settings.horizon())
                      + " (WARDEN_JOB_RETRY_HORIZON) passed while "
                      + why
                      + "; requeue with `warden jobs retry "
                      + job.id()
                      + "`"))
          ? Failed.FAILED
          : Failed.LOST;
    }
    boolean deferred =
        store.withConnection(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "UPDATE jobs SET status = 'queued', run_after = ?, lease_until = NULL, lease_owner = NULL,"
                          + " attempts = attempts - 1, deferred = true,"
                          + " first_attempt_at = CASE WHEN attempts <= 1 THEN NULL ELSE first_attempt_at END"
                          + " WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
                s.setTimestamp(1, Timestamp.from(until));
                s.setLong(2, job.id());
                s.setString(3, job.leaseOwner());
                return s.executeUpdate() == 1;
              }
            });
    return deferred ? Failed.RETRY : Failed.LOST;
  }

  /**
   * Gives a running job back because this instance is stopping ({@code SIGTERM}): queued again, due now, its attempt
   * undone, so another instance claims it at once instead of after the lease. False when the claim was lost.
   */
  public boolean release(Job job) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE jobs SET status = 'queued', run_after = ?, lease_until = NULL, lease_owner = NULL,"
                      + " attempts = attempts - 1,"
                      + " first_attempt_at = CASE WHEN attempts <= 1 THEN NULL ELSE first_attempt_at END"
                      + " WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setLong(2, job.id());
            s.setString(3, job.leaseOwner());
            return s.executeUpdate() == 1;
          }
        });
  }

  /** The host is back: the jobs its breaker pushed back become due now. Returns how many. */
  public int releaseDeferred(String host) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE jobs SET run_after = ?, deferred = false WHERE host = ? AND status = 'queued' AND deferred")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setString(2, host);
            return s.executeUpdate();
          }
        });
  }

  private boolean pastHorizon(Job job, Instant now) {
    return now.isAfter(job.firstAttempt().plus(settings.horizon()));
  }

  private static Instant latest(Instant a, Optional<Instant> b) {
    return b.filter(x -> x.isAfter(a)).orElse(a);
  }

  /** {@code 6h}, {@code 10m30s}, {@code 45s}: for messages. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    String out =
        (s >= 3600 ? s / 3600 + "h" : "")
            + (s % 3600 >= 60 ? s % 3600 / 60 + "m" : "")
            + (s % 60 > 0 || s == 0 ? s % 60 + "s" : "");
    return out;
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
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE jobs SET status = ?, finished_at = ?, lease_until = NULL, last_error = COALESCE(?, last_error)"
                      + " WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
            s.setString(1, status);
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setString(3, error.map(JobQueue::truncate).orElse(null));
            s.setLong(4, job.id());
            s.setString(5, job.leaseOwner());
            return s.executeUpdate() == 1;
          }
        });
  }

  /** Jobs by status, for metrics and tests. */
  public Map<String, Integer> countByStatus() {
    return store.withConnection(
        c -> {
          Map<String, Integer> counts = new LinkedHashMap<>();
          for (String status : JobAdmin.STATUSES) {
            counts.put(status, 0);
          }
          try (PreparedStatement s =
                  c.prepareStatement("SELECT status, count(*) FROM jobs GROUP BY status");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              counts.put(rs.getString(1), rs.getInt(2));
            }
          }
          return Map.copyOf(counts);
        });
  }

  /** How many jobs failed for good (no retry left) at or after {@code since}: the console's health. */
  public int failedSince(Instant since) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT count(*) FROM jobs WHERE status = 'failed' AND finished_at >= ?")) {
            s.setTimestamp(1, java.sql.Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing a delivery", e);
    }
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String truncate(String s) {
    return s.length() <= ERROR_TEXT_LIMIT ? s : s.substring(0, ERROR_TEXT_LIMIT) + "...";
  }
}
