package dev.schemawarden.replica.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.replica.api.LocalPostgres;
import dev.schemawarden.replica.api.LocalPostgresSettings;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded replica through the launcher: its own cluster in a base directory of the test's. */
class EmbeddedReplicaProviderTest {
  Path base;

  @BeforeEach
  void base() throws IOException {
    base = Files.createTempDirectory("warden-replica-");
    // JUnit's @TempDir is 700: the unprivileged server user could not reach its data directory in
    // it
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void clean() throws IOException {
    try (var files = Files.walk(base)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private ReplicaSettings settings() {
    ReplicaSettings d = ReplicaSettings.defaults();
    return new ReplicaSettings(
        d.statementTimeout(),
        d.lockTimeout(),
        d.staleAfter(),
        d.templateMaxAge(),
        Optional.of(base),
        Optional.empty(),
        d.reviewBudget(),
        d.sizeCapBytes());
  }

  @Test
  void the_replica_server_is_not_root_and_needs_its_superuser_password() throws Exception {
    EmbeddedReplicaProvider started = EmbeddedReplicaProvider.start(settings());
    Path data = started.server().dataDirectory();
    try (EmbeddedReplicaProvider provider = started;
        Replica replica = provider.create(Replicas.shopSchema());
        Connection c = replica.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
      rs.next();
      assertThat(rs.getInt(1))
          .as("the clone was built through the password-carrying admin connection")
          .isPositive();
      String url = provider.server().jdbcUrl("postgres");
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
          .as("the replica's superuser is not open to every local user")
          .hasMessageContaining("password");
      if (isRoot()) {
        Process ps =
            new ProcessBuilder("ps", "-o", "user=", "-p", Long.toString(provider.server().pid()))
                .start();
        String user =
            new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(user)
            .as("a COPY ... TO PROGRAM that got through would not run as root")
            .isNotEqualTo("root")
            .isNotEmpty();
      }
    }
    assertThat(data)
        .as("the scratch cluster's directory (memory on /dev/shm) goes with it")
        .doesNotExist();
  }

  @Test
  void a_crashed_runs_directory_is_stopped_and_removed_but_a_live_ones_is_kept() throws Exception {
    long dead = deadPid();
    Path stale = base.resolve("schemawarden-pg-" + dead + "-dead");
    LocalPostgres left = LocalPostgres.start(LocalPostgresSettings.scratch(stale));
    Files.writeString(stale.resolve("warden.owner"), dead + " 1\n");
    Path live =
        Files.createDirectory(
            base.resolve("schemawarden-pg-" + ProcessHandle.current().pid() + "-live"));
    try (EmbeddedReplicaProvider provider = EmbeddedReplicaProvider.start(settings())) {
      assertThat(stale).as("the crashed run's directory").doesNotExist();
      assertThat(ProcessHandle.of(left.pid()).map(ProcessHandle::isAlive).orElse(false))
          .as("the server it left running was stopped")
          .isFalse();
      assertThat(live).as("a running JVM's directory").exists();
    } finally {
      left.close();
    }
  }

  private static boolean isRoot() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
