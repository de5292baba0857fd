package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.ProductionConnections;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads production's snapshot from where the review was told to find it: {@code --snapshot FILE}, or the config's
 * {@code snapshot: {path | url | env}}. A URL is fetched with the JDK's HTTP client under a size limit and a
 * timeout; {@code env} names a variable holding a read-only JDBC URL and the snapshot is taken live. Neither a
 * URL's query nor a JDBC URL is ever put in a message.
 */
final class SnapshotLoader {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SnapshotLoader.class);

  /** Environment variable with a bearer token sent to {@code snapshot.url} (for private artifact stores). */
  static final String TOKEN_VARIABLE = "WARDEN_SNAPSHOT_TOKEN";

  /**
   * @param snapshot production's schema
   * @param origin where it came from, for messages (a path, a URL without query, or {@code $VAR (live)})
   * @param anchor the file findings about the snapshot itself point at (the snapshot file, or the config file)
   * @param maxAge older than this is stale
   * @param live taken just now from the database
   */
  record Loaded(
      SchemaSnapshot snapshot, String origin, String anchor, Duration maxAge, boolean live) {}

  private final Duration timeout;
  private final long maxBytes;
  private final Function<String, String> env;

  SnapshotLoader(Duration timeout, long maxBytes, Function<String, String> env) {
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.env = env;
  }

  /**
   * The snapshot the review was told to use. A {@code snapshot.path} is read from the BASE side ({@code baseRoot}):
   * production's schema is never the pull request's to supply, so a file only the head has is ignored (logged).
   */
  Optional<Loaded> load(
      WardenConfig config,
      Optional<Path> snapshotFile,
      java.util.function.Supplier<Path> baseRoot,
      Path headRoot) {
    Duration maxAge =
        config
            .snapshot()
            .map(WardenConfig.SnapshotConfig::maxAge)
            .orElse(WardenConfig.SnapshotConfig.DEFAULT_MAX_AGE);
    String configFile = config.source().orElse(WardenConfig.FILE_NAME);
    if (snapshotFile.isPresent()) {
      Path f = snapshotFile.get();
      if (!Files.isRegularFile(f)) {
        throw new WardenException(
            ErrorCode.USAGE,
            "--snapshot "
                + f
                + ": no such file: check the path (take one"
                + " with warden snapshot --url JDBC_URL --output FILE)");
      }
      return Optional.of(
          new Loaded(
              Snapshots.read(f), f.toString(), f.toString().replace('\\', '/'), maxAge, false));
    }
    if (config.snapshot().isEmpty()) {
      return Optional.empty();
    }
    WardenConfig.SnapshotConfig sc = config.snapshot().get();
    if (sc.path().isPresent()) {
      String path = sc.path().get();
      Optional<SnapshotFile> file = SnapshotFile.read(baseRoot.get(), path);
      if (file.isEmpty()) {
        if (!(RepositoryFiles.lookup(headRoot, path) instanceof RepositoryFiles.Missing)) {
          LOG.info(
              "snapshot.path {} exists only on the pull request's side: production's schema comes from the"
                  + " base branch, so it applies once merged",
              path);
          return Optional.empty();
        }
        throw new WardenException(
            ErrorCode.CONFIG,
            configFile
                + ": snapshot.path "
                + path
                + ": no such file on"
                + " the base side of the change: commit the snapshot to the base branch or fix the path");
      }
      if (file.get().json().isEmpty()) {
        // A schema-only SQL dump (pg_dump -s) builds the trace replica, but has no catalog model to
        // diff.
        LOG.info(
            "snapshot.path {} is a SQL dump, not a JSON snapshot: drift needs one from warden snapshot; the"
                + " trace uses the dump",
            path);
        return Optional.empty();
      }
      return Optional.of(new Loaded(file.get().json().get(), path, path, maxAge, false));
    }
    if (sc.url().isPresent()) {
      String shown = withoutQuery(sc.url().get());
      return Optional.of(
          new Loaded(fetch(sc.url().get(), shown), shown, configFile, maxAge, false));
    }
    String variable = sc.env().orElseThrow();
    return Optional.of(
        new Loaded(live(variable), "$" + variable + " (live)", configFile, maxAge, true));
  }

  private SchemaSnapshot fetch(String url, String shown) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL) // NORMAL never follows https -> http
            .build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET();
    Optional.ofNullable(env.apply(TOKEN_VARIABLE))
        .filter(t -> !t.isBlank())
        .ifPresent(t -> request.header("Authorization", "Bearer " + t));
    try {
      HttpResponse<InputStream> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new WardenException(
              ErrorCode.INFRASTRUCTURE,
              "snapshot.url "
                  + shown
                  + " answered HTTP "
                  + response.statusCode()
                  + ": check the URL (and "
                  + TOKEN_VARIABLE
                  + " for a private store)");
        }
        byte[] bytes = readLimited(body, shown);
        return Snapshots.fromJson(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot fetch snapshot.url "
              + shown
              + ": "
              + e
              + "; check the URL and the network (timeout "
              + timeout.toSeconds()
              + " s)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "interrupted while fetching " + shown, e);
    } catch (IllegalArgumentException e) {
      throw new WardenException(
          ErrorCode.CONFIG, "snapshot.url " + shown + " is not a valid URL: " + e.getMessage());
    }
  }

  private byte[] readLimited(InputStream in, String shown) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw new WardenException(
            ErrorCode.INFRASTRUCTURE,
            "snapshot.url "
                + shown
                + " is larger than "
                + ByteSize.format(maxBytes)
                + ": is it a snapshot? (warden snapshot --no-statistics makes it smaller)");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private SchemaSnapshot live(String variable) {
    String url = env.apply(variable);
    if (url == null || url.isBlank()) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "snapshot.env "
              + variable
              + " is not set: export the read-only"
              + " JDBC URL of the production database in "
              + variable
              + " (see docs/snapshot-and-drift.md)");
    }
    // The URL may hold a password: messages name the variable and the host, never the URL.
    ProductionConnections.Timeouts timeouts =
        ProductionConnections.Timeouts.defaults().withEnvironment(env);
    return ProductionConnections.with(
        url,
        Optional.empty(),
        Optional.empty(),
        "schemawarden-review",
        true,
        timeouts,
        "cannot read production's schema through $" + variable + " from",
        c -> Snapshots.take(c, new SnapshotOptions(List.of(), true)));
  }

  static String withoutQuery(String url) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    return base.replaceAll("//[^/@]*@", "//");
  }
}
