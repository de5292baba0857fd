package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replicas on a scratch PostgreSQL server the user names (a superuser of that server is needed: the rewrite event
 * trigger and role hand-over require it). Same template/clone logic as the embedded provider; templates persist
 * on the server between runs and are reused by schema hash.
 */
public final class ServerReplicaProvider extends ClusterReplicaProvider {
  private static final Pattern URL =
      Pattern.compile("jdbc:postgresql://([^/?]+)(?:/([^?]*))?(\\?.*)?", Pattern.CASE_INSENSITIVE);

  private ServerReplicaProvider(ReplicaCluster cluster) {
    super(cluster);
  }

  public static ServerReplicaProvider connect(
      String jdbcUrl,
      String user,
      String password,
      String productionUrl,
      ReplicaSettings settings) {
    Matcher m = URL.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "replica server URL '"
              + jdbcUrl
              + "' is not a PostgreSQL JDBC URL; write it as jdbc:postgresql://host:port/database");
    }
    if (looksLikeProduction(jdbcUrl, productionUrl)) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "replica server URL points at the production server ("
              + hostPort(jdbcUrl)
              + "); name a scratch server: the replica runs the pull request's SQL");
    }
    String hosts = m.group(1);
    String params = m.group(3) == null ? "" : m.group(3);
    String adminDb = m.group(2) == null || m.group(2).isEmpty() ? "postgres" : m.group(2);
    Properties admin = new Properties();
    admin.setProperty("user", user);
    admin.setProperty("password", password);
    return new ServerReplicaProvider(
        new ReplicaCluster(
            (db, props) ->
                DriverManager.getConnection(
                    "jdbc:postgresql://" + hosts + "/" + db + params, props),
            adminDb,
            admin,
            settings));
  }

  /** Same host and port (the database does not matter: a clone on production's server is still production). */
  static boolean looksLikeProduction(String replicaUrl, String productionUrl) {
    if (productionUrl == null || productionUrl.isBlank()) {
      return false;
    }
    return hostPort(replicaUrl).equals(hostPort(productionUrl));
  }

  private static String hostPort(String url) {
    Matcher m = URL.matcher(url.trim());
    if (!m.matches()) {
      return url.trim().toLowerCase(Locale.ROOT);
    }
    String hp = m.group(1).toLowerCase(Locale.ROOT);
    if (!hp.contains(":")) {
      hp = hp + ":5432";
    }
    return hp.replace("127.0.0.1", "localhost").replace("[::1]", "localhost");
  }

  @Override
  public String id() {
    return "server";
  }
}
