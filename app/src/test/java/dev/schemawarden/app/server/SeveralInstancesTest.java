package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.faults.ChildWarden;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three {@code warden serve} instances on one PostgreSQL state store (two in this JVM, one a real process), 300
 * signed deliveries spread over them, the process killed with {@code kill -9} while it runs a review, then started
 * again and stopped with {@code SIGTERM}. The 5,000-delivery version with figures is
 * {@link SeveralInstancesBenchmarkTest}.
 */
class SeveralInstancesTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void
      every_delivery_is_processed_once_and_a_killed_instances_review_is_taken_over_without_duplicate_effects()
          throws Exception {
    try (SeveralInstances cluster = new SeveralInstances().start(2, true)) {
      List<String> sent = cluster.burst(300, 6, true);

      assertThat(cluster.killedPid)
          .as(
              "the process was killed while running a review; jobs by owner: %s; log: %s",
              ServiceHarness.text(
                  cluster.stateUrl,
                  "SELECT string_agg(o || '=' || n, ', ') FROM (SELECT"
                      + " split_part(lease_owner, '@', 1) || ':' || status AS o, count(*) AS n FROM jobs GROUP BY 1) x"),
              cluster.process == null ? "" : cluster.process.output())
          .isPositive();
      ChildWarden restarted = cluster.startProcess();
      await("every job finished", WAIT, () -> cluster.jobs("status IN ('queued', 'running')") == 0);

      // A delivery the killed instance stored but did not answer is answered 200 (already received)
      // when redelivered.
      assertThat(cluster.acks)
          .as("every delivery acknowledged (after a redelivery when its instance died)")
          .hasSize(sent.size())
          .allSatisfy((id, status) -> assertThat(status).isIn(200, 202));
      assertThat(cluster.acks.values().stream().filter(s -> s == 200).count())
          .as("only redelivered ones are answered as already received")
          .isLessThanOrEqualTo(cluster.redelivered.get());
      assertThat(ServiceHarness.count(cluster.stateUrl, "SELECT count(*) FROM deliveries"))
          .as("each delivery stored exactly once across instances, redeliveries included")
          .isEqualTo(sent.size());
      assertThat(cluster.jobs("status = 'failed'")).as("no job failed").isZero();
      assertThat(
              cluster.jobs("id = " + cluster.killedJob + " AND status = 'done' AND attempts >= 2"))
          .as("the dead instance's review was run again by another instance and completed")
          .isEqualTo(1);
      assertThat(
              cluster.jobs("lease_owner LIKE '" + cluster.killedPid + "@%' AND status = 'running'"))
          .as("no job left leased by the dead instance")
          .isZero();
      assertThat(cluster.takeover())
          .as("taken over once its lease (%s) expired", SeveralInstances.LEASE)
          .isPositive()
          .isLessThan(SeveralInstances.LEASE.plusSeconds(8));

      List<String> checks =
          cluster.github.checkRuns.values().stream()
              .map(r -> r.path("external_id").asText())
              .toList();
      List<String> doneJobs =
          ServiceHarness.text(
                  cluster.stateUrl,
                  "SELECT string_agg('job-' || id, ',' ORDER BY id) FROM jobs WHERE status = 'done'")
              .lines()
              .flatMap(l -> java.util.Arrays.stream(l.split(",")))
              .toList();
      assertThat(checks)
          .as(
              "one check run per review job: the taken-over job reused the one its first attempt"
                  + " created")
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(doneJobs)
          .contains("job-" + cluster.killedJob);
      assertThat(cluster.github.checkRuns.values())
          .allSatisfy(
              r ->
                  assertThat(r.path("status").asText())
                      .as("every check completed")
                      .isEqualTo("completed"));
      assertThat(
              cluster.github.issueComments.stream()
                  .filter(c -> c.path("body").asText().contains(MarkdownReportRenderer.MARKER)))
          .as("one sticky summary comment")
          .hasSize(1);
      assertThat(
              cluster.github.reviewComments.stream()
                  .map(
                      c ->
                          c.path("path").asText()
                              + ":"
                              + c.path("line").asInt()
                              + ":"
                              + c.path("body").asText()))
          .as("no line comment posted twice")
          .doesNotHaveDuplicates();

      assertThat(restarted.sigterm(Duration.ofSeconds(20)))
          .as("SIGTERM stops it within the grace: %s", restarted.output())
          .contains(128 + 15);
      assertThat(restarted.output()).as("through the shutdown hook").contains("warden: stopped");
      cluster.process = null;
    }
  }
}
