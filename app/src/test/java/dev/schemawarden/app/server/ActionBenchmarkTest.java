package dev.schemawarden.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.testing.ActionRunner;
import dev.schemawarden.app.testing.ReleaseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Action on a fresh runner, from the first step to the published check, for the README example (the shop's
 * V4 added on top of V1..V3, tracing on the embedded replica as configured): empty tool cache, so the jar is
 * downloaded and verified; a {@code fetch-depth: 1} checkout. Prints the time of each step (docs/benchmarks.md).
 *
 * <p>Run: {@code mvn -B -o -pl app -am test -Dtest=ActionBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwarden.excludedGroups=none}
 */
@Tag("bench")
class ActionBenchmarkTest {
  @TempDir Path tmp;

  @Test
  void the_readme_example_from_start_to_published_check_on_a_fresh_runner() throws Exception {
    try (FakeGitHub github =
            new FakeGitHub(
                GithubWebhookEndToEndTest.REPO,
                2,
                GithubWebhookEndToEndTest.BASE,
                GithubWebhookEndToEndTest.HEAD);
        ReleaseServer release = new ReleaseServer()) {
      GithubWebhookEndToEndTest.shopBase(github);
      Path head = Path.of("..", "examples", "shop", "head");
      for (String f :
          new String[] {
            ".schemawarden.yml",
            "db/migration/V1__create_customers.sql",
            "db/migration/V2__create_orders.sql",
            "db/migration/V3__create_order_items.sql"
          }) {
        github.content(GithubWebhookEndToEndTest.HEAD, f, Files.readString(head.resolve(f)));
      }
      String v4 = Files.readString(head.resolve("db/migration/V4__orders_status.sql"));
      github.file(
          "db/migration/V4__orders_status.sql",
          "added",
          GithubWebhookEndToEndTest.addedPatch(v4),
          v4,
          null);
      ActionSimulation job =
          ActionSimulation.releaseFrom(
                  new ActionSimulation(tmp.resolve("job"), tmp.resolve("fresh-tool-cache"))
                      .on(github, "pull_request"),
                  release)
              .payload("pull_request.opened.json", 2, github.gitBase(), github.gitHead())
              .checkout(
                  github.gitUrl() + "/" + GithubWebhookEndToEndTest.REPO + ".git",
                  "refs/pull/2/head");

      long start = System.nanoTime();
      ActionRunner.Result r = job.run();
      double seconds = (System.nanoTime() - start) / 1e9;

      assertThat(r.exitCode()).as(r.log()).isEqualTo(1);
      assertThat(github.checkRuns.values().iterator().next().path("status").asText())
          .isEqualTo("completed");
      System.out.printf("action: start to published check %.1f s%n", seconds);
      r.log()
          .lines()
          .filter(l -> l.startsWith("--- step"))
          .forEach(l -> System.out.println("action: " + l));
    }
  }
}
