package dev.schemawarden.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.state.StateStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The append-only, hash-chained audit log in the state store. Each entry's {@code hash} is the SHA-256 of its
 * canonical JSON body, which includes the previous entry's hash, so altering, removing or reordering any entry
 * breaks the chain at that entry and {@link #verify()} names it. The database itself refuses UPDATE, DELETE and
 * TRUNCATE (triggers); appends are serialised by a transaction-scoped advisory lock so the chain never forks.
 */
public final class AuditLog {
  /** The audit schema's Flyway history table: separate from every other state-store history. */
  public static final String HISTORY_TABLE = "warden_audit_schema_history";

  public static final String SCHEMA = "warden_audit";
  // Any constant works as long as every appender uses the same one; this is "warden-audit" folded
  // to 63 bits.
  static final long APPEND_LOCK = 0x77617264656e6175L;

  private final DataSource ds;
  private final Clock clock;

  private AuditLog(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** Opens the log in {@code store}, creating or upgrading its schema first. */
  public static AuditLog open(StateStore store) {
    return open(store.dataSource(), Clock.systemUTC(), store.describe());
  }

  public static AuditLog open(DataSource ds, Clock clock, String where) {
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/audit")
          .table(HISTORY_TABLE)
          .schemas(SCHEMA)
          .createSchemas(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot prepare the audit log in "
              + where
              + ": "
              + Secrets.redact(e.getMessage())
              + "; the first run needs a role that may create schema "
              + SCHEMA
              + " (see docs/apply-and-audit.md)",
          e);
    }
    return new AuditLog(ds, clock);
  }

  /** A log on {@code ds} whose schema {@link #open} prepared already (the service's pooled readers). */
  public static AuditLog prepared(DataSource ds) {
    return new AuditLog(ds, Clock.systemUTC());
  }

  /** Appends {@code record} at the head of the chain and returns the stored entry. */
  public AuditEntry append(AuditRecord record) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, APPEND_LOCK);
          lock.execute();
        }
        long seq = 1;
        String prev = AuditEntry.GENESIS;
        try (PreparedStatement head =
                c.prepareStatement(
                    "SELECT seq, hash FROM warden_audit.audit_log ORDER BY seq DESC LIMIT 1");
            ResultSet rs = head.executeQuery()) {
          if (rs.next()) {
            seq = rs.getLong(1) + 1;
            prev = rs.getString(2);
          }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode body = body(record, seq, now, prev);
        String text = CanonicalJson.write(body);
        String hash = Sha256.hex(text);
        try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO warden_audit.audit_log (seq, recorded_at,"
                    + " event, repository, pr, environment, head_sha, merge_sha, body, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ins.setLong(1, seq);
          ins.setTimestamp(2, Timestamp.from(now));
          ins.setString(3, record.event().label());
          ins.setString(4, body.get("repository").asText());
          ins.setInt(5, record.pr());
          ins.setString(6, body.get("environment").asText());
          ins.setString(7, body.get("head_sha").asText());
          ins.setString(8, body.get("merge_sha").asText());
          ins.setString(9, text);
          ins.setString(10, prev);
          ins.setString(11, hash);
          ins.executeUpdate();
        }
        c.commit();
        return new AuditEntry(
            seq,
            now,
            record.event(),
            body.get("repository").asText(),
            record.pr(),
            body.get("environment").asText(),
            body.get("head_sha").asText(),
            body.get("merge_sha").asText(),
            text,
            prev,
            hash);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot append to the audit log: "
              + Secrets.redact(e.getMessage())
              + "; nothing was applied or reported without its audit entry",
          e);
    }
  }

  /** Entries matching {@code q}, oldest first. */
  public List<AuditEntry> list(AuditQuery q) {
    return list(q, 0);
  }

  /** Entries matching {@code q} with {@code seq > after} (a page cursor: the last seq of the previous page). */
  public List<AuditEntry> list(AuditQuery q, long after) {
    return select(q, "seq > ?", after, "seq");
  }

  /** Entries matching {@code q}, newest first, with {@code seq < before} (the console's pages; 0: from the head). */
  public List<AuditEntry> newest(AuditQuery q, long before) {
    return before > 0
        ? select(q, "seq < ?", before, "seq DESC")
        : select(q, "seq > ?", 0, "seq DESC");
  }

  private List<AuditEntry> select(AuditQuery q, String cursor, long at, String order) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM warden_audit.audit_log WHERE " + cursor);
    List<Object> args = new ArrayList<>();
    args.add(at);
    q.since()
        .ifPresent(
            s -> {
              sql.append(" AND recorded_at >= ?");
              args.add(Timestamp.from(s));
            });
    q.until()
        .ifPresent(
            u -> {
              sql.append(" AND recorded_at < ?");
              args.add(Timestamp.from(u));
            });
    q.repository()
        .ifPresent(
            r -> {
              sql.append(" AND repository = ?");
              args.add(r);
            });
    q.environment()
        .ifPresent(
            e -> {
              sql.append(" AND environment = ?");
              args.add(e);
            });
    q.event()
        .ifPresent(
            e -> {
              sql.append(" AND event = ?");
              args.add(e.label());
            });
    // The actor lives in the hashed body only (no column to keep in step with it): read from there.
    q.actor()
        .ifPresent(
            a -> {
              sql.append(" AND (body::jsonb ->> 'actor') = ?");
              args.add(a);
            });
    sql.append(" ORDER BY ").append(order);
    if (q.limit() != Integer.MAX_VALUE) {
      sql.append(" LIMIT ").append(q.limit());
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return List.copyOf(out);
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot read the audit log: " + Secrets.redact(e.getMessage()),
          e);
    }
  }

  /** The entry with sequence number {@code seq}. */
  public Optional<AuditEntry> show(long seq) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM warden_audit.audit_log WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot read audit entry " + seq + ": " + Secrets.redact(e.getMessage()),
          e);
    }
  }

  /** What {@code GET /api/audit} returns: the matching entries as JSON objects with their hashes, oldest first. */
  public ArrayNode api(AuditQuery q) {
    return api(q, 0);
  }

  /** One page of {@link #api(AuditQuery)}: entries after seq {@code after}, at most {@code q.limit()}. */
  public ArrayNode api(AuditQuery q, long after) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    list(q, after).forEach(e -> out.add(e.withHash()));
    return out;
  }

  /**
   * Recomputes the whole chain from the first entry and names the first one that was altered, removed or
   * reordered. Reading is streamed, so a long log does not need to fit in memory.
   */
  public VerifyResult verify() {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false); // a cursor (fetch size) needs a transaction in the PostgreSQL driver
      try (PreparedStatement ps =
          c.prepareStatement("SELECT " + COLUMNS + " FROM warden_audit.audit_log ORDER BY seq")) {
        ps.setFetchSize(500);
        try (ResultSet rs = ps.executeQuery()) {
          return ChainVerifier.verify(
              new Iterator<>() {
                boolean peeked;
                boolean has;

                @Override
                public boolean hasNext() {
                  if (!peeked) {
                    try {
                      has = rs.next();
                    } catch (SQLException e) {
                      throw new IllegalStateException(e);
                    }
                    peeked = true;
                  }
                  return has;
                }

                @Override
                public RawRow next() {
                  if (!hasNext()) {
                    throw new NoSuchElementException("no audit entry after the last one read");
                  }
                  peeked = false;
                  try {
                    return new RawRow(
                        rs.getLong("seq"),
                        rs.getString("event"),
                        rs.getString("repository"),
                        rs.getInt("pr"),
                        rs.getString("environment"),
                        rs.getString("head_sha"),
                        rs.getString("merge_sha"),
                        rs.getString("body"),
                        rs.getString("prev_hash"),
                        rs.getString("hash"));
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                }
              });
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException | IllegalStateException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot read the audit log to verify it: " + Secrets.redact(e.getMessage()),
          e);
    }
  }

  /** A stored row exactly as read, before any interpretation: what the verifier checks. */
  record RawRow(
      long seq,
      String event,
      String repository,
      int pr,
      String environment,
      String headSha,
      String mergeSha,
      String body,
      String prevHash,
      String hash) {}

  private static final String COLUMNS =
      "seq, recorded_at, event, repository, pr, environment, head_sha, merge_sha, body, prev_hash, hash";

  private static AuditEntry row(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        rs.getTimestamp("recorded_at").toInstant(),
        AuditEvent.parse(rs.getString("event")),
        rs.getString("repository"),
        rs.getInt("pr"),
        rs.getString("environment"),
        rs.getString("head_sha"),
        rs.getString("merge_sha"),
        rs.getString("body"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  static ObjectNode body(AuditRecord r, long seq, Instant time, String prevHash) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("seq", seq);
    n.put("time", time.toString());
    n.put("event", r.event().label());
    n.put("repository", Secrets.redact(r.repository()));
    n.put("pr", r.pr());
    n.put("base_sha", r.baseSha());
    n.put("head_sha", r.headSha());
    n.put("merge_sha", r.mergeSha());
    n.put("author", Secrets.redact(r.author()));
    ArrayNode approvers = n.putArray("approvers");
    r.approvers().forEach(a -> approvers.add(Secrets.redact(a)));
    n.set("decision", scrub(r.decision()));
    n.set("findings", scrub(r.findings()));
    n.put("environment", Secrets.redact(r.environment()));
    ArrayNode statements = n.putArray("statements");
    for (StatementOutcome s : r.statements()) {
      ObjectNode o = statements.addObject();
      o.put("migration", Secrets.redact(s.migration()));
      o.put("index", s.index());
      o.put("line", s.line());
      o.put("sql", Secrets.redact(s.sql()));
      o.put("outcome", s.outcome().label());
      o.put("millis", s.millis());
      o.put("attempts", s.attempts());
      o.put("error", Secrets.redact(s.error()));
    }
    n.put("schema_hash_before", r.schemaHashBefore());
    n.put("schema_hash_after", r.schemaHashAfter());
    n.set("rollback_plan", scrub(r.rollbackPlan()));
    n.put("note", Secrets.redact(r.note()));
    if (!r.actor().isEmpty()) {
      n.put(
          "actor", Secrets.redact(r.actor())); // absent for people, so their entries hash as before
    }
    n.put("prev_hash", prevHash);
    return n;
  }

  /** A copy of {@code node} with every string scrubbed of secrets. */
  static JsonNode scrub(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(Secrets.redact(node.textValue()));
    }
    if (node.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        o.set(e.getKey(), scrub(e.getValue()));
      }
      return o;
    }
    if (node.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      node.forEach(x -> a.add(scrub(x)));
      return a;
    }
    return node.deepCopy();
  }

  /** The chain rules, separate from JDBC so they can be reasoned about (and tested) on their own. */
  static final class ChainVerifier {
    private ChainVerifier() {}

    static VerifyResult verify(Iterator<RawRow> rows) {
      long expected = 1;
      String prev = AuditEntry.GENESIS;
      long count = 0;
      while (rows.hasNext()) {
        RawRow r = rows.next();
        count++;
        if (r.seq() != expected) {
          return bad(
              count,
              expected,
              prev,
              r.seq() > expected
                  ? "entry " + expected + " was removed (the next stored entry is " + r.seq() + ")"
                  : "entry " + r.seq() + " appears again after entry " + (expected - 1));
        }
        Optional<String> problem = check(r, prev);
        if (problem.isPresent()) {
          return bad(count, r.seq(), prev, problem.get());
        }
        prev = r.hash();
        expected++;
      }
      return new VerifyResult(count, expected - 1, prev, OptionalLong.empty(), "");
    }

    private static Optional<String> check(RawRow r, String prev) {
      String n = "entry " + r.seq();
      ObjectNode body;
      try {
        JsonNode parsed = CanonicalJson.MAPPER.readTree(r.body());
        if (!(parsed instanceof ObjectNode o)) {
          return Optional.of(n + " was altered: its body is not a JSON object");
        }
        body = o;
      } catch (IOException e) {
        return Optional.of(n + " was altered: its body is not valid JSON");
      }
      if (!Sha256.hex(r.body()).equals(r.hash())) {
        return Optional.of(n + " was altered: its content no longer matches its hash");
      }
      if (!CanonicalJson.write(body).equals(r.body())) {
        return Optional.of(n + " was altered: its body is not in canonical form");
      }
      if (body.path("seq").asLong(-1) != r.seq()) {
        return Optional.of(
            n + " was reordered: its content is entry " + body.path("seq").asText() + "'s");
      }
      if (!body.path("prev_hash").asText().equals(prev) || !r.prevHash().trim().equals(prev)) {
        return Optional.of(
            n
                + " does not follow entry "
                + (r.seq() - 1)
                + ": prev_hash differs from that entry's"
                + " hash (an entry was altered and re-hashed, removed or reordered at or just before "
                + n
                + ")");
      }
      if (!body.path("event").asText().equals(r.event())
          || !body.path("repository").asText().equals(r.repository())
          || body.path("pr").asInt() != r.pr()
          || !body.path("environment").asText().equals(r.environment())
          || !body.path("head_sha").asText().equals(r.headSha())
          || !body.path("merge_sha").asText().equals(r.mergeSha())) {
        return Optional.of(n + " was altered: its indexed columns differ from its hashed body");
      }
      return Optional.empty();
    }

    private static VerifyResult bad(long count, long seq, String prev, String problem) {
      return new VerifyResult(count, seq - 1, prev, OptionalLong.of(seq), problem);
    }
  }
}
