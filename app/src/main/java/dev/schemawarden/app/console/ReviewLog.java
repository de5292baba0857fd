package dev.schemawarden.app.console;

import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.report.JsonReportRenderer;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.policy.api.Decision;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code reviews} table of the state store: one row per review the service ran, with its JSON report. Written
 * by the review job after it published; read by the console. Reads are keyset pages, newest first.
 */
public final class ReviewLog {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewLog.class);
  private static final String COLUMNS =
      "id, host, repository, pr_number, pr_title, pr_url, head_sha, base_sha,"
          + " decision, errors, warnings, started_at, duration_ms";

  private final Optional<StateStore> store;
  private final JsonReportRenderer json = new JsonReportRenderer(ToolInfo.current());

  public ReviewLog(StateStore store) {
    this.store = Optional.of(store);
  }

  private ReviewLog() {
    this.store = Optional.empty();
  }

  /** Records nothing and finds nothing: for job handlers run without a state store (pipeline tests). */
  public static ReviewLog none() {
    return new ReviewLog();
  }

  /**
   * Stores a finished review. A failure is logged, not thrown: the review was published already, and running the
   * job again would publish it twice for the sake of the console.
   */
  public void record(
      PullRequest pr, Optional<String> url, ReviewReport report, Instant started, Duration took) {
    try {
      insert(
          new ReviewSummary(
              0,
              pr.ref().host(),
              pr.ref().repository(),
              pr.ref().number(),
              pr.title(),
              url.orElse(""),
              pr.headSha(),
              pr.baseSha(),
              decision(report),
              (int) report.count(Severity.ERROR),
              (int) report.count(Severity.WARNING),
              started,
              took.toMillis()),
          json.render(report));
    } catch (WardenException e) {
      LOG.warn(
          "{}: the review at {} is not in the console's list: {}",
          pr.ref(),
          pr.headSha(),
          e.getMessage());
    }
  }

  static String decision(ReviewReport report) {
    return report
        .decision()
        .map(Decision::outcome)
        .map(o -> o.name().toLowerCase(Locale.ROOT))
        .orElse("none");
  }

  /** Inserts one row and returns its id (also what the bench's data generator calls). */
  public long insert(ReviewSummary r, String reportJson) {
    return store
        .map(
            s ->
                s.withConnection(
                    c -> {
                      try (PreparedStatement ps =
                          c.prepareStatement(
                              "INSERT INTO reviews (host, repository, pr_number, pr_title,"
                                  + " pr_url, head_sha, base_sha, decision, errors, warnings, started_at, duration_ms, report)"
                                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                        ps.setString(1, r.host());
                        ps.setString(2, r.repository());
                        ps.setInt(3, r.prNumber());
                        ps.setString(4, r.prTitle());
                        ps.setString(5, r.prUrl());
                        ps.setString(6, r.headSha());
                        ps.setString(7, r.baseSha());
                        ps.setString(8, r.decision());
                        ps.setInt(9, r.errors());
                        ps.setInt(10, r.warnings());
                        ps.setTimestamp(11, Timestamp.from(r.startedAt()));
                        ps.setLong(12, r.durationMs());
                        ps.setString(13, reportJson);
                        try (ResultSet rs = ps.executeQuery()) {
                          rs.next();
                          return rs.getLong(1);
                        }
                      }
                    }))
        .orElse(0L);
  }

  /**
   * Up to {@code limit} reviews matching {@code f}, newest first ({@code started_at}, then id), strictly after the
   * review {@code before} in that order when given (the last id of the previous page).
   */
  public List<ReviewSummary> page(ReviewFilter f, OptionalLong before, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM reviews WHERE true");
    List<Object> args = new ArrayList<>();
    f.repository()
        .ifPresent(
            r -> {
              sql.append(" AND repository = ?");
              args.add(r);
            });
    f.decision()
        .ifPresent(
            d -> {
              sql.append(" AND decision = ?");
              args.add(d);
            });
    f.since()
        .ifPresent(
            s -> {
              sql.append(" AND started_at >= ?");
              args.add(Timestamp.from(s));
            });
    f.until()
        .ifPresent(
            u -> {
              sql.append(" AND started_at < ?");
              args.add(Timestamp.from(u));
            });
    before.ifPresent(
        b -> {
          sql.append(" AND (started_at, id) < (SELECT started_at, id FROM reviews WHERE id = ?)");
          args.add(b);
        });
    sql.append(" ORDER BY started_at DESC, id DESC LIMIT ").append(limit);
    return store
        .map(
            s ->
                s.withConnection(
                    c -> {
                      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                        for (int i = 0; i < args.size(); i++) {
                          ps.setObject(i + 1, args.get(i));
                        }
                        List<ReviewSummary> out = new ArrayList<>();
                        try (ResultSet rs = ps.executeQuery()) {
                          while (rs.next()) {
                            out.add(row(rs));
                          }
                        }
                        return List.copyOf(out);
                      }
                    }))
        .orElse(List.of());
  }

  /** A stored review and its JSON report. */
  public record Stored(ReviewSummary summary, String reportJson) {}

  public Optional<Stored> find(long id) {
    return store.flatMap(
        s ->
            s.withConnection(
                c -> {
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT " + COLUMNS + ", report FROM reviews WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                      return rs.next()
                          ? Optional.of(new Stored(row(rs), rs.getString("report")))
                          : Optional.<Stored>empty();
                    }
                  }
                }));
  }

  private static ReviewSummary row(ResultSet rs) throws SQLException {
    return new ReviewSummary(
        rs.getLong("id"),
        rs.getString("host"),
        rs.getString("repository"),
        rs.getInt("pr_number"),
        rs.getString("pr_title"),
        rs.getString("pr_url"),
        rs.getString("head_sha"),
        rs.getString("base_sha"),
        rs.getString("decision"),
        rs.getInt("errors"),
        rs.getInt("warnings"),
        rs.getTimestamp("started_at").toInstant(),
        rs.getLong("duration_ms"));
  }
}
