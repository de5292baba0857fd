package dev.schemawarden.app.console;

import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.VerifyResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The models of the console's pages, one record per template in {@code src/main/jte}. Form values are echoed as
 * the user typed them (escaped by the template); {@code error} is a sentence about bad input, {@code ""} for none.
 */
public final class Pages {
  private Pages() {}

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** How the console prints an instant. */
  public static String when(Instant t) {
    return WHEN.format(t);
  }

  /**
   * Queue depth and failures from the jobs table, and the replica cluster.
   *
   * @param failedLast24h jobs that failed for good in the last 24 hours
   * @param replica {@code "not started"}, or the provider and its PostgreSQL version
   */
  public record Health(
      int queued, int running, int failed, int done, int failedLast24h, Replica replica) {
    public Health {
      Objects.requireNonNull(replica, "replica");
    }

    public static Health of(Map<String, Integer> byStatus, int failedLast24h, Replica replica) {
      return new Health(
          byStatus.getOrDefault("queued", 0),
          byStatus.getOrDefault("running", 0),
          byStatus.getOrDefault("failed", 0),
          byStatus.getOrDefault("done", 0),
          failedLast24h,
          replica);
    }
  }

  /**
   * The process's replica cluster: started by the first review that needed one, or not (yet).
   *
   * @param provider {@code embedded}, {@code server}, ...; {@code ""} when not started
   * @param version its PostgreSQL version; {@code ""} when not started
   */
  public record Replica(boolean started, String provider, String version) {
    public static final Replica NOT_STARTED = new Replica(false, "", "");

    public Replica {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(version, "version");
    }

    /** As the health section prints it. */
    public String label() {
      return started ? "started (" + provider + ", PostgreSQL " + version + ")" : "not started";
    }
  }

  public record ReviewsPage(
      List<ReviewSummary> rows,
      String repository,
      String decision,
      String since,
      String until,
      String nextUrl,
      String error,
      Health health) {
    public ReviewsPage {
      rows = List.copyOf(rows);
    }

    public List<String> decisions() {
      return ReviewFilter.DECISIONS;
    }
  }

  /** One audit entry as the list shows it: the indexed columns plus the actor and note from its body. */
  public record AuditRow(
      long seq,
      String time,
      String event,
      String repository,
      int pr,
      String environment,
      String actor,
      String note,
      String hash) {
    public static AuditRow of(AuditEntry e) {
      var body = e.json();
      String actor = body.path("actor").asText("");
      return new AuditRow(
          e.seq(),
          when(e.time()),
          e.event().label(),
          e.repository(),
          e.pr(),
          e.environment(),
          actor.isEmpty() ? body.path("author").asText("") : actor,
          body.path("note").asText(""),
          e.hash());
    }
  }

  /** The result of "verify chain". */
  public record VerifyView(
      boolean ok, long entries, long headSeq, String headHash, long firstBad, String problem) {
    public static VerifyView of(VerifyResult r) {
      return new VerifyView(
          r.ok(), r.entries(), r.headSeq(), r.headHash(), r.firstBad().orElse(0), r.problem());
    }
  }

  public record AuditPage(
      List<AuditRow> rows,
      String actor,
      String environment,
      String object,
      String outcome,
      String since,
      String until,
      String nextUrl,
      String error,
      Optional<VerifyView> verify,
      List<String> outcomes) {
    public AuditPage {
      rows = List.copyOf(rows);
      outcomes = List.copyOf(outcomes);
    }
  }

  /** @param body the entry's canonical JSON, pretty-printed */
  public record AuditEntryPage(AuditRow row, String body, String prevHash) {}

  /** @param configured false when the service has no WARDEN_API_TOKEN: nobody can sign in */
  public record SignInPage(String error, boolean configured) {}

  /** The agents' proposals, newest first. */
  public record ProposalsPage(List<ProposalLog.Row> rows, String nextUrl) {
    public ProposalsPage {
      rows = List.copyOf(rows);
    }
  }

  /** A review or audit entry that does not exist. */
  public record NotFound(String what) {}
}
