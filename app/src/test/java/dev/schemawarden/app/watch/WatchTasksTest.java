package dev.schemawarden.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.app.host.RepositoryRef;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchTasksTest {
  @Test
  void the_service_watches_the_repositories_the_variable_names_on_configured_hosts() {
    assertThat(
            WatchTasks.repositories(
                Map.of(WatchTasks.REPOSITORIES_ENV, "github:acme/shop@42, gitlab:grp/sub/app"),
                Set.of("github", "gitlab")))
        .as("host:owner/name, a GitHub App installation after @")
        .containsExactly(
            new RepositoryRef("github", "acme/shop", Optional.of(42L)),
            new RepositoryRef("gitlab", "grp/sub/app", Optional.empty()));
    assertThat(WatchTasks.repositories(Map.of(), Set.of("github")))
        .as("unset: nothing watched")
        .isEmpty();
  }

  @Test
  void a_malformed_entry_or_an_unconfigured_host_fails_at_start_naming_the_variable_and_the_fix() {
    assertThatThrownBy(
            () ->
                WatchTasks.repositories(
                    Map.of(WatchTasks.REPOSITORIES_ENV, "github:../etc/passwd"), Set.of("github")))
        .as("no path games in a repository name")
        .hasMessageContaining("WARDEN_WATCH_REPOSITORIES")
        .hasMessageContaining("write e.g. github:acme/shop");
    assertThatThrownBy(
            () ->
                WatchTasks.repositories(
                    Map.of(WatchTasks.REPOSITORIES_ENV, "gitlab:grp/app"), Set.of("github")))
        .hasMessageContaining("gitlab is not configured");
  }
}
