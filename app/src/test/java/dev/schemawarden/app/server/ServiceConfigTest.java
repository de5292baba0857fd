package dev.schemawarden.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.app.host.github.GithubAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {
  static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("WARDEN_GITHUB_WEBHOOK_SECRET", "s3cret-value");
    env.put("WARDEN_GITHUB_TOKEN", "ghp_token_value");
    return env;
  }

  @Test
  void defaults_apply_when_only_the_required_settings_are_given() {
    ServiceConfig c = ServiceConfig.fromEnv(minimal());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.workers()).isEqualTo(2);
    assertThat(c.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(c.state().url()).isEmpty();
    assertThat(c.state().dir())
        .as("the CLI's default too")
        .isEqualTo(dev.schemawarden.app.state.StateStore.defaultDirectory());
    assertThat(c.github().orElseThrow().apiUrl()).isEqualTo("https://api.github.com");
    assertThat(c.toString()).doesNotContain("s3cret-value").doesNotContain("ghp_token_value");
  }

  @Test
  void each_missing_or_invalid_setting_fails_naming_its_variable() {
    Map<String, String> noSecret = minimal();
    noSecret.remove("WARDEN_GITHUB_WEBHOOK_SECRET");
    assertThatThrownBy(() -> ServiceConfig.fromEnv(noSecret))
        .hasMessageStartingWith("WARDEN_GITHUB_WEBHOOK_SECRET");
    Map<String, String> noAuth = minimal();
    noAuth.remove("WARDEN_GITHUB_TOKEN");
    assertThatThrownBy(() -> ServiceConfig.fromEnv(noAuth))
        .hasMessageStartingWith("WARDEN_GITHUB_TOKEN");
    for (var bad :
        Map.of(
                "WARDEN_PORT",
                "http",
                "WARDEN_WORKERS",
                "0",
                "WARDEN_MAX_BODY_BYTES",
                "-1",
                "WARDEN_STATE_URL",
                "postgres://x",
                "WARDEN_GITHUB_API_URL",
                "ftp://x",
                "WARDEN_GITHUB_APP_ID",
                "12")
            .entrySet()) {
      Map<String, String> env = minimal();
      env.put(bad.getKey(), bad.getValue());
      String expected =
          bad.getKey().equals("WARDEN_GITHUB_APP_ID") ? "WARDEN_GITHUB_TOKEN" : bad.getKey();
      assertThatThrownBy(() -> ServiceConfig.fromEnv(env))
          .as(bad.getKey())
          .hasMessageStartingWith(expected)
          .hasMessageNotContaining("ghp_token_value");
    }
  }

  @Test
  void instance_settings_lease_poll_shutdown_grace_and_retention_are_read_and_checked() {
    ServiceConfig d = ServiceConfig.fromEnv(minimal());
    assertThat(d.shutdownGrace()).isEqualTo(java.time.Duration.ofSeconds(20));
    assertThat(d.retention()).isEqualTo(dev.schemawarden.app.state.RetentionSettings.defaults());
    Map<String, String> env = minimal();
    env.putAll(
        Map.of(
            "WARDEN_JOB_LEASE",
            "30s",
            "WARDEN_JOB_POLL",
            "200ms",
            "WARDEN_SHUTDOWN_GRACE",
            "45s",
            "WARDEN_RETENTION_JOBS",
            "7d",
            "WARDEN_RETENTION_DELIVERIES",
            "4d",
            "WARDEN_RETENTION_REVIEWS",
            "180d",
            "WARDEN_RETENTION_EVERY",
            "10m"));
    ServiceConfig c = ServiceConfig.fromEnv(env);
    assertThat(c.queue().lease()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(c.queue().poll()).isEqualTo(java.time.Duration.ofMillis(200));
    assertThat(c.shutdownGrace()).isEqualTo(java.time.Duration.ofSeconds(45));
    assertThat(c.retention())
        .isEqualTo(
            new dev.schemawarden.app.state.RetentionSettings(
                java.time.Duration.ofDays(7),
                java.time.Duration.ofDays(4),
                java.time.Duration.ofDays(180),
                java.time.Duration.ofMinutes(10)));
    for (var bad :
        Map.of(
                "WARDEN_JOB_LEASE",
                "500ms",
                "WARDEN_SHUTDOWN_GRACE",
                "soon",
                "WARDEN_RETENTION_JOBS",
                "0d",
                "WARDEN_RETENTION_EVERY",
                "-1h",
                "WARDEN_JOB_POLL",
                "1w")
            .entrySet()) {
      Map<String, String> e = minimal();
      e.put(bad.getKey(), bad.getValue());
      assertThatThrownBy(() -> ServiceConfig.fromEnv(e))
          .as(bad.getKey())
          .hasMessageStartingWith(bad.getKey());
    }
  }

  @Test
  void an_app_key_is_read_from_pem_text_or_a_path_and_a_bad_key_names_the_variable(
      @TempDir Path dir) throws Exception {
    var pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Map<String, String> env = minimal();
    env.remove("WARDEN_GITHUB_TOKEN");
    env.put("WARDEN_GITHUB_APP_ID", "4242");
    env.put("WARDEN_GITHUB_PRIVATE_KEY", pem);
    assertThat(ServiceConfig.fromEnv(env).github().orElseThrow().auth())
        .isInstanceOf(GithubAuth.App.class);
    Path file = Files.writeString(dir.resolve("app.pem"), pem);
    env.put("WARDEN_GITHUB_PRIVATE_KEY", file.toString());
    assertThat(((GithubAuth.App) ServiceConfig.fromEnv(env).github().orElseThrow().auth()).appId())
        .isEqualTo(4242);
    env.put(
        "WARDEN_GITHUB_PRIVATE_KEY",
        "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----");
    assertThatThrownBy(() -> ServiceConfig.fromEnv(env))
        .hasMessageStartingWith("WARDEN_GITHUB_PRIVATE_KEY");
  }

  @Test
  void gitlab_alone_needs_no_github_settings_but_some_host_must_be_configured() {
    Map<String, String> gitlabOnly =
        new java.util.HashMap<>(
            Map.of(
                "WARDEN_GITLAB_URL",
                "https://gitlab.example.com",
                "WARDEN_GITLAB_TOKEN",
                "glpat-x",
                "WARDEN_GITLAB_WEBHOOK_TOKEN",
                "hook-x"));
    ServiceConfig c = ServiceConfig.fromEnv(gitlabOnly);
    assertThat(c.github()).isEmpty();
    assertThat(c.gitlab()).isPresent();
    assertThat(c.toString()).contains("github=off");
    assertThatThrownBy(() -> ServiceConfig.fromEnv(Map.of()))
        .hasMessageStartingWith("WARDEN_GITHUB_WEBHOOK_SECRET")
        .hasMessageContaining("WARDEN_GITHUB_TOKEN")
        .hasMessageContaining("WARDEN_GITLAB_URL");
  }

  @Test
  void the_retry_horizon_backoff_and_breaker_come_from_the_environment_with_hours_by_default() {
    ServiceConfig defaults = ServiceConfig.fromEnv(minimal());
    assertThat(defaults.queue().horizon())
        .as("hours, not minutes")
        .isEqualTo(java.time.Duration.ofHours(6));
    Map<String, String> env = minimal();
    env.put("WARDEN_JOB_RETRY_HORIZON", "90m");
    env.put("WARDEN_JOB_BACKOFF_BASE", "2s");
    env.put("WARDEN_JOB_BACKOFF_MAX", "5m");
    env.put("WARDEN_HOST_BREAKER_THRESHOLD", "3");
    env.put("WARDEN_HOST_BREAKER_COOLDOWN", "45s");
    var q = ServiceConfig.fromEnv(env).queue();
    assertThat(q.horizon()).isEqualTo(java.time.Duration.ofMinutes(90));
    assertThat(q.baseBackoff()).isEqualTo(java.time.Duration.ofSeconds(2));
    assertThat(q.maxBackoff()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(q.breakerThreshold()).isEqualTo(3);
    assertThat(q.breakerCoolDown()).isEqualTo(java.time.Duration.ofSeconds(45));
    env.put("WARDEN_JOB_RETRY_HORIZON", "six hours");
    assertThatThrownBy(() -> ServiceConfig.fromEnv(env))
        .as("one line naming the variable and the form")
        .hasMessageStartingWith(
            "WARDEN_JOB_RETRY_HORIZON must be a positive duration such as 30s, 10m or 6h");
    env.put("WARDEN_JOB_RETRY_HORIZON", "6h");
    env.put("WARDEN_JOB_BACKOFF_MAX", "1s");
    assertThatThrownBy(() -> ServiceConfig.fromEnv(env))
        .hasMessageStartingWith("WARDEN_JOB_BACKOFF_MAX must be at least");
  }

  @Test
  void mcp_is_off_by_default_and_a_wrong_repository_or_agents_file_stops_start_up(@TempDir Path dir)
      throws Exception {
    assertThat(ServiceConfig.fromEnv(minimal()).mcp()).as("no WARDEN_MCP_REPO, no /mcp").isEmpty();
    Map<String, String> env = minimal();
    env.put("WARDEN_MCP_REPO", dir.resolve("nope").toString());
    assertThatThrownBy(() -> ServiceConfig.fromEnv(env))
        .hasMessageStartingWith("WARDEN_MCP_REPO")
        .hasMessageContaining("is not a directory");
    env.put("WARDEN_MCP_REPO", dir.toString());
    env.put(
        "WARDEN_AGENTS_FILE",
        java.nio.file.Files.writeString(
                dir.resolve("agents.yml"),
                "agents:\n  - name: x\n    token-sha256: not-a-hash\n    acts-for: a\n")
            .toString());
    assertThatThrownBy(() -> ServiceConfig.fromEnv(env))
        .as("checked at start, not at the first call")
        .hasMessageContaining("agents.yml:")
        .hasMessageContaining("not a SHA-256");
  }
}
