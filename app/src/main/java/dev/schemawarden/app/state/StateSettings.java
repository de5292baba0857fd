package dev.schemawarden.app.state;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the bot keeps its state: an external PostgreSQL ({@code url}, a JDBC URL that may carry credentials and is
 * therefore never logged) or, when absent, an embedded PostgreSQL whose data directory {@code dir} survives restarts.
 *
 * @param poolSize connections kept open; the webhook path and each worker borrow one at a time
 */
public record StateSettings(Optional<String> url, Path dir, int poolSize) {
  public StateSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(dir, "dir");
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1");
    }
  }

  /** The URL with its query string (user, password) and any user-info removed, for logs and errors. */
  public static String redact(String jdbcUrl) {
    String noQuery = jdbcUrl.replaceAll("\\?.*$", "?...");
    return noQuery.replaceAll("//[^/@]*@", "//...@");
  }
}
