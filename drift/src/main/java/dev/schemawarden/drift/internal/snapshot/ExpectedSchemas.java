package dev.schemawarden.drift.internal.snapshot;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.internal.mysql.MysqlIntrospector;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.SchemaSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expected schema: the migrations replayed in order on an empty replica, then snapshotted. Cached as
 * {@code <cacheDir>/<hash>.json}, keyed by the hash of every migration's path and statements (the same key as the
 * replica template), so the next review with the same history reads a file instead of replaying and does not even
 * start a replica.
 */
public final class ExpectedSchemas {
  private static final Logger LOG = LoggerFactory.getLogger(ExpectedSchemas.class);

  private ExpectedSchemas() {}

  /** {@code ~/.cache/schema-warden/expected} (or {@code $XDG_CACHE_HOME/schema-warden/expected}). */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("schema-warden").resolve("expected");
  }

  public static Path cacheFile(Path cacheDir, List<Migration> migrations) {
    return cacheDir.resolve(new SchemaSource.MigrationHistory(migrations).hash() + ".json");
  }

  public static SchemaSnapshot build(
      ReplicaProvider provider, List<Migration> migrations, Path cacheDir) {
    return build(() -> provider, false, migrations, cacheDir);
  }

  /** {@code provider} is asked for only on a cache miss; {@code close} closes what it gave afterwards. */
  public static SchemaSnapshot build(
      Supplier<ReplicaProvider> provider,
      boolean close,
      List<Migration> migrations,
      Path cacheDir) {
    return cached(
        cacheFile(cacheDir, migrations),
        migrations.size(),
        () -> replay(provider, close, migrations));
  }

  /**
   * The expected schema on a MySQL/MariaDB replica: the history replayed in a sandbox database, then read as
   * production is. Cached apart from PostgreSQL's ({@code <hash>-<engine>.json}): one history, two engines.
   */
  public static SchemaSnapshot build(
      MysqlReplicaProvider provider, List<Migration> migrations, Path cacheDir) {
    Path file =
        cacheDir.resolve(
            new SchemaSource.MigrationHistory(migrations).hash()
                + "-"
                + provider.engine()
                + ".json");
    return cached(
        file,
        migrations.size(),
        () -> {
          try (MysqlReplicaProvider.MysqlReplica replica =
              provider.replayed(migrations, provider.settings().statementTimeout())) {
            List<OnlineDdl.Run> failed = replica.replayFailures();
            if (!failed.isEmpty()) {
              OnlineDdl.Run first = failed.get(0);
              throw new WardenException(
                  ErrorCode.INPUT,
                  "replaying the migration history failed at "
                      + first.statement().span().path()
                      + ":"
                      + first.statement().line()
                      + ": "
                      + first.error().orElse(first.status().name())
                      + (failed.size() > 1
                          ? " (and " + (failed.size() - 1) + " more statement(s))"
                          : "")
                      + "; fix the migration or check the "
                      + provider.engine()
                      + " replica server");
            }
            return replica.read(
                c -> MysqlIntrospector.take(c, new SnapshotOptions(List.of(), false)));
          }
        });
  }

  private static SchemaSnapshot cached(Path file, int migrations, Supplier<SchemaSnapshot> replay) {
    if (Files.isRegularFile(file)) {
      try {
        SchemaSnapshot cached =
            SnapshotJson.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        LOG.debug("expected schema from cache {}", file);
        return cached;
      } catch (IOException | WardenException e) {
        LOG.warn("ignoring unreadable expected-schema cache {}: {}", file, e.getMessage());
      }
    }
    long t0 = System.nanoTime();
    SchemaSnapshot snapshot = replay.get();
    LOG.info(
        "replayed {} migrations for the expected schema in {} ms",
        migrations,
        (System.nanoTime() - t0) / 1_000_000);
    Path cacheDir = file.getParent();
    try {
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempFile(cacheDir, "expected-", ".tmp");
      Files.writeString(tmp, SnapshotJson.write(snapshot), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn(
          "cannot cache the expected schema in {}: {} (the next review replays again)",
          cacheDir,
          e.getMessage());
    }
    return snapshot;
  }

  private static SchemaSnapshot replay(
      Supplier<ReplicaProvider> provider, boolean close, List<Migration> migrations) {
    SchemaSnapshot snapshot;
    ReplicaProvider p = provider.get();
    try (Replica replica = p.create(new SchemaSource.MigrationHistory(migrations));
        Connection c = replica.connect()) {
      snapshot = PostgresIntrospector.take(c, new SnapshotOptions(List.of(), false));
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot connect to the replica that replays the"
              + " migration history: "
              + e.getMessage(),
          e);
    } finally {
      if (close) {
        p.close();
      }
    }
    return snapshot;
  }
}
