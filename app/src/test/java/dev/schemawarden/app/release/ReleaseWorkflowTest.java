package dev.schemawarden.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * release.yml and the Action agree: the workflow's own version and asset steps run as bash processes (as the runner
 * runs them), and the Action's fetch-warden.sh then downloads and verifies what they wrote, from the folder named
 * the way install-warden.sh names the release download URL.
 */
class ReleaseWorkflowTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path tmp;

  record Run(int exitCode, String log, Map<String, String> outputs) {}

  static JsonNode workflow() throws IOException {
    return YAML.readTree(ROOT.resolve(".github/workflows/release.yml").toFile());
  }

  static JsonNode step(String id) throws IOException {
    return StreamSupport.stream(
            workflow().path("jobs").path("release").path("steps").spliterator(), false)
        .filter(s -> s.path("id").asText().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("release.yml has no step with id " + id));
  }

  /** Runs a step's script as the runner would: bash -eo pipefail in the workspace, with GITHUB_OUTPUT. */
  Run run(String id, Path workspace, Map<String, String> env) throws Exception {
    Path output = Files.createTempFile(tmp, "output", "");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                "--noprofile",
                "--norc",
                "-eo",
                "pipefail",
                "-c",
                step(id).path("run").asText())
            .directory(workspace.toFile())
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("GITHUB_OUTPUT", output.toString());
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String line : Files.readAllLines(output)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        outputs.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new Run(p.exitValue(), log, outputs);
  }

  Path workspaceWithVersion(String version) throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws-" + version));
    String pom =
        Files.readString(ROOT.resolve("pom.xml"))
            .replaceFirst(
                "(?m)^  <version>[^<]*</version>", "  <version>" + version + "</version>");
    Files.writeString(ws.resolve("pom.xml"), pom);
    return ws;
  }

  @Test
  void the_workflow_runs_on_version_tags_and_pushes_the_image_with_jib() throws Exception {
    JsonNode w = workflow();
    assertThat(w.path("on").path("push").path("tags").toString())
        .as("a version tag starts it")
        .contains("\"v*\"");
    String all = Files.readString(ROOT.resolve(".github/workflows/release.yml"));
    assertThat(all)
        .as("the release the Action downloads from is v<version>")
        .contains(
            "gh release create \"v$VERSION\" \"dist/warden-$VERSION.jar\" \"dist/warden-$VERSION.jar.sha256\"");
    assertThat(all)
        .as("the image is built by the app module's `image` profile")
        .contains("-Pimage -pl app jib:build");
    String install = Files.readString(ROOT.resolve("action/install-warden.sh"));
    assertThat(install)
        .as("the Action's download folder is the release of tag v<version>")
        .contains("/releases/download/v$version");
    String sed = "sed -n 's:^  <version>\\([^<]*\\)</version>.*:\\1:p' ";
    assertThat(step("version").path("run").asText())
        .as("the workflow reads the version as the Action does")
        .contains(sed);
    assertThat(install).contains(sed);
  }

  @Test
  void a_tag_that_is_not_the_pom_version_or_is_a_snapshot_is_refused() throws Exception {
    Run mismatch =
        run("version", workspaceWithVersion("1.2.3"), Map.of("GITHUB_REF_NAME", "v1.2.4"));
    assertThat(mismatch.exitCode())
        .as("the Action at v1.2.4 would look for warden-1.2.3.jar: %s", mismatch.log())
        .isEqualTo(1);
    assertThat(mismatch.log()).contains("does not match pom.xml's version 1.2.3");
    Run snapshot =
        run(
            "version",
            workspaceWithVersion("1.3.0-SNAPSHOT"),
            Map.of("GITHUB_REF_NAME", "v1.3.0-SNAPSHOT"));
    assertThat(snapshot.exitCode())
        .as("an unreleased version is never released: %s", snapshot.log())
        .isEqualTo(1);
    Run hostile =
        run(
            "version",
            workspaceWithVersion("1.2.3"),
            Map.of("GITHUB_REF_NAME", "v1.2.3$(touch pwned)"));
    assertThat(hostile.exitCode()).as("a tag name is data: %s", hostile.log()).isEqualTo(1);
    assertThat(tmp.resolve("ws-1.2.3/pwned")).as("nothing in the tag name ran").doesNotExist();
  }

  @Test
  void the_assets_it_writes_are_downloaded_and_verified_by_the_actions_fetch_script()
      throws Exception {
    Path ws = workspaceWithVersion("1.2.3");
    Run version = run("version", ws, Map.of("GITHUB_REF_NAME", "v1.2.3"));
    assertThat(version.exitCode()).as(version.log()).isZero();
    assertThat(version.outputs()).containsEntry("version", "1.2.3");
    byte[] jar = "a stand-in for the shaded jar".getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(ws.resolve("app/target"));
    Files.write(ws.resolve("app/target/warden.jar"), jar);

    Run assets = run("assets", ws, Map.of("VERSION", version.outputs().get("version")));

    assertThat(assets.exitCode()).as(assets.log()).isZero();
    assertThat(ws.resolve("dist"))
        .as("exactly the two assets the Action downloads")
        .isDirectoryContaining("glob:**/warden-1.2.3.jar")
        .isDirectoryContaining("glob:**/warden-1.2.3.jar.sha256");
    assertThat(Files.list(ws.resolve("dist")).count()).isEqualTo(2);
    ProcessBuilder fetch =
        new ProcessBuilder("sh", ROOT.resolve("action/fetch-warden.sh").toString())
            .redirectError(ProcessBuilder.Redirect.PIPE);
    fetch
        .environment()
        .putAll(
            Map.of(
                "WARDEN_VERSION",
                "1.2.3",
                "WARDEN_RELEASE_URL",
                ws.resolve("dist").toUri().toString(),
                "WARDEN_CACHE_DIR",
                tmp.resolve("cache").toString()));
    Process p = fetch.start();
    String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor())
        .as("the Action accepts the release's jar and checksum: %s", err)
        .isZero();
    assertThat(err).contains("verified");
    assertThat(Files.readAllBytes(Path.of(path)))
        .as("the jar the Action runs is the released one")
        .isEqualTo(jar);
    assertThat(Files.readString(ws.resolve("dist/warden-1.2.3.jar.sha256")).trim())
        .as("sha256sum's format: hash, two spaces, file name")
        .isEqualTo(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar))
                + "  warden-1.2.3.jar");
  }
}
