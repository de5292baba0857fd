package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.Main;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline is the list {@code Main.reviewService} writes, run in order, each stage only when its needs are met. */
class ReviewStagesTest {
  private static final Pattern DOCUMENTED_STAGE = Pattern.compile("^ {4}(\\w+Stage)\\s");

  @Test
  void the_architecture_doc_lists_the_stages_in_the_order_the_code_runs_them() throws Exception {
    List<String> documented = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../docs/architecture.md"))) {
      Matcher m = DOCUMENTED_STAGE.matcher(line);
      if (m.find()) {
        documented.add(m.group(1));
      }
    }
    try (ReplicaHolder unused =
        new ReplicaHolder(
            () -> {
              throw new AssertionError("listing the stages must not start a replica");
            })) {
      List<String> wired =
          Main.reviewService(unused, SnapshotDrift.Settings.defaults(), Clock.systemUTC())
              .stages()
              .stream()
              .map(s -> s.getClass().getSimpleName())
              .toList();
      assertThat(documented).as("docs/architecture.md's pipeline, in order").isEqualTo(wired);
    }
  }

  @Nested
  class needs {
    @TempDir Path tmp;

    /** A stage that records that it ran and what it saw. */
    private final List<String> ran = new ArrayList<>();

    private ReviewStage probe(String name, ReviewStage.Needs needs) {
      return new ReviewStage() {
        @Override
        public Needs needs() {
          return needs;
        }

        @Override
        public ReviewContext run(ReviewContext context, StepTimer steps) {
          ran.add(
              name
                  + " findings="
                  + context.findings().stream().map(f -> f.rule()).distinct().sorted().toList());
          return context;
        }
      };
    }

    private ReviewReport review(GitFixture g) {
      Components c = Main.defaultComponents();
      ReviewService service =
          new ReviewService(
              c,
              List.of(
                  new SourcesStage(c.sources()),
                  probe("layout", ReviewStage.Needs.LAYOUT),
                  new LintStage(c),
                  probe("change", ReviewStage.Needs.CHANGE),
                  probe("always", ReviewStage.Needs.NOTHING)));
      return service.review(
          new ReviewRequest(
              g.dir(),
              new ReviewRequest.Base.GitRef("main"),
              "HEAD",
              Optional.empty(),
              Optional.empty()),
          Progress.NONE);
    }

    private GitFixture base() {
      return new GitFixture(tmp.resolve("repo"))
          .write("db/migration/V1__a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n")
          .commit("base")
          .branch("feature");
    }

    @Test
    void a_change_to_a_migration_runs_every_stage_in_order_and_later_ones_see_earlier_findings() {
      ReviewReport report =
          review(
              base()
                  .write("db/migration/V2__b.sql", "CREATE INDEX a_id ON a (id);\n")
                  .commit("change"));

      assertThat(ran)
          .as("in list order, each seeing what the lint stage found")
          .containsExactly(
              "layout findings=[]",
              "change findings=[LK101, LK115, LK124]",
              "always findings=[LK101, LK115, LK124]");
      assertThat(report.findings())
          .extracting(f -> f.rule() + ":" + f.span().line())
          .contains("LK101:1");
    }

    @Test
    void a_change_that_touches_no_migration_passes_over_the_stages_that_need_one() {
      ReviewReport report = review(base().write("README.md", "docs only\n").commit("change"));

      assertThat(ran)
          .as("drift-like and policy-like stages still run; lint, predict and trace do not")
          .containsExactly("layout findings=[]", "always findings=[]");
      assertThat(report.steps()).extracting(ReviewReport.Step::name).doesNotContain("lint");
    }
  }
}
