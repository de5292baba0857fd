package dev.schemawarden.app.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.schemawarden.app.testing.Cli;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden setup gitlab} against a fake GitLab answering {@code POST /projects/:id/hooks}. */
class GitlabHookSetupTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Received(String path, String token, JsonNode body) {}

  @Test
  void the_hook_is_created_with_its_events_and_a_generated_secret_stored_mode_600(@TempDir Path dir)
      throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    byte[] answer;
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/gitlab/rest/project-hook.json")) {
      answer = in.readAllBytes();
    }
    HttpServer gitlab = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gitlab.createContext(
        "/",
        ex -> {
          received.add(
              new Received(
                  ex.getRequestURI().getRawPath(),
                  ex.getRequestHeaders().getFirst("PRIVATE-TOKEN"),
                  JSON.readTree(ex.getRequestBody())));
          ex.sendResponseHeaders(201, answer.length);
          ex.getResponseBody().write(answer);
          ex.close();
        });
    gitlab.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + gitlab.getAddress().getPort());
      GitlabHookSetup.Created c =
          GitlabHookSetup.create(
              url,
              "group/sub/proj",
              URI.create("https://warden.example.com/webhooks/gitlab"),
              "glpat-api",
              dir);

      assertThat(received).hasSize(1);
      Received r = received.get(0);
      assertThat(r.path())
          .as("the project path is one encoded segment")
          .isEqualTo("/api/v4/projects/group%2Fsub%2Fproj/hooks");
      assertThat(r.token()).isEqualTo("glpat-api");
      assertThat(r.body().path("url").asText())
          .isEqualTo("https://warden.example.com/webhooks/gitlab");
      for (String event : List.of("merge_requests_events", "note_events", "push_events")) {
        assertThat(r.body().path(event).asBoolean()).as(event).isTrue();
      }
      String secret = r.body().path("token").asText();
      assertThat(secret).as("a generated secret token").hasSize(64);
      assertThat(c.hookId()).isEqualTo(1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(c.envFile())))
          .isEqualTo("rw-------");
      assertThat(Files.readString(c.envFile(), StandardCharsets.UTF_8))
          .as("what warden serve reads")
          .isEqualTo("WARDEN_GITLAB_URL=" + url + "\nWARDEN_GITLAB_WEBHOOK_TOKEN=" + secret + "\n");
    } finally {
      gitlab.stop(0);
    }
  }

  @Test
  void print_shows_a_curl_command_that_expands_nothing_from_the_url_and_holds_no_token(
      @TempDir Path dir) throws Exception {
    String hostile = "https://warden.example.com/webhooks/gitlab?x='$(touch%20pwned)'";
    Cli.Run run =
        Cli.run(
            "setup",
            "gitlab",
            "--print",
            "--project",
            "group/proj",
            "--gitlab-url",
            "https://gitlab.example.com",
            "--webhook-url",
            hostile);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .as("tokens stay variables")
        .contains("$WARDEN_GITLAB_TOKEN")
        .contains("https://gitlab.example.com/api/v4/projects/group%2Fproj/hooks");

    // the printed command, run by a real shell with curl stubbed: the URL arrives as data, nothing
    // executes
    Path script =
        Files.writeString(
            dir.resolve("hook.sh"),
            "curl() { for a in \"$@\"; do printf '%s\\n' \"$a\";"
                + " done; }\nopenssl() { echo s3cret; }\nWARDEN_GITLAB_TOKEN=api\n"
                + run.out());
    Process p =
        new ProcessBuilder("bash", script.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String args = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(args).isZero();
    JsonNode data =
        JSON.readTree(args.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    assertThat(data.path("url").asText()).isEqualTo(hostile);
    assertThat(data.path("token").asText()).as("the shell fills in the token").isEqualTo("s3cret");
    assertThat(dir.resolve("pwned")).as("nothing from the URL ran").doesNotExist();
  }

  @Test
  void a_project_path_that_climbs_or_is_absolute_is_refused_before_any_request() {
    for (String project : List.of("../../users", "group/../admin", "/etc", "a b", "g/p?x=1")) {
      assertThatThrownBy(
              () ->
                  GitlabHookSetup.curl(
                      URI.create("https://gitlab.example.com"),
                      project,
                      URI.create("https://w.example.com/webhooks/gitlab")))
          .as(project)
          .hasMessageStartingWith("--project");
    }
  }
}
