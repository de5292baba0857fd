package dev.schemawarden.app.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.schemawarden.app.jobs.QueueSettings;
import dev.schemawarden.app.state.StateSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.LoggerFactory;

/**
 * Test plumbing: one embedded PostgreSQL per JVM with a fresh database per test, signing, posting and logs (public
 * for the fault-injection tests in {@code app.faults}).
 */
public final class ServiceHarness {
  public static final String SECRET = "whsec-test-3f9a1c77-never-log-me";
  public static final String TOKEN = "ghp_testtoken_5b2e0d9a_never_log_me";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private ServiceHarness() {}

  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return postgres;
  }

  /** A fresh, empty database on the shared server; its JDBC URL. */
  static String freshDatabase() {
    String name = "warden_" + DATABASES.incrementAndGet();
    try (Connection c = postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return postgres().getJdbcUrl("postgres", name);
  }

  /** The first column of the first row, as text ({@code ""} for none or NULL). */
  static String text(String url, String sql) {
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(String url, String sql) {
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The service against a fake GitHub at {@code apiUrl}, cloning from its git at {@code apiUrl/git} (see
   * {@link FakeGitHub#gitUrl()}) into a fresh repository cache.
   */
  static ServiceConfig config(String stateUrl, String apiUrl) {
    ServiceConfig fromEnv =
        ServiceConfig.fromEnv(
            Map.of(
                "WARDEN_PORT",
                "0",
                "WARDEN_GITHUB_WEBHOOK_SECRET",
                SECRET,
                "WARDEN_GITHUB_TOKEN",
                TOKEN,
                "WARDEN_GITHUB_API_URL",
                apiUrl,
                "WARDEN_GITHUB_GIT_URL",
                apiUrl + "/git",
                "WARDEN_REPO_CACHE",
                freshCacheDir().toString(),
                "WARDEN_WORKERS",
                "2"));
    return fromEnv
        .withState(new StateSettings(java.util.Optional.of(stateUrl), Path.of("unused"), 18))
        .withQueue(fastQueue());
  }

  /** A new, empty repository cache directory (deleted with the JVM's temporary files by the OS, not by us). */
  static Path freshCacheDir() {
    try {
      return java.nio.file.Files.createTempDirectory("warden-repo-cache-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static QueueSettings fastQueue() {
    return new QueueSettings(
        Duration.ofSeconds(2),
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofMillis(50),
        Duration.ofMinutes(1),
        5,
        Duration.ofSeconds(2));
  }

  static WardenServer start(ServiceConfig config) {
    return WardenServer.start(config, dev.schemawarden.app.testing.Reviews.service());
  }

  public static byte[] payload(String name) {
    try (InputStream in =
        ServiceHarness.class.getResourceAsStream("/fixtures/github/webhooks/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String repoFile(String name) {
    try (InputStream in =
        ServiceHarness.class.getResourceAsStream("/fixtures/github/repo/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String sign(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse<String> post(
      int port, String event, String deliveryId, byte[] body, String signature) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", deliveryId)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      b.header("X-Hub-Signature-256", signature);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse<String> deliver(int port, String event, byte[] body) {
    return post(port, event, UUID.randomUUID().toString(), body, sign(body, SECRET));
  }

  public static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Captures log events (ours and hub4j's at DEBUG, everything else at INFO) while open. */
  static final class LogCapture implements AutoCloseable {
    private final java.util.Queue<String> lines =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ch.qos.logback.core.AppenderBase<ILoggingEvent> appender =
        new ch.qos.logback.core.AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent e) {
            lines.add(
                e.getLevel()
                    + " "
                    + e.getLoggerName()
                    + " "
                    + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : " " + e.getThrowableProxy().getMessage()));
          }
        };
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Logger> verbose =
        List.of(
            (Logger) LoggerFactory.getLogger("dev.schemawarden"),
            (Logger) LoggerFactory.getLogger("org.kohsuke"));
    private final Level before = root.getLevel();

    LogCapture() {
      appender.start();
      root.addAppender(appender);
      root.setLevel(Level.INFO);
      verbose.forEach(l -> l.setLevel(Level.DEBUG));
    }

    List<String> lines() {
      return List.copyOf(lines);
    }

    @Override
    public void close() {
      root.detachAppender(appender);
      root.setLevel(before);
      verbose.forEach(l -> l.setLevel(null));
    }
  }
}
