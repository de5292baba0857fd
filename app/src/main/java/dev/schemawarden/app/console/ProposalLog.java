package dev.schemawarden.app.console;

import dev.schemawarden.app.state.StateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agents' proposals ({@code agent_proposals}, written by the MCP server's {@code propose_migration}) as the
 * console lists them: read-only keyset pages, newest first. The MCP package owns writing them; this reads only the
 * columns a list shows (never the SQL). The watch's proposals live in its local state file, not here.
 */
public final class ProposalLog {
  private final StateStore store;

  public ProposalLog(StateStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * One proposal. {@code agent}, {@code actsFor}, {@code path} and {@code reason} are an agent's text: hostile, shown
   * only through escaping templates.
   *
   * @param decision the outcome of its review ({@code allow}, {@code needs_approval}, {@code deny})
   * @param status {@code proposed}, {@code needs_approval}, {@code denied}, {@code apply_requested} or {@code applied}
   * @param pullRequest the pull request opened for it ({@code github:acme/shop#12}); {@code ""} for none
   */
  public record Row(
      String id,
      String repository,
      String agent,
      String actsFor,
      String path,
      String decision,
      String reason,
      String status,
      String pullRequest,
      java.time.Instant createdAt) {
    public Row {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }

  /**
   * Up to {@code limit} proposals, newest first ({@code created_at}, then id), strictly after proposal
   * {@code before} in that order when given (the last id of the previous page).
   */
  public List<Row> page(Optional<String> before, int limit) {
    String sql =
        "SELECT id, repository, agent, acts_for, path, outcome, reason, status, pull_request, created_at"
            + " FROM agent_proposals"
            + (before.isPresent()
                ? " WHERE (created_at, id) < (SELECT created_at, id FROM agent_proposals WHERE id = ?)"
                : "")
            + " ORDER BY created_at DESC, id DESC LIMIT ?";
    return store.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (before.isPresent()) {
              ps.setString(i++, before.get());
            }
            ps.setInt(i, limit);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        Optional.ofNullable(rs.getString(9)).orElse(""),
                        rs.getTimestamp(10).toInstant()));
              }
            }
            return List.copyOf(out);
          }
        });
  }
}
