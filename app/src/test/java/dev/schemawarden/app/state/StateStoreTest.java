package dev.schemawarden.app.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.app.jobs.Delivery;
import dev.schemawarden.app.jobs.JobQueue;
import dev.schemawarden.app.jobs.NewJob;
import dev.schemawarden.app.jobs.QueueSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

  @Test
  void the_embedded_store_keeps_queued_jobs_across_a_restart(@TempDir Path dir) {
    StateSettings settings = new StateSettings(Optional.empty(), dir.resolve("state"), 2);
    try (StateStore store = StateStore.open(settings)) {
      new JobQueue(store, QueueSettings.defaults()).accept(new Delivery("github", "d1", "pull_request", "opened"),
          Optional.of(new NewJob("k", "review", "{}")));
    }
    try (StateStore store = StateStore.open(settings)) {
      assertThat(store.reachable()).isTrue();
      assertThat(new JobQueue(store, QueueSettings.defaults()).countByStatus().get("queued"))
          .as("the data directory survived the restart").isEqualTo(1);
    }
  }

  @Test
  void a_bad_external_url_fails_naming_the_variable_without_the_password() {
    assertThatThrownBy(() -> StateStore.open(new StateSettings(
        Optional.of("jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2"), Path.of("x"), 1)))
        .hasMessageContaining("WARDEN_STATE_URL")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void redact_hides_credentials() {
    assertThat(StateSettings.redact("jdbc:postgresql://u:pw@db:5432/w?password=pw")).doesNotContain("pw");
  }
}
