package dev.schemawarden.app.jobs;

import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.policy.api.PolicyOverride;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The {@code /warden override} requests recorded per pull request, bound to the head commit they were given on. */
public final class Overrides {
  private final StateStore store;

  public Overrides(StateStore store) {
    this.store = store;
  }

  /** Records one request; a redelivered command (same delivery id) is recorded once. */
  public void record(PullRequestRef pr, PolicyOverride o, String deliveryId) {
    store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO overrides (host, repository, pr_number, username, target_id, reason, head_sha, delivery_id)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (host, delivery_id) DO NOTHING")) {
            s.setString(1, pr.host());
            s.setString(2, pr.repository());
            s.setInt(3, pr.number());
            s.setString(4, o.user());
            s.setString(5, o.targetId());
            s.setString(6, o.reason());
            s.setString(7, o.sha());
            s.setString(8, deliveryId);
            return s.executeUpdate();
          }
        });
  }

  /** Every request recorded for the pull request, oldest first. */
  public List<PolicyOverride> forPullRequest(PullRequestRef pr) {
    return store.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT username, target_id, reason, head_sha FROM overrides"
                      + " WHERE host = ? AND repository = ? AND pr_number = ? ORDER BY id")) {
            s.setString(1, pr.host());
            s.setString(2, pr.repository());
            s.setInt(3, pr.number());
            List<PolicyOverride> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new PolicyOverride(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
              }
            }
            return List.copyOf(out);
          }
        });
  }
}
