package dev.schemawarden.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.host.github.GithubAuth;
import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.host.github.GithubSettings;
import dev.schemawarden.app.report.ProposalMarkdown;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewRequest;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.state.ScheduledWork;
import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.Reviews;
import dev.schemawarden.app.watch.WatchAudit;
import dev.schemawarden.app.watch.WatchState;
import dev.schemawarden.app.watch.WatchTask;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden watch} end to end: a "production" PostgreSQL with an unused index and a foreign key without an index,
 * a repository checkout in Flyway's or golang-migrate's layout, and the GitHub API answered by {@link FakeGitHub}
 * from recorded responses. One tick opens one pull request per problem, named as the repository names its next
 * migration, each passing Schema Warden's own review; the next tick opens nothing. Later ticks ({@link KeptCurrent})
 * and watch inside serve ({@link InServe}) are nested here, over 400 lines, so that every watch test shares the one
 * started PostgreSQL and review service.
 */
class WatchEndToEndTest {
  static final String REPO = "acme/shop";
  static final String SCHEMA =
      """
      CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
      CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id), note text);
      CREATE INDEX orders_note_idx ON orders (note);
      """;

  /** Quotes, a line break, a comment end and a statement end: it must stay one quoted identifier. */
  static final String HOSTILE = "ix\"; DROP TABLE orders; --\n*/ x";

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T02:00:00Z"), ZoneOffset.UTC);
  private static TestPostgres pg;
  private static String url;
  private static String hostileUrl;
  private static ReviewService reviews;
  @TempDir Path tmp;

  @BeforeAll
  static void production() {
    pg = new TestPostgres();
    url = pg.newDatabase("prod");
    DataSource ds = pg.dataSource(url);
    TestPostgres.exec(ds, SCHEMA.split(";\n"));
    TestPostgres.exec(
        ds,
        "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 200) g",
        "INSERT INTO orders SELECT g, 1 + g % 150, md5(g::text) FROM generate_series(1, 2000) g",
        "DELETE FROM customers WHERE id > 150",
        "ANALYZE");
    hostileUrl = pg.newDatabase("hostile");
    TestPostgres.exec(
        pg.dataSource(hostileUrl),
        "CREATE TABLE t (id bigint PRIMARY KEY, v text)",
        "CREATE INDEX " + Identifiers.quote(HOSTILE) + " ON t (v)",
        "INSERT INTO t SELECT g, g::text FROM generate_series(1, 1000) g");
    reviews = Reviews.service();
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  static Diagnosis diagnose(String jdbc) {
    try (Connection c = pg.dataSource(jdbc).getConnection()) {
      return Diagnoses.run(c, DiagnoseSettings.defaults().withWindow(Duration.ZERO));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static ReviewReport review(Path base, Path head) {
    return reviews.review(
        new ReviewRequest(
            head,
            new ReviewRequest.Base.Directory(base),
            "HEAD",
            Optional.empty(),
            Optional.empty()),
        Progress.NONE);
  }

  Path checkout(String path, String text) throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return repo;
  }

  Watcher watcher(FakeGitHub github, Path repo) {
    GithubCodeHost host =
        new GithubCodeHost(
            new GithubSettings(
                github.url(),
                "",
                new GithubAuth.Token("ghp_test"),
                GithubSettings.DEFAULT_CHECK_NAME));
    return watcher(Optional.of(host), repo);
  }

  Watcher watcher(Optional<dev.schemawarden.app.host.CodeHost> host, Path repo) {
    return watcher(host, repo, WatchAudit.NONE);
  }

  Watcher watcher(Optional<dev.schemawarden.app.host.CodeHost> host, Path repo, WatchAudit audit) {
    return new Watcher(
        new Watcher.Repository(
            host,
            new RepositoryRef("github", REPO, Optional.empty()),
            repo,
            MigrationSettings.defaults(),
            Engines.forName("postgres").parser()),
        WatchEndToEndTest::review,
        WatchState.load(tmp.resolve("state.json")),
        new Watcher.Settings(10, true, 2.0, "production"),
        new ProposalMarkdown(ToolInfo.current()),
        CLOCK,
        audit);
  }

  static GithubCodeHost host(FakeGitHub github) {
    return new GithubCodeHost(
        new GithubSettings(
            github.url(), "", new GithubAuth.Token("ghp_test"), GithubSettings.DEFAULT_CHECK_NAME));
  }

  static void assertCleanReview(Watcher.Proposal p) {
    ReviewReport r = p.review().orElseThrow();
    assertThat(r.errors()).as("the proposal's review ran without errors: " + r.errors()).isEmpty();
    assertThat(r.findings())
        .as("no error finding on our own migration")
        .noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(r.blocked()).as("our own review lets the proposal through").isFalse();
    assertThat(r.migrations()).as("the review saw the proposed migration").isNotEmpty();
  }

  @Test
  void flyway_one_tick_opens_one_pull_request_per_problem_and_the_next_tick_none()
      throws IOException {
    Path repo = checkout("db/migration/V1__init.sql", SCHEMA);
    try (FakeGitHub github = new FakeGitHub(REPO, 1, "base", "head")) {
      List<Watcher.Proposal> first = watcher(github, repo).tick(diagnose(url));
      List<FakeGitHubProposals.Opened> opened = github.proposals.opened;
      assertThat(opened)
          .extracting(FakeGitHubProposals.Opened::branch)
          .as("one branch per problem")
          .hasSize(2)
          .allMatch(
              b ->
                  b.startsWith("warden/dg101/public-orders-note-idx-")
                      || b.startsWith("warden/dg105/public-orders-orders-customer-id-fkey-"));
      assertThat(opened)
          .flatExtracting(o -> o.files().keySet())
          .as("the next Flyway versions, non-transactional")
          .containsExactlyInAnyOrder(
              "db/migration/V2__warden_dg101_public_orders_note_idx.sql",
              "db/migration/V2__warden_dg101_public_orders_note_idx.sql.conf",
              "db/migration/V3__warden_dg105_public_orders_orders_customer_id_fkey.sql",
              "db/migration/V3__warden_dg105_public_orders_orders_customer_id_fkey.sql.conf");
      FakeGitHubProposals.Opened drop =
          opened.stream().filter(o -> o.branch().contains("dg101")).findFirst().orElseThrow();
      assertThat(drop.files().get("db/migration/V2__warden_dg101_public_orders_note_idx.sql"))
          .as("the safe form: lock_timeout, then CONCURRENTLY")
          .contains(
              "SET lock_timeout = '3s';\nDROP INDEX CONCURRENTLY IF EXISTS \"public\".\"orders_note_idx\";");
      assertThat(drop.base()).isEqualTo("main");
      assertThat(drop.draft()).as("a clean review opens a ready pull request").isFalse();
      assertThat(drop.body())
          .as("the evidence and its window, the rollback, the verdict of our review")
          .contains(
              "### Evidence",
              "index_bytes",
              "Counters from",
              "### Rollback",
              "CREATE INDEX CONCURRENTLY",
              "**passes**");
      first.forEach(
          p ->
              assertThat(p.outcome())
                  .as(p.toString())
                  .isIn(Watcher.Outcome.OPENED, Watcher.Outcome.SKIPPED));
      first.stream()
          .filter(p -> p.outcome() == Watcher.Outcome.OPENED)
          .forEach(WatchEndToEndTest::assertCleanReview);

      appliedByFlyway(repo, opened);

      int writes = github.writes().size();
      List<Watcher.Proposal> second = watcher(github, repo).tick(diagnose(url));
      assertThat(github.writes()).as("the second tick writes nothing on the host").hasSize(writes);
      assertThat(second)
          .filteredOn(p -> p.problem().fix().isPresent() && p.outcome() != Watcher.Outcome.SKIPPED)
          .extracting(Watcher.Proposal::outcome)
          .as("both remembered in the state file")
          .containsOnly(Watcher.Outcome.ALREADY_PROPOSED)
          .hasSize(2);
    }
  }

  /** Flyway itself runs the history plus both proposals on a fresh database: the files are what Flyway takes. */
  void appliedByFlyway(Path repo, List<FakeGitHubProposals.Opened> opened) throws IOException {
    Path merged = Files.createDirectories(tmp.resolve("merged/db/migration"));
    Files.copy(repo.resolve("db/migration/V1__init.sql"), merged.resolve("V1__init.sql"));
    for (FakeGitHubProposals.Opened o : opened) {
      for (var f : o.files().entrySet()) {
        Files.writeString(
            merged.resolve(f.getKey().substring(f.getKey().lastIndexOf('/') + 1)), f.getValue());
      }
    }
    String db = pg.newDatabase("flyway");
    // CONCURRENTLY waits for Flyway's own transactional advisory lock otherwise
    // (docs/migration-sources.md)
    var flyway =
        org.flywaydb.core.Flyway.configure()
            .dataSource(pg.dataSource(db))
            .locations("filesystem:" + merged);
    flyway
        .getConfigurationExtension(
            org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class)
        .setTransactionalLock(false);
    flyway
        .load()
        .migrate(); // not mixed=true: the .sql.conf is what lets SET and CONCURRENTLY share a
    // script
    try (Connection c = pg.dataSource(db).getConnection();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT string_agg(indexname, ',' ORDER BY indexname)"
                        + " FROM pg_indexes WHERE tablename = 'orders'")) {
      rs.next();
      assertThat(rs.getString(1))
          .as("the unused index dropped, the foreign key indexed, by Flyway")
          .isEqualTo("orders_customer_id_idx,orders_pkey");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void golang_migrate_gets_up_down_pairs_with_each_concurrently_statement_alone()
      throws IOException {
    Path repo = checkout("migrations/000001_init.up.sql", SCHEMA);
    Files.writeString(
        repo.resolve("migrations/000001_init.down.sql"),
        "DROP TABLE orders;\nDROP TABLE customers;\n");
    try (FakeGitHub github = new FakeGitHub(REPO, 1, "base", "head")) {
      List<Watcher.Proposal> tick = watcher(github, repo).tick(diagnose(url));
      assertThat(github.proposals.opened)
          .flatExtracting(o -> o.files().keySet())
          .as("golang-migrate names, padded like the history")
          .containsExactlyInAnyOrder(
              "migrations/000002_warden_dg101_public_orders_note_idx.up.sql",
              "migrations/000002_warden_dg101_public_orders_note_idx.down.sql",
              "migrations/000003_warden_dg105_public_orders_orders_customer_id_fkey.up.sql",
              "migrations/000003_warden_dg105_public_orders_orders_customer_id_fkey.down.sql");
      tick.stream()
          .filter(p -> p.outcome() == Watcher.Outcome.OPENED)
          .forEach(WatchEndToEndTest::assertCleanReview);
      assertThat(tick).filteredOn(p -> p.outcome() == Watcher.Outcome.OPENED).hasSize(2);
      int writes = github.writes().size();
      watcher(github, repo).tick(diagnose(url));
      assertThat(github.writes()).as("nothing new on the second tick").hasSize(writes);
    }
  }

  @Test
  void a_proposal_our_review_blocks_is_opened_as_a_draft_with_the_reason() throws IOException {
    Path repo = checkout("db/migration/V1__init.sql", SCHEMA);
    Files.writeString(
        repo.resolve(".schemawarden.yml"), "policy: policy.yml\nreplica:\n  provider: off\n");
    Files.writeString(
        repo.resolve("policy.yml"),
        """
        version: 1
        rules:
          - id: freeze
            match:
              when:
                freezes:
                  - {from: 2026-01-01, to: 2099-01-01, zone: UTC, reason: change freeze}
            action:
              deny: change freeze
        """);
    try (FakeGitHub github = new FakeGitHub(REPO, 1, "base", "head")) {
      watcher(github, repo).tick(diagnose(url));
      assertThat(github.proposals.opened)
          .as("opened, but as drafts")
          .isNotEmpty()
          .allMatch(FakeGitHubProposals.Opened::draft);
      assertThat(github.proposals.opened.get(0).body())
          .as("the reason comes first")
          .contains("Draft: Schema Warden's own review blocks this proposal", "**blocked**");
    }
  }

  @Test
  void a_hostile_index_name_stays_one_quoted_identifier_and_out_of_file_and_branch_names()
      throws IOException {
    Path repo =
        checkout(
            "db/migration/V1__init.sql",
            "CREATE TABLE t (id bigint PRIMARY KEY, v text);\nCREATE INDEX "
                + Identifiers.quote(HOSTILE)
                + " ON t (v);\n");
    List<Watcher.Proposal> tick = watcher(Optional.empty(), repo).tick(diagnose(hostileUrl));
    Watcher.Proposal p =
        tick.stream().filter(x -> x.outcome() == Watcher.Outcome.DRY_RUN).findFirst().orElseThrow();
    assertThat(p.branch()).as("a git ref of plain characters").matches("warden/dg101/[a-z0-9-]+");
    assertThat(p.migration().orElseThrow().files().get(0).path())
        .as("a file name of plain characters")
        .matches("db/migration/V2__[a-z0-9_]+\\.sql");
    assertThat(p.migration().orElseThrow().files().get(0).content())
        .as("the name, quoted, in the SQL")
        .contains(
            "DROP INDEX CONCURRENTLY IF EXISTS \"public\"." + Identifiers.quote(HOSTILE) + ";");
    assertCleanReview(
        p); // the replica built the hostile index from V1 and dropped it with our migration
    assertThat(p.title()).as("the title is one line").doesNotContain("\n");
    assertThat(p.body().replaceAll("(?s)\n(`{3,})sql\n.*?\n\\1\n", "\n"))
        .as("outside the SQL's fences the name never starts a Markdown line of its own")
        .doesNotContain("\n*/ x");
  }

  @Test
  void dry_run_prints_the_proposals_and_opens_nothing() throws IOException {
    Path repo = checkout("db/migration/V1__init.sql", SCHEMA);
    // what is tested here is the command, not the trace (the other tests trace every proposal)
    Files.writeString(repo.resolve(".schemawarden.yml"), "replica:\n  provider: off\n");
    // the test JVM's review service and replica: a second embedded cluster would cost seconds
    Cli.Run run =
        Cli.run(
            (out, err) ->
                new CliContext(
                    out, err, reviews, Main.renderers(reviews), false, Reviews.replicas()),
            "watch",
            "--url",
            url,
            "--repo",
            repo.toString(),
            "--dry-run",
            "--window",
            "0",
            "--state-file",
            tmp.resolve("cli-state.json").toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(
            "would open: DG101 public.orders_note_idx",
            "db/migration/V2__warden_dg101_public_orders_note_idx.sql",
            "DROP INDEX CONCURRENTLY");
    assertThat(tmp.resolve("cli-state.json")).as("a dry run remembers nothing").doesNotExist();
  }

  /**
   * Later ticks keep one proposal per problem current: the 2 a.m. story. Its own "production" database (this test
   * changes it) and its own audit log, in the class's one started PostgreSQL.
   */
  @Nested
  class KeptCurrent {
    String production() {
      String db = pg.newDatabase("loop");
      TestPostgres.exec(pg.dataSource(db), SCHEMA.split(";\n"));
      TestPostgres.exec(
          pg.dataSource(db),
          "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 200) g",
          "INSERT INTO orders SELECT g, 1 + g % 150, md5(g::text) FROM generate_series(1, 2000) g",
          "DELETE FROM customers WHERE id > 150",
          "ANALYZE");
      return db;
    }

    FakeGitHubProposals.Opened opened(FakeGitHub github, String check) {
      return github.proposals.opened.stream()
          .filter(o -> o.branch().contains("/" + check + "/"))
          .reduce((a, b) -> b)
          .orElseThrow();
    }

    @Test
    void a_later_tick_updates_on_new_evidence_respects_a_human_close_and_closes_what_is_gone()
        throws IOException {
      String prod = production();
      String stateUrl = pg.newDatabase("state");
      AuditLog log = AuditLog.open(pg.dataSource(stateUrl), CLOCK, "test");
      Path repo = checkout("db/migration/V1__init.sql", SCHEMA);
      Files.writeString(
          repo.resolve(".schemawarden.yml"), "replica:\n  provider: off\n"); // traced elsewhere
      try (FakeGitHub github = new FakeGitHub(REPO, 1, "base", "head")) {
        Optional<dev.schemawarden.app.host.CodeHost> host = Optional.of(host(github));
        watcher(host, repo, log::append).tick(diagnose(prod));
        int drop = opened(github, "dg101").number();
        int fk = opened(github, "dg105").number();
        String before = github.proposals.pulls.get(drop).get("body");

        // the table grows: the unused index with it
        TestPostgres.exec(
            pg.dataSource(prod),
            "INSERT INTO orders SELECT g, 1 + g % 150, md5(g::text)"
                + " FROM generate_series(2001, 30000) g",
            "ANALYZE orders");
        List<Watcher.Proposal> grown = watcher(host, repo, log::append).tick(diagnose(prod));
        assertThat(grown)
            .filteredOn(p -> p.problem().check().equals("DG101"))
            .extracting(Watcher.Proposal::outcome)
            .as("new evidence rewrites the open proposal")
            .containsExactly(Watcher.Outcome.UPDATED);
        assertThat(github.proposals.pulls.get(drop).get("body"))
            .as("the body carries the new numbers")
            .isNotEqualTo(before)
            .contains("### Evidence");
        assertThat(github.proposals.opened).as("updated in place, nothing opened").hasSize(2);
        String file = "db/migration/V2__warden_dg101_public_orders_note_idx.sql";
        assertThat(github.writes())
            .as("a new commit of the migration on its branch, the body edited")
            .containsSubsequence(
                "PUT /repos/" + REPO + "/contents/" + file,
                "PATCH /repos/" + REPO + "/pulls/" + drop);
        assertThat(github.proposals.committed.get(opened(github, "dg101").branch() + ":" + file))
            .as("the migration's header carries the evidence it now rests on")
            .isNotEqualTo(opened(github, "dg101").files().get(file))
            .contains("-- Evidence: index_bytes ");

        github.proposals.setState(fk, "closed"); // a person does not want the index
        List<Watcher.Proposal> afterClose = watcher(host, repo, log::append).tick(diagnose(prod));
        assertThat(afterClose)
            .filteredOn(p -> p.problem().check().equals("DG105"))
            .extracting(Watcher.Proposal::outcome)
            .as("a human close is remembered, not undone")
            .containsExactly(Watcher.Outcome.SUPPRESSED);
        watcher(host, repo, log::append).tick(diagnose(prod));
        assertThat(github.proposals.opened)
            .as("never re-proposed while the evidence is the same")
            .hasSize(2);
        assertThat(github.proposals.comments.get(fk))
            .as("the bot does not argue with a person")
            .isNull();

        // 2 a.m.: the index is dropped in production by hand
        TestPostgres.exec(pg.dataSource(prod), "DROP INDEX orders_note_idx");
        List<Watcher.Proposal> gone = watcher(host, repo, log::append).tick(diagnose(prod));
        assertThat(gone)
            .filteredOn(p -> p.outcome() == Watcher.Outcome.CLOSED)
            .extracting(p -> p.pullRequest().orElseThrow().number())
            .as("the next tick closes its pull request")
            .containsExactly(drop);
        assertThat(github.proposals.pulls.get(drop).get("state")).isEqualTo("closed");
        assertThat(github.proposals.comments.get(drop))
            .as("with a comment saying why, the evidence now")
            .singleElement()
            .asString()
            .contains(
                "the problem is gone in production", "`DG101 public.orders_note_idx`", "read at");

        // the parent's deletes grow past twice what they were when the person closed it
        TestPostgres.exec(
            pg.dataSource(prod),
            "UPDATE customers SET email = email || 'x'",
            "DELETE FROM orders WHERE customer_id > 100",
            "DELETE FROM customers WHERE id > 100");
        Diagnosis worse =
            diagnoseUntil(
                prod,
                d ->
                    d.problems().stream()
                        .anyMatch(
                            p ->
                                p.check().equals("DG105")
                                    && p.measure("parent_updates_deletes").orElseThrow().value()
                                        >= 200));
        watcher(host, repo, log::append).tick(worse);
        FakeGitHubProposals.Opened again = opened(github, "dg105");
        assertThat(again.number()).as("proposed again, as a new pull request").isNotEqualTo(fk);
        assertThat(again.branch())
            .as("on a new branch: the closed one stays as the person left it")
            .endsWith("-2");
        assertThat(again.body())
            .as("saying why it is back")
            .startsWith("> **Proposed again:** a person closed #" + fk);

        assertThat(log.verify().ok()).as("one unbroken hash chain").isTrue();
        List<AuditEntry> entries = log.list(AuditQuery.all());
        assertThat(entries)
            .extracting(AuditEntry::event)
            .as("every open, update, close and suppression")
            .containsSubsequence(
                AuditEvent.PROPOSAL_OPENED,
                AuditEvent.PROPOSAL_UPDATED,
                AuditEvent.PROPOSAL_SUPPRESSED,
                AuditEvent.PROPOSAL_CLOSED,
                AuditEvent.PROPOSAL_OPENED);
        assertThat(entries)
            .extracting(AuditEntry::body)
            .as("each names the evidence by its SHA-256")
            .allMatch(b -> b.matches("(?s).*\"evidence_sha256\":\"[0-9a-f]{64}\".*"));
        Cli.Run verify = Cli.run("audit", "verify", "--state-url", stateUrl);
        assertThat(verify.exitCode())
            .as("warden audit verify after a watch run: " + verify)
            .isZero();
      }
    }

    @Test
    void a_hostile_name_in_the_closing_comment_stays_inside_one_code_span() throws IOException {
      String prod = pg.newDatabase("hostile_loop");
      String index = Identifiers.quote(HOSTILE);
      TestPostgres.exec(
          pg.dataSource(prod),
          "CREATE TABLE t (id bigint PRIMARY KEY, v text)",
          "CREATE INDEX " + index + " ON t (v)",
          "INSERT INTO t SELECT g, g::text FROM generate_series(1, 1000) g");
      Path repo =
          checkout(
              "db/migration/V1__init.sql",
              "CREATE TABLE t (id bigint PRIMARY KEY, v text);\n"
                  + "CREATE INDEX "
                  + index
                  + " ON t (v);\n");
      Files.writeString(repo.resolve(".schemawarden.yml"), "replica:\n  provider: off\n");
      try (FakeGitHub github = new FakeGitHub(REPO, 1, "base", "head")) {
        Optional<dev.schemawarden.app.host.CodeHost> host = Optional.of(host(github));
        watcher(host, repo).tick(diagnose(prod));
        int number = opened(github, "dg101").number();
        TestPostgres.exec(pg.dataSource(prod), "DROP INDEX " + index);
        watcher(host, repo).tick(diagnose(prod));
        String comment = github.proposals.comments.get(number).get(0);
        assertThat(comment.lines())
            .as("the marker and one paragraph: the name's line break stays escaped")
            .hasSize(2);
        assertThat(comment)
            .as("the name only inside a code span")
            .contains("`DG101 public.\"ix\"\"; DROP TABLE orders; --\\n*/ x\"`")
            .doesNotContain("\n*/ x");
      }
    }

    Diagnosis diagnoseUntil(String db, java.util.function.Predicate<Diagnosis> ready) {
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      Diagnosis d = diagnose(db);
      while (!ready.test(d)
          && System.nanoTime() < until) { // counters reach pg_stat a moment after commit
        TestPostgres.exec(pg.dataSource(db), "SELECT pg_sleep(0.2)");
        d = diagnose(db);
      }
      assertThat(ready.test(d)).as("production's counters caught up: " + d.problems()).isTrue();
      return d;
    }
  }

  /**
   * Watch inside {@code warden serve}: two service instances (two state-store pools on one state database), each
   * scheduling the repository's watch task; one at a time runs it, and the proposals live in the state store.
   */
  @Nested
  class InServe {
    static final String CONFIG =
        """
        replica:
          provider: off
        diagnose:
          window: 0
        environments:
          - name: production
            url-env: SHOP_PROD_URL
        watch:
          environments: [production]
          interval: 1h
        """;

    WatchTask task(
        FakeGitHub github, Path repo, StateStore store, Map<String, String> env, AuditLog log) {
      return task(github, repo, store.dataSource(), env, log::append);
    }

    WatchTask task(
        FakeGitHub github,
        Path repo,
        javax.sql.DataSource state,
        Map<String, String> env,
        WatchAudit audit) {
      return new WatchTask(
          host(github),
          new RepositoryRef("github", REPO, Optional.empty()),
          (h, r) ->
              new WatchTask.Checkout() {
                @Override
                public Path root() {
                  return repo;
                }

                @Override
                public void close() {}
              },
          reviews.configLoader(),
          WatchEndToEndTest::review,
          state,
          audit,
          env,
          CLOCK);
    }

    @Test
    void two_instances_ticking_together_and_later_never_propose_twice() throws Exception {
      String stateUrl = pg.newDatabase("serve_state");
      Path repo = checkout("db/migration/V1__init.sql", SCHEMA);
      Files.writeString(repo.resolve(".schemawarden.yml"), CONFIG);
      Map<String, String> env = Map.of("SHOP_PROD_URL", url);
      try (FakeGitHub github = new FakeGitHub(REPO, 1, "base", "head");
          StateStore a =
              StateStore.open(new StateSettings(Optional.of(stateUrl), Path.of("unused"), 2));
          StateStore b =
              StateStore.open(new StateSettings(Optional.of(stateUrl), Path.of("unused"), 2))) {
        AuditLog log = AuditLog.open(a);
        for (Instant at : List.of(CLOCK.instant(), CLOCK.instant().plus(Duration.ofHours(2)))) {
          Clock clock = Clock.fixed(at, ZoneOffset.UTC);
          List<ScheduledWork> instances =
              List.of(
                  new ScheduledWork(a, List.of(task(github, repo, a, env, log)), clock),
                  new ScheduledWork(b, List.of(task(github, repo, b, env, log)), clock));
          CountDownLatch go = new CountDownLatch(1);
          List<Thread> threads =
              instances.stream()
                  .map(
                      w ->
                          new Thread(
                              () -> {
                                try {
                                  go.await();
                                } catch (InterruptedException e) {
                                  Thread.currentThread().interrupt();
                                }
                                w.tick();
                              }))
                  .toList();
          threads.forEach(Thread::start);
          go.countDown();
          for (Thread t : threads) {
            t.join(60_000);
          }
        }
        assertThat(github.proposals.opened)
            .extracting(FakeGitHubProposals.Opened::branch)
            .as("one pull request per problem over two rounds of two instances")
            .hasSize(2)
            .doesNotHaveDuplicates();
        try (Connection c = a.dataSource().getConnection();
            var rs =
                c.createStatement()
                    .executeQuery(
                        "SELECT count(*), min(environment) FROM watch_proposals WHERE entry ->> 'status' = 'OPEN'")) {
          rs.next();
          assertThat(rs.getInt(1)).as("both proposals recorded in the state store").isEqualTo(2);
          assertThat(rs.getString(2)).isEqualTo("production");
        }
        assertThat(log.list(AuditQuery.all()))
            .extracting(AuditEntry::event)
            .as("audited once each")
            .containsExactly(AuditEvent.PROPOSAL_OPENED, AuditEvent.PROPOSAL_OPENED);
        assertThat(log.verify().ok()).isTrue();
      }
    }

    @Test
    void a_repository_naming_a_secret_as_its_url_env_never_gets_the_value_echoed()
        throws Exception {
      Path repo = checkout("db/migration/V1__init.sql", SCHEMA);
      Files.writeString(
          repo.resolve(".schemawarden.yml"),
          CONFIG.replace("SHOP_PROD_URL", "WARDEN_GITHUB_TOKEN"));
      try (FakeGitHub github = new FakeGitHub(REPO, 1, "base", "head")) {
        // refused before the state store is read: no store needed
        String result =
            task(
                    github,
                    repo,
                    pg.dataSource(url),
                    Map.of("WARDEN_GITHUB_TOKEN", "ghp_s3cr3tT0ken"),
                    WatchAudit.NONE)
                .run(null, CLOCK.instant());
        assertThat(result)
            .as("one line naming the file, the variable and the fix, and not the value")
            .contains(
                ".schemawarden.yml:", "WARDEN_GITHUB_TOKEN does not hold a PostgreSQL JDBC URL")
            .doesNotContain("ghp_s3cr3tT0ken");
        assertThat(github.proposals.opened).as("nothing proposed").isEmpty();
      }
    }
  }
}
