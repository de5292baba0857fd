package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.app.testing.ActionRunner;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.ReleaseServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One GitHub Actions job around {@code action/action.yml} for the runner simulation tests: the workflow's checkout
 * (a real clone of the repository the local GitHub serves, shallow as {@code actions/checkout} makes it), the event
 * file, the runner's variables and a tool cache; {@link #run} runs the action's steps with {@link ActionRunner}.
 */
final class ActionSimulation {
  static final Path ACTION = Path.of("..", "action").toAbsolutePath().normalize();

  final Path root;
  final Path workspace;
  final Path toolCache;
  final Map<String, String> with = new HashMap<>();
  final Map<String, String> env = new HashMap<>();
  final Map<String, String> github = new HashMap<>();
  private int runs;

  ActionSimulation(Path root, Path toolCache) throws IOException {
    this.root = root;
    this.workspace = Files.createDirectories(root.resolve("workspace"));
    this.toolCache = toolCache;
    Path home = Files.createDirectories(root.resolve("home"));
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    // As on GitHub-hosted runners: a JDK 17 is installed and named, and the job's own JAVA_HOME is
    // unset.
    env.put("JAVA_HOME_17_X64", System.getProperty("java.home"));
    env.put("RUNNER_TOOL_CACHE", toolCache.toString());
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_RUN_ID", "4242");
    env.put("GITHUB_RUN_ATTEMPT", "1");
    env.put("GITHUB_ACTION_REPOSITORY", "schema-warden/schema-warden");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    github.put("token", ServiceHarness.TOKEN);
  }

  /** The local GitHub's repository and API, for a pull request event named {@code event}. */
  ActionSimulation on(FakeGitHub host, String event) {
    env.put("GITHUB_API_URL", host.url());
    env.put("GITHUB_REPOSITORY", host.repository);
    return event(event);
  }

  ActionSimulation event(String event) {
    env.put("GITHUB_EVENT_NAME", event);
    github.put("event_name", event);
    if (event.equals("pull_request") || event.equals("pull_request_target")) {
      env.put("GITHUB_BASE_REF", "main");
    } else {
      env.remove("GITHUB_BASE_REF");
    }
    return this;
  }

  /** Writes the event file: a recorded payload with this scenario's number, base branch and commits. */
  ActionSimulation payload(String fixture, int number, String baseSha, String headSha)
      throws IOException {
    ObjectNode event = (ObjectNode) FakeGitHub.JSON.readTree(ServiceHarness.payload(fixture));
    ObjectNode pr = (ObjectNode) event.get("pull_request");
    pr.put("number", number);
    ((ObjectNode) pr.get("base")).put("ref", "main").put("sha", baseSha);
    ((ObjectNode) pr.get("head")).put("sha", headSha);
    Path file = root.resolve("event.json");
    Files.writeString(file, event.toString());
    env.put("GITHUB_EVENT_PATH", file.toString());
    return this;
  }

  /** {@code actions/checkout} with its default {@code fetch-depth: 1}: one commit of {@code ref}, detached. */
  ActionSimulation checkout(String remote, String ref) {
    GitFixture ws = new GitFixture(workspace);
    ws.git("remote", "add", "origin", remote);
    ws.git(
        "fetch",
        "-q",
        "--no-tags",
        "--depth=1",
        "origin",
        "+" + ref + ":refs/remotes/checkout/ref");
    ws.git("checkout", "-q", "--detach", "refs/remotes/checkout/ref");
    return this;
  }

  ActionRunner.Result run() throws IOException, InterruptedException {
    Path temp = Files.createDirectories(root.resolve("runner-temp-" + (++runs)));
    return new ActionRunner(ACTION).run(with, github, env, workspace, temp);
  }

  static ActionSimulation releaseFrom(ActionSimulation s, ReleaseServer release) {
    s.with.put("release-url", release.url());
    return s;
  }
}
