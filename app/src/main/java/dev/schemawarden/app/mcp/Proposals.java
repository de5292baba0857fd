package dev.schemawarden.app.mcp;

import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.app.watch.PlannedMigration;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Agents' proposals in the state store ({@code agent_proposals}): what was proposed, by which agent for whom, the
 * decision of its review, and the human approvals bound to its SQL. Nothing here applies anything: request_apply
 * does, through the apply path, and records {@code applied}.
 */
final class Proposals {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Where a proposal stands. */
  enum Status {
    PROPOSED,
    NEEDS_APPROVAL,
    DENIED,
    APPLY_REQUESTED,
    APPLIED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One proposal; {@code sql} is the text that was reviewed, {@code sqlSha256} its hash, {@code pullRequest} the pull
   * request opened for it (empty without a code host), {@code companions} the other files it planned.
   */
  record Proposal(
      String id,
      String repository,
      String agent,
      String actsFor,
      String path,
      String sql,
      String sqlSha256,
      String outcome,
      String reason,
      Status status,
      Instant createdAt,
      Optional<PullRequestLink> pullRequest,
      List<Companion> companions) {
    Proposal {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(pullRequest, "pullRequest");
      companions = List.copyOf(companions);
    }

    /** Every file it planned, as reviewed: the migration first. */
    ProposalFiles files() {
      List<PlannedMigration.File> all =
          new ArrayList<>(List.of(new PlannedMigration.File(path, sql)));
      companions.forEach(c -> all.add(new PlannedMigration.File(c.path(), c.content())));
      return new ProposalFiles(
          "stored",
          all,
          companions.stream()
              .filter(Companion::changesExisting)
              .map(Companion::path)
              .collect(java.util.stream.Collectors.toSet()));
    }
  }

  /**
   * A file planned with the migration: a down file, a further pair, or (with {@code changesExisting}) the full new
   * text of the Liquibase master changelog.
   */
  record Companion(String path, String content, boolean changesExisting) {
    Companion {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
    }
  }

  /** A pull (merge) request on the host: its number and reference ({@code github:acme/shop#12}). */
  record PullRequestLink(int number, String reference) {}

  /** A human's approval, bound to the SQL it was given on. */
  record HumanApproval(String approver, String sqlSha256, Instant at) {}

  private final StateStore store;

  Proposals(StateStore store) {
    this.store = store;
  }

  /** A new, unguessable id: another agent cannot reach a proposal by counting. */
  static String newId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return "prop-" + HexFormat.of().formatHex(b);
  }

  void add(Proposal p) {
    store.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO agent_proposals (id, repository, agent, acts_for,"
                      + " path, sql_text, sql_sha256, outcome, reason, status) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            s.setString(1, p.id());
            s.setString(2, p.repository());
            s.setString(3, p.agent());
            s.setString(4, p.actsFor());
            s.setString(5, p.path());
            s.setString(6, p.sql());
            s.setString(7, p.sqlSha256());
            s.setString(8, p.outcome());
            s.setString(9, p.reason());
            s.setString(10, p.status().label());
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO agent_proposal_files (proposal_id, position, path,"
                      + " content, changes_existing) VALUES (?,?,?,?,?)")) {
            for (int i = 0; i < p.companions().size(); i++) {
              Companion f = p.companions().get(i);
              s.setString(1, p.id());
              s.setInt(2, i + 1);
              s.setString(3, f.path());
              s.setString(4, f.content());
              s.setBoolean(5, f.changesExisting());
              s.addBatch();
            }
            s.executeBatch();
          }
          return 1;
        });
  }

  Optional<Proposal> find(String id) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, repository, agent, acts_for, path, sql_text,"
                      + " sql_sha256, outcome, reason, status, created_at, pull_request_number, pull_request FROM agent_proposals"
                      + " WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              int number = rs.getInt(12);
              return Optional.of(
                  new Proposal(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getString(8),
                      rs.getString(9),
                      Status.valueOf(rs.getString(10).toUpperCase(java.util.Locale.ROOT)),
                      rs.getTimestamp(11).toInstant(),
                      Optional.ofNullable(rs.getString(13))
                          .map(ref -> new PullRequestLink(number, ref)),
                      companions(c, id)));
            }
          }
        });
  }

  private static List<Companion> companions(Connection c, String id) throws SQLException {
    List<Companion> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT path, content, changes_existing FROM agent_proposal_files"
                + " WHERE proposal_id = ? ORDER BY position")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Companion(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
        }
      }
    }
    return out;
  }

  /** Records the pull request opened for proposal {@code id}. */
  void pullRequestOpened(String id, PullRequestLink pr) {
    store.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE agent_proposals SET pull_request_number = ?,"
                      + " pull_request = ?, updated_at = now() WHERE id = ?")) {
            s.setInt(1, pr.number());
            s.setString(2, pr.reference());
            s.setString(3, id);
            return s.executeUpdate();
          }
        });
  }

  void update(String id, Status status, String outcome, String reason) {
    store.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE agent_proposals SET status = ?, outcome = ?, reason = ?,"
                      + " updated_at = now() WHERE id = ?")) {
            s.setString(1, status.label());
            s.setString(2, outcome);
            s.setString(3, reason);
            s.setString(4, id);
            return s.executeUpdate();
          }
        });
  }

  /** Records {@code approver}'s approval of the proposal's current SQL; a second approval by them replaces it. */
  void approve(String id, String approver, String sqlSha256) {
    store.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO agent_proposal_approvals (proposal_id, approver,"
                      + " sql_sha256) VALUES (?,?,?) ON CONFLICT (proposal_id, approver) DO UPDATE SET sql_sha256 ="
                      + " EXCLUDED.sql_sha256, approved_at = now()")) {
            s.setString(1, id);
            s.setString(2, approver);
            s.setString(3, sqlSha256);
            return s.executeUpdate();
          }
        });
  }

  List<HumanApproval> approvals(String id) {
    return store.withConnection(c -> approvals(c, id));
  }

  private static List<HumanApproval> approvals(Connection c, String id) throws SQLException {
    List<HumanApproval> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT approver, sql_sha256, approved_at FROM"
                + " agent_proposal_approvals WHERE proposal_id = ? ORDER BY approved_at, approver")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new HumanApproval(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        }
      }
    }
    return List.copyOf(out);
  }
}
