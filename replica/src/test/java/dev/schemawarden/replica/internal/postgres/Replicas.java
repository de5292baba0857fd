package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Test support: one embedded cluster per PostgreSQL major per test JVM, and migrations built by hand. */
final class Replicas {
  enum Major {
    /** The classpath's binaries (root pom {@code postgres.binaries.version}). */
    PRIMARY,
    /** The jar maven-dependency-plugin copies ({@code postgres.binaries.second.version}). */
    SECOND
  }

  private static final Map<Major, ReplicaProvider> PROVIDERS = new ConcurrentHashMap<>();

  private Replicas() {}

  static ReplicaProvider provider(Major major) {
    return PROVIDERS.computeIfAbsent(
        major,
        m -> {
          ReplicaSettings settings = ReplicaSettings.defaults();
          if (m == Major.SECOND) {
            Path jar =
                Path.of(
                    System.getProperty(
                        "postgres.second.jar", "target/pg-binaries/postgres-binaries-second.jar"));
            settings = settings.withBinariesJar(jar);
          }
          ReplicaProvider p = ReplicaProvider.embedded(settings);
          Runtime.getRuntime().addShutdownHook(new Thread(p::close));
          return p;
        });
  }

  static SchemaSource shopSchema() {
    try (var in = Replicas.class.getResourceAsStream("/replica/shop-schema.sql")) {
      return new SchemaSource.SqlDump(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SqlStatement statement(int index, String sql, Change change) {
    return new SqlStatement(
        index,
        sql,
        new SourceSpan("db/V2__change.sql", index + 1, 1, index + 1, 1),
        change,
        SqlStatement.ParsedBy.CLASSIFIER,
        Optional.empty());
  }

  static SqlStatement statement(int index, String sql) {
    return statement(
        index,
        sql,
        new Change.Other(
            sql.split(" ")[0].toUpperCase(), Change.ObjectKind.OTHER, Optional.empty()));
  }

  static Migration migration(boolean runInTransaction, SqlStatement... statements) {
    return new Migration(
        "db/V2__change.sql",
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.of("2"),
        "change",
        runInTransaction,
        List.of(statements),
        List.of());
  }

  /** A migration of plain statements, one per line, numbered from line 1. */
  static Migration migration(boolean runInTransaction, String... sqls) {
    List<SqlStatement> list = new ArrayList<>();
    for (int i = 0; i < sqls.length; i++) {
      list.add(statement(i, sqls[i]));
    }
    return migration(runInTransaction, list.toArray(SqlStatement[]::new));
  }

  static String read(Path p) throws IOException {
    return Files.readString(p);
  }
}
