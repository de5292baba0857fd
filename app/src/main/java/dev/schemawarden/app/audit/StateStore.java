package dev.schemawarden.app.audit;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL database that holds Schema Warden's own state (the audit log; the webhook service's jobs). Either
 * a server the operator names ({@code WARDEN_STATE_URL} / {@code --state-url}) or, when none is named, an embedded
 * PostgreSQL with a persistent data directory ({@code WARDEN_STATE_DIR}, default
 * {@code ~/.local/share/schema-warden/state}). Shared by the CLI and the service: open it once, close it at exit.
 */
public interface StateStore extends AutoCloseable {
  String URL_ENV = "WARDEN_STATE_URL";
  String DIR_ENV = "WARDEN_STATE_DIR";

  DataSource dataSource();

  /** Where the state lives, for messages: the URL with any password removed, or the embedded data directory. */
  String describe();

  @Override
  void close();

  /** The store an explicit URL, then {@code WARDEN_STATE_URL}, then the embedded default names. */
  static StateStore open(Optional<String> url, Map<String, String> env) {
    Optional<String> u = url.filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(env.get(URL_ENV)).filter(s -> !s.isBlank()));
    if (u.isPresent()) {
      return jdbc(u.get());
    }
    Path dir = Optional.ofNullable(env.get(DIR_ENV)).filter(s -> !s.isBlank()).map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".local", "share", "schema-warden", "state"));
    return embedded(dir);
  }

  /** A server named by a JDBC URL ({@code jdbc:postgresql://host/db?user=...&password=...}). */
  static StateStore jdbc(String url) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new WardenException(ErrorCode.CONFIG, "state store URL " + Secrets.redact(url)
          + " is not a PostgreSQL JDBC URL: use jdbc:postgresql://HOST:PORT/DB (WARDEN_STATE_URL or --state-url)");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setApplicationName("schema-warden-state");
    String shown = Secrets.redact(url);
    return new StateStore() {
      @Override
      public DataSource dataSource() {
        return ds;
      }

      @Override
      public String describe() {
        return shown;
      }

      @Override
      public void close() {}
    };
  }

  /** An embedded PostgreSQL whose data survives restarts in {@code dataDir}. */
  static StateStore embedded(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      // cleanDataDirectory(false) keeps an initialised cluster: the audit log must outlive the process.
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .start();
      return new StateStore() {
        @Override
        public DataSource dataSource() {
          return pg.getPostgresDatabase();
        }

        @Override
        public String describe() {
          return "embedded PostgreSQL in " + dataDir;
        }

        @Override
        public void close() {
          try {
            pg.close();
          } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(StateStore.class).warn("stopping the embedded state store: {}",
                e.toString());
          }
        }
      };
    } catch (IOException | RuntimeException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot start the embedded state store in " + dataDir
          + ": " + e.getMessage() + "; set WARDEN_STATE_DIR to a writable directory or WARDEN_STATE_URL to a server",
          e);
    }
  }
}
