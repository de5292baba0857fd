package dev.schemawarden.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kill -9} of a real {@code warden review} JVM while its replica traces a slow migration: the next review
 * with the same {@code WARDEN_REPLICA_DIR} stops the orphaned postmaster and removes its data directory.
 */
@Timeout(240)
class ReviewKilledTest {
  final Path base = Faults.openDirectory("warden-faults-review-");
  final Path replicas = base.resolve("replicas");

  @AfterEach
  void clean() {
    Faults.deleteTree(base);
  }

  /** base has V1; head adds V2 with {@code migration}. */
  Path[] repository(String name, String migration) {
    Path head = base.resolve(name + "-head");
    Path baseTree = base.resolve(name + "-base");
    for (Path p : List.of(head, baseTree)) {
      write(p.resolve("db/migration/V1__init.sql"), "CREATE TABLE audit (id bigint);\n");
      write(p.resolve(".schemawarden.yml"), "migrations:\n  tool: flyway\n");
    }
    write(head.resolve("db/migration/V2__change.sql"), migration);
    return new Path[] {head, baseTree};
  }

  ChildWarden review(String log, Path[] repo) {
    return ChildWarden.start(
        base.resolve(log),
        Map.of("WARDEN_REPLICA_DIR", replicas.toString()),
        "review",
        "--verbose",
        "--trace",
        "--repo",
        repo[0].toString(),
        "--base-dir",
        repo[1].toString());
  }

  @Test
  void the_next_review_stops_the_orphaned_replica_and_removes_its_directory() {
    Path orphanDir;
    long orphanPostmaster;
    try (ChildWarden first = review("first.log", repository("slow", "SELECT pg_sleep(20);\n"))) {
      first.awaitOutput("built replica template", Duration.ofSeconds(120));
      orphanDir = replicaDirectories().get(0);
      // the trace is under way once a backend's process title shows the migration's SELECT
      Faults.await(
          "the trace's SELECT pg_sleep", Duration.ofSeconds(30), () -> runsSelect(orphanDir));
      orphanPostmaster = ChildWarden.postmasterPid(orphanDir);
      first.kill9();
    }
    assertThat(ChildWarden.postgresProcessesIn(orphanDir))
        .as("kill -9 leaves the replica running")
        .isNotEmpty();

    long t0 = System.nanoTime();
    try (ChildWarden second =
        review("second.log", repository("quick", "CREATE INDEX ON audit (id);\n"))) {
      assertThat(second.exitCode(Duration.ofSeconds(120))).as(second.output()).isPresent();
      System.out.printf(
          "FAULTS review after kill -9 of a review: %d ms%n%s%n",
          Faults.since(t0).toMillis(), second.output());
      assertThat(second.output()).as("the trace ran").contains("V2__change.sql");
    }

    assertThat(ProcessHandle.of(orphanPostmaster).map(ProcessHandle::isAlive).orElse(false))
        .as("the orphaned postmaster was stopped")
        .isFalse();
    assertThat(ChildWarden.postgresProcessesIn(orphanDir)).as("nothing of it runs").isEmpty();
    assertThat(orphanDir).as("its directory was removed").doesNotExist();
    assertThat(replicaDirectories()).as("and the second review removed its own").isEmpty();
  }

  static boolean runsSelect(Path dataDirectory) {
    return ChildWarden.postgresProcessesIn(dataDirectory).stream()
        .anyMatch(
            pid -> {
              try {
                return Files.readString(Path.of("/proc", pid.toString(), "cmdline"))
                    .contains(" SELECT");
              } catch (IOException e) {
                return false;
              }
            });
  }

  List<Path> replicaDirectories() {
    if (!Files.isDirectory(replicas)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(replicas)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("schemawarden-pg-")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
