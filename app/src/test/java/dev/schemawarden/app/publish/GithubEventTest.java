package dev.schemawarden.app.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Action's reader of the event file, which whoever opens the pull request partly writes. */
class GithubEventTest {
  static final String SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  @TempDir Path tmp;

  Path event(String name, String baseRef) throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/github/webhooks/" + name)) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    var tree =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    var pr = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("pull_request");
    if (baseRef != null) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) pr.get("base"))
          .put("ref", baseRef)
          .put("sha", SHA);
    }
    Path file = tmp.resolve("event.json");
    Files.writeString(file, tree.toString());
    return file;
  }

  @Test
  void a_review_event_gives_the_base_branch_the_commits_and_the_number_as_plain_lines()
      throws IOException {
    GithubEvent e = GithubEvent.read(event("pull_request_review.approved.json", "release/2.x"));
    assertThat(e.baseRef()).isEqualTo("release/2.x");
    assertThat(e.toProperties())
        .as("one key=value per line, nothing a shell would expand")
        .startsWith(
            "number=" + e.number() + "\nbase_ref=release/2.x\nbase_sha=" + SHA + "\nhead_sha=");
  }

  @Test
  void a_branch_name_a_shell_or_git_would_read_as_code_or_an_option_is_refused()
      throws IOException {
    for (String hostile :
        new String[] {
          "main$(touch /tmp/x)",
          "main`id`",
          "--upload-pack=touch",
          "a b",
          "main\nhead_sha=0000000000000000000000000000000000000000",
          "../../etc",
          "main;id"
        }) {
      Path file = event("pull_request.opened.json", hostile);
      assertThatThrownBy(() -> GithubEvent.read(file))
          .as(hostile)
          .hasMessageContaining("pull_request.base.ref is missing or not a plain branch name");
    }
  }

  @Test
  void an_event_without_a_pull_request_is_a_usage_error_naming_the_file() throws IOException {
    Path push = tmp.resolve("push.json");
    try (InputStream in = getClass().getResourceAsStream("/fixtures/github/webhooks/push.json")) {
      Files.write(push, in.readAllBytes());
    }
    assertThatThrownBy(() -> GithubEvent.read(push))
        .hasMessageContaining(push + " is not a pull request event");
  }
}
