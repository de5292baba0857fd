package dev.schemawarden.drift.internal.snapshot;

import dev.schemawarden.replica.api.ReplicaProvider;
import java.sql.Connection;
import java.sql.SQLException;

/** Public face of {@link Clusters} (primary major) for tests in other packages. */
public final class TestClusters {
  private TestClusters() {}

  public static ReplicaProvider provider() {
    return Clusters.provider(Clusters.Major.PRIMARY);
  }

  public static String createDatabase(String prefix) throws SQLException {
    return Clusters.createDatabase(Clusters.Major.PRIMARY, prefix);
  }

  public static String url(String database) {
    return Clusters.url(Clusters.Major.PRIMARY, database);
  }

  public static String password() {
    return Clusters.password(Clusters.Major.PRIMARY);
  }

  public static Connection admin(String database) throws SQLException {
    return Clusters.admin(Clusters.Major.PRIMARY, database);
  }

  /** A multi-statement script in simple query mode. */
  public static void script(String database, String sql) throws SQLException {
    Clusters.script(Clusters.Major.PRIMARY, database, sql);
  }

  public static void exec(Connection c, String sql) throws SQLException {
    Clusters.exec(c, sql);
  }
}
