package dev.schemawarden.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemawarden.app.jobs.Delivery;
import dev.schemawarden.app.jobs.JobQueue;
import dev.schemawarden.app.jobs.NewJob;
import dev.schemawarden.app.jobs.QueueSettings;
import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.replica.api.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The supervisor cannot restart the killed store at first (its directory is out of the server user's reach): the
 * store reports how long it has been down, readiness stays false, and once the cause is gone a later attempt
 * brings it back with its queue.
 */
@Timeout(120)
class StoreRestartRetryTest {
  final Path base = Faults.openDirectory("warden-faults-retry-");
  final Path state = base.resolve("state");

  @AfterEach
  void clean() throws Exception {
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    Faults.deleteTree(base);
  }

  @Test
  void failed_restarts_are_retried_until_the_store_is_back() throws Exception {
    assumeTrue(LocalPostgres.jvmIsRoot(), "needs a server user other than ours to lock out");
    try (StateStore store = StateStore.open(new StateSettings(Optional.empty(), state, 2))) {
      JobQueue queue = new JobQueue(store, QueueSettings.defaults());
      queue.accept(
          new Delivery("github", "d1", "pull_request", "opened"),
          Optional.of(new NewJob("k1", "review", "{}")));

      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
      Faults.kill9(ChildWarden.postmasterPid(state));
      Faults.await(
          "the supervisor noticed", Duration.ofSeconds(10), () -> store.downFor().isPresent());
      ChildWarden.sleep(3_000); // at least one more failed attempt
      assertThat(store.reachable()).as("not ready while down").isFalse();
      assertThat(store.downFor())
          .as("down for the whole time, restarts failing")
          .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(2)));

      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      Faults.await(
          "a later attempt succeeded", Duration.ofSeconds(30), () -> store.downFor().isEmpty());
      assertThat(store.reachable()).isTrue();
      assertThat(queue.countByStatus()).as("the queue survived").containsEntry("queued", 1);
    }
  }
}
