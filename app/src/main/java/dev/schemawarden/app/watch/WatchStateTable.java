package dev.schemawarden.app.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.host.RepositoryRef;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link WatchState} in the state store ({@code watch_proposals}, migration V7), for {@code warden serve}: every
 * instance reads and writes the same proposals. Each entry is written on its own connection as it happens, so a
 * pull request once opened stays recorded whatever becomes of the rest of the tick.
 */
public final class WatchStateTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WatchStateTable() {}

  /** The proposals of {@code repo}'s {@code environment}. */
  public static WatchState load(DataSource ds, RepositoryRef repo, String environment) {
    List<WatchState.Entry> loaded = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT entry::text FROM"
                    + " watch_proposals WHERE host = ? AND repository = ? AND environment = ? ORDER BY problem")) {
      s.setString(1, repo.host());
      s.setString(2, repo.repository());
      s.setString(3, environment);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          loaded.add(WatchState.entry(JSON.readTree(rs.getString(1))));
        }
      }
    } catch (SQLException | IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot read watch_proposals of "
              + repo
              + " ("
              + environment
              + ") from the state store: "
              + e.getMessage(),
          e);
    }
    return new WatchState((changed, all) -> save(ds, repo, environment, changed), loaded);
  }

  private static void save(
      DataSource ds, RepositoryRef repo, String environment, WatchState.Entry e) {
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO watch_proposals"
                    + " (host, repository, environment, problem, entry, updated_at) VALUES (?, ?, ?, ?, ?::jsonb, now())"
                    + " ON CONFLICT (host, repository, environment, problem) DO UPDATE SET entry = EXCLUDED.entry,"
                    + " updated_at = EXCLUDED.updated_at")) {
      s.setString(1, repo.host());
      s.setString(2, repo.repository());
      s.setString(3, environment);
      s.setString(4, e.key());
      s.setString(5, WatchState.json(e).toString());
      s.executeUpdate();
    } catch (SQLException ex) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot record "
              + e.key()
              + " in watch_proposals: "
              + ex.getMessage()
              + "; the proposal on the host stays, and its branch stops a second one",
          ex);
    }
  }
}
