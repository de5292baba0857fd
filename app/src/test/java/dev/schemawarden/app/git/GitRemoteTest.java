package dev.schemawarden.app.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where git comes from (docs/webhooks.md) and the cache settings. */
class GitRemoteTest {
  @Test
  void github_uses_the_payload_clone_url_unless_warden_github_git_url_is_set() {
    assertThat(
            GitRemote.github(
                    "acme/shop",
                    Optional.of("https://github.com/acme/shop.git"),
                    Optional.empty(),
                    Optional.of("t"))
                .url())
        .isEqualTo("https://github.com/acme/shop.git");
    GitRemote ghe =
        GitRemote.github(
            "acme/shop",
            Optional.of("https://github.com/acme/shop.git"),
            Optional.of("https://ghe.example.com/"),
            Optional.of("t"));
    assertThat(ghe.url())
        .as("the variable wins")
        .isEqualTo("https://ghe.example.com/acme/shop.git");
    assertThat(ghe.credentials().orElseThrow().username()).isEqualTo("x-access-token");
    assertThat(ghe.key()).isEqualTo("ghe.example.com/acme/shop");
  }

  @Test
  void gitlab_is_the_instance_url_and_the_project_path() {
    GitRemote r =
        GitRemote.gitlab("group/sub/shop", "https://gitlab.example.com/", Optional.of("glpat"));
    assertThat(r.url()).isEqualTo("https://gitlab.example.com/group/sub/shop.git");
    assertThat(r.credentials().orElseThrow().username()).isEqualTo("oauth2");
    assertThat(r.host().pullRequestRef(7)).isEqualTo("refs/merge-requests/7/head");
    assertThat(GitRemote.Host.GITHUB.pullRequestRef(7)).isEqualTo("refs/pull/7/head");
  }

  @Test
  void a_token_in_the_clone_url_is_moved_out_of_it_and_never_shown() {
    GitRemote r =
        GitRemote.github(
            "acme/shop",
            Optional.of("https://x-access-token:ghs_SECRET@github.com/acme/shop.git"),
            Optional.empty(),
            Optional.empty());
    assertThat(r.url()).isEqualTo("https://github.com/acme/shop.git");
    assertThat(r.credentials().orElseThrow().token()).isEqualTo("ghs_SECRET");
    assertThat(r.toString()).doesNotContain("ghs_SECRET");
    assertThat(r.credentials().orElseThrow().toString()).doesNotContain("ghs_SECRET");
  }

  @Test
  void only_http_transports_and_plain_repository_paths_are_accepted() {
    assertThatThrownBy(
            () ->
                GitRemote.github(
                    "acme/shop",
                    Optional.of("ext::sh -c touch% /tmp/x"),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("http(s)");
    assertThatThrownBy(
            () ->
                GitRemote.github(
                    "acme/shop", Optional.of("file:///etc"), Optional.empty(), Optional.empty()))
        .isInstanceOf(WardenException.class);
    assertThatThrownBy(() -> GitRemote.gitlab("../etc", "https://gitlab.com", Optional.empty()))
        .isInstanceOf(WardenException.class);
    assertThatThrownBy(
            () ->
                GitRemote.github(
                    "https://x:TOKEN@h/acme/shop",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(WardenException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOKEN"));
  }

  @Test
  void cache_settings_come_from_the_environment_with_defaults() {
    assertThat(RepositoryCacheSettings.fromEnv(Map.of("WARDEN_REPO_CACHE", "/srv/cache")).dir())
        .isEqualTo(Path.of("/srv/cache"));
    assertThat(
            RepositoryCacheSettings.fromEnv(Map.of("WARDEN_STATE_DIR", "/var/lib/warden/state"))
                .dir())
        .as("next to the state directory")
        .isEqualTo(Path.of("/var/lib/warden/repos"));
    RepositoryCacheSettings s =
        RepositoryCacheSettings.fromEnv(
            Map.of(
                "WARDEN_REPO_CACHE_MAX_MB",
                "100",
                "WARDEN_REPO_MAX_FILE_MB",
                "32",
                "WARDEN_GIT_TIMEOUT_SECONDS",
                "30"));
    assertThat(s.maxCacheBytes()).isEqualTo(100L << 20);
    assertThat(s.maxFileBytes()).isEqualTo(32L << 20);
    assertThat(s.gitTimeout().toSeconds()).isEqualTo(30);
    assertThatThrownBy(
            () -> RepositoryCacheSettings.fromEnv(Map.of("WARDEN_REPO_MAX_TREE_FILES", "many")))
        .hasMessageStartingWith("WARDEN_REPO_MAX_TREE_FILES must be a whole number");
    assertThatThrownBy(
            () -> RepositoryCacheSettings.fromEnv(Map.of("WARDEN_REPO_MAX_FILE_MB", "2")))
        .as("a placeholder under the reader's cap would be read as the file")
        .hasMessageContaining("at least 16");
  }
}
