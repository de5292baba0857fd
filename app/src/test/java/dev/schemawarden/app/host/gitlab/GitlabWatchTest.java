package dev.schemawarden.app.host.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.report.ProposalMarkdown;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewRequest;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.testing.Reviews;
import dev.schemawarden.app.watch.WatchState;
import dev.schemawarden.app.watch.Watcher;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden watch} on GitLab with one problem (a foreign key without an index): one merge request through the
 * commits API, from the recorded gitlab4j shapes {@link FakeGitLab} answers with; the next tick opens nothing; once
 * the index exists in production, the next tick closes the merge request with a note.
 */
class GitlabWatchTest {
  static final String PROJECT = "acme/shop";
  static final String SCHEMA =
      """
      CREATE TABLE customers (id bigint PRIMARY KEY);
      CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));
      """;
  @TempDir Path tmp;

  @Test
  void one_problem_opens_one_merge_request_the_next_tick_none_and_the_tick_after_its_fix_closes_it()
      throws IOException, SQLException {
    Path repo = Files.createDirectories(tmp.resolve("repo/db/migration")).getParent().getParent();
    Files.writeString(repo.resolve("db/migration/V1__init.sql"), SCHEMA);
    ReviewService reviews = Reviews.service();
    try (TestPostgres pg = new TestPostgres();
        FakeGitLab gitlab = new FakeGitLab(PROJECT, 1, "base", "start", "head")) {
      String url = pg.newDatabase("prod");
      TestPostgres.exec(pg.dataSource(url), SCHEMA.split(";\n"));
      GitlabCodeHost host =
          new GitlabCodeHost(
              new GitlabSettings(
                  gitlab.url(), "glpat-test", "", GitlabSettings.DEFAULT_STATUS_NAME));
      Watcher.Reviewer reviewer =
          (base, head) ->
              reviews.review(
                  new ReviewRequest(
                      head,
                      new ReviewRequest.Base.Directory(base),
                      "HEAD",
                      Optional.empty(),
                      Optional.empty()),
                  Progress.NONE);
      Diagnosis d;
      try (Connection c = pg.dataSource(url).getConnection()) {
        d = Diagnoses.run(c, DiagnoseSettings.defaults().withWindow(Duration.ZERO));
      }
      java.util.function.Supplier<Watcher> watcher =
          () ->
              new Watcher(
                  new Watcher.Repository(
                      Optional.of(host),
                      new RepositoryRef("gitlab", PROJECT, Optional.empty()),
                      repo,
                      MigrationSettings.defaults(),
                      Engines.forName("postgres").parser()),
                  reviewer,
                  WatchState.load(tmp.resolve("state.json")),
                  Watcher.Settings.defaults(),
                  new ProposalMarkdown(ToolInfo.current()),
                  Clock.systemUTC());
      for (int tick = 0; tick < 2; tick++) {
        watcher.get().tick(d);
      }
      List<FakeGitLabProposals.Opened> opened = gitlab.proposals.opened;
      assertThat(opened).as("one merge request over two ticks").hasSize(1);
      FakeGitLabProposals.Opened mr = opened.get(0);
      assertThat(mr.branch()).startsWith("warden/dg105/public-orders-orders-customer-id-fkey-");
      assertThat(mr.target()).as("into the project's default branch").isEqualTo("main");
      assertThat(mr.files())
          .containsOnlyKeys(
              "db/migration/V2__warden_dg105_public_orders_orders_customer_id_fkey.sql",
              "db/migration/V2__warden_dg105_public_orders_orders_customer_id_fkey.sql.conf");
      assertThat(
              mr.files()
                  .get("db/migration/V2__warden_dg105_public_orders_orders_customer_id_fkey.sql"))
          .contains(
              "SET lock_timeout",
              "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"orders_customer_id_idx\"");
      assertThat(mr.title()).as("not a draft: our review passed").doesNotStartWith("Draft:");
      assertThat(mr.description()).contains("### Evidence", "**passes**");

      // someone indexes the foreign key by hand: the next tick closes the merge request with a note
      TestPostgres.exec(
          pg.dataSource(url), "CREATE INDEX orders_customer_id_idx ON orders (customer_id)");
      try (Connection c = pg.dataSource(url).getConnection()) {
        d = Diagnoses.run(c, DiagnoseSettings.defaults().withWindow(Duration.ZERO));
      }
      List<Watcher.Proposal> gone = watcher.get().tick(d);
      assertThat(gone)
          .extracting(Watcher.Proposal::outcome)
          .as("the problem is gone")
          .contains(Watcher.Outcome.CLOSED);
      assertThat(gitlab.proposals.requests.get(mr.iid()).get("state"))
          .as("closed through state_event")
          .isEqualTo("closed");
      assertThat(gitlab.proposals.notes.get(mr.iid()))
          .as("with a note saying why")
          .singleElement()
          .asString()
          .contains("the problem is gone in production");
      watcher.get().tick(d);
      assertThat(gitlab.proposals.notes.get(mr.iid())).as("closed once").hasSize(1);
    }
  }
}
