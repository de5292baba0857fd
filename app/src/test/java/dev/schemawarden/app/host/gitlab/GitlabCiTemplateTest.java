package dev.schemawarden.app.host.gitlab;

import static dev.schemawarden.app.host.gitlab.GitlabWebhookEndToEndTest.addedDiff;
import static dev.schemawarden.app.host.gitlab.GitlabWebhookEndToEndTest.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.ReleaseServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab CI template's job script, run as a GitLab runner runs it ({@code sh}, the job's and {@code CI_*}
 * variables, the project cloned into {@code CI_PROJECT_DIR}) against the local GitLab API and git server
 * ({@link FakeGitLab}) and a local release download ({@link ReleaseServer}).
 */
class GitlabCiTemplateTest {
  static final Path TEMPLATE =
      Path.of("..", "action", "gitlab", "schema-warden.gitlab-ci.yml").toAbsolutePath();
  static final Path FETCH = Path.of("..", "action", "fetch-warden.sh").toAbsolutePath();
  static final String PROJECT = GitlabWebhookEndToEndTest.PROJECT;
  static final String TOKEN = GitlabWebhookEndToEndTest.API_TOKEN;

  @TempDir Path tmp;

  record Job(int exit, String log) {}

  static JsonNode job() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile()).path("schema-warden");
  }

  Job run(Path projectDir, Map<String, String> variables) throws Exception {
    Path script = tmp.resolve("job.sh");
    StringBuilder text = new StringBuilder();
    job().path("script").forEach(line -> text.append(line.asText()).append('\n'));
    Files.writeString(script, text);
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-e", script.toString())
            .directory(projectDir.toFile())
            .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(variables);
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return new Job(p.exitValue(), log);
  }

  @Test
  void the_template_needs_nothing_from_this_repository_and_carries_the_same_verified_download()
      throws Exception {
    String script = job().path("script").toString();
    assertThat(script)
        .as("./warden exists only in this repository")
        .doesNotContain("./warden")
        .as("jq is not in the image")
        .doesNotContainPattern("\\bjq\\b");
    String fetch = Files.readString(FETCH);
    String function =
        fetch.substring(fetch.indexOf("# >>> fetch_warden"), fetch.indexOf("# <<< fetch_warden"));
    assertThat(job().path("script").path(0).asText())
        .as("one download-and-verify logic: action/fetch-warden.sh")
        .contains(function);
    String pomVersion =
        Files.readString(Path.of("..", "pom.xml"))
            .replaceAll("(?s).*?\n  <version>([^<]+)</version>.*", "$1");
    assertThat(job().path("variables").path("WARDEN_VERSION").asText())
        .as("the template's release is this build's")
        .isEqualTo(pomVersion.replace("-SNAPSHOT", ""));
  }

  @Test
  void
      a_merge_request_pipeline_writes_the_code_quality_report_upserts_one_note_and_fails_when_blocked()
          throws Exception {
    try (FakeGitLab gitlab =
            new FakeGitLab(
                PROJECT,
                1,
                GitlabWebhookEndToEndTest.BASE,
                GitlabWebhookEndToEndTest.START,
                GitlabWebhookEndToEndTest.HEAD);
        ReleaseServer release = new ReleaseServer()) {
      String v4 = repoFile("db/migration/V4__orders_status.sql");
      gitlab.file("db/migration/V4__orders_status.sql", true, addedDiff(v4), v4, null);
      String config = repoFile("schemawarden.yml") + "replica:\n  provider: off\n";
      gitlab.content(GitlabWebhookEndToEndTest.BASE, ".schemawarden.yml", config);
      gitlab.content(GitlabWebhookEndToEndTest.HEAD, ".schemawarden.yml", config);
      // The runner's clone: the merge request's head, detached, as GitLab checks it out.
      gitlab.gitHead(); // commits the scenario into the served repository
      GitFixture project = new GitFixture(tmp.resolve("project"));
      project.git("remote", "add", "origin", gitlab.url() + "/" + PROJECT + ".git");
      project.git("fetch", "-q", "origin", "+refs/merge-requests/1/head:refs/remotes/mr/head");
      project.git("checkout", "-q", "--detach", "refs/remotes/mr/head");
      Map<String, String> vars = new HashMap<>();
      vars.put("PATH", System.getenv("PATH"));
      vars.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
      vars.put("CI_PROJECT_DIR", project.dir().toString());
      vars.put("CI_PIPELINE_SOURCE", "merge_request_event");
      vars.put("CI_API_V4_URL", gitlab.url() + "/api/v4");
      vars.put("CI_PROJECT_PATH", PROJECT);
      vars.put("CI_MERGE_REQUEST_IID", "1");
      vars.put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "master");
      // The job's variables as GitLab expands them; a project CI/CD variable (higher precedence)
      // names the mirror.
      job()
          .path("variables")
          .fields()
          .forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
      vars.put("WARDEN_CACHE_DIR", project.dir().resolve(".schema-warden-cache").toString());
      vars.put("WARDEN_RELEASE_URL", release.url());
      vars.put("WARDEN_GITLAB_TOKEN", TOKEN);
      vars.put("JAVA_HOME", System.getProperty("java.home"));
      vars.put("PATH", System.getProperty("java.home") + "/bin:" + System.getenv("PATH"));

      Job first = run(project.dir(), vars);

      assertThat(first.exit()).as("the README example blocks: %s", first.log()).isEqualTo(1);
      assertThat(first.log()).contains("SHA-256").contains("verified");
      JsonNode report =
          new ObjectMapper()
              .readTree(project.dir().resolve("gl-code-quality-report.json").toFile());
      assertThat(report.isArray() && report.size() > 0)
          .as("Code Quality findings: %s", report)
          .isTrue();
      assertThat(report.toString()).contains("db/migration/V4__orders_status.sql");
      assertThat(gitlab.notes).as("one MR note").hasSize(1);
      assertThat(gitlab.notes.get(0).path("body").asText()).contains(MarkdownReportRenderer.MARKER);
      assertThat(first.log()).as("the token is never printed").doesNotContain(TOKEN);

      Job second = run(project.dir(), vars);
      assertThat(second.exit()).isEqualTo(1);
      assertThat(gitlab.notes).as("the re-run edits its note, found among all pages").hasSize(1);
      assertThat(second.log()).contains("from the cache");
    }
  }
}
