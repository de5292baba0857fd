package dev.schemawarden.app.host.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.app.host.HostEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitlabSettingsTest {
  static final Map<String, String> ALL =
      Map.of(
          "WARDEN_GITLAB_URL",
          "https://gitlab.example.com/",
          "WARDEN_GITLAB_TOKEN",
          "glpat-secret-value",
          "WARDEN_GITLAB_WEBHOOK_TOKEN",
          "hook-secret-value");

  @Test
  void none_set_turns_gitlab_off_and_all_set_turns_it_on() {
    assertThat(GitlabSettings.fromEnv(Map.of())).isEmpty();
    GitlabSettings s = GitlabSettings.fromEnv(ALL).orElseThrow();
    assertThat(s.url()).as("trailing slash dropped").isEqualTo("https://gitlab.example.com");
    assertThat(s.toString())
        .doesNotContain("glpat-secret-value")
        .doesNotContain("hook-secret-value");
  }

  @Test
  void a_partial_setting_fails_naming_the_missing_variable() {
    Map<String, String> noToken = new java.util.HashMap<>(ALL);
    noToken.remove("WARDEN_GITLAB_TOKEN");
    assertThatThrownBy(() -> GitlabSettings.fromEnv(noToken))
        .hasMessageStartingWith("WARDEN_GITLAB_TOKEN is not set");
    Map<String, String> api = new java.util.HashMap<>(ALL);
    api.put("WARDEN_GITLAB_URL", "https://gitlab.example.com/api/v4");
    assertThatThrownBy(() -> GitlabSettings.fromEnv(api))
        .hasMessageStartingWith("WARDEN_GITLAB_URL");
  }

  @Test
  void the_token_must_match_exactly() {
    GitlabWebhooks hooks = new GitlabWebhooks("hook-secret-value");
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    assertThat(hooks.verify(Map.of("x-gitlab-token", "hook-secret-value"), body)).isTrue();
    assertThat(hooks.verify(Map.of("x-gitlab-token", "hook-secret-valu"), body)).isFalse();
    assertThat(hooks.verify(Map.of("x-gitlab-token", "hook-secret-value "), body)).isFalse();
    assertThat(hooks.verify(Map.of(), body)).isFalse();
  }

  @Test
  void multi_line_suggestions_use_gitlabs_relative_range() {
    var c =
        new dev.schemawarden.app.host.InlineComment(
            "db/V1.sql", 3, 5, "x\n```suggestion\nSELECT 1;\n```\n", "ab12");
    assertThat(GitlabCodeHost.body(c))
        .contains("```suggestion:-2+0\n")
        .endsWith("<!-- schema-warden:finding ab12 -->");
  }

  @Test
  void delivery_id_prefers_the_idempotency_key() {
    GitlabWebhooks hooks = new GitlabWebhooks("t");
    byte[] body = "{\"object_kind\":\"push\"}".getBytes(StandardCharsets.UTF_8);
    var d =
        hooks.parse(
            Map.of(
                "x-gitlab-event",
                "Push Hook",
                "idempotency-key",
                "k1",
                "x-gitlab-event-uuid",
                "u1"),
            body);
    assertThat(d.id()).isEqualTo("k1");
    assertThat(d.request()).isInstanceOf(HostEvent.Ignored.class);
    assertThat(
            hooks
                .parse(Map.of("x-gitlab-event", "Push Hook", "x-gitlab-event-uuid", "u1"), body)
                .id())
        .isEqualTo("u1");
  }
}
