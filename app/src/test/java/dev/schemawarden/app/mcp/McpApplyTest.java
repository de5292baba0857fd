package dev.schemawarden.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.host.RepositoryRef;
import dev.schemawarden.app.host.github.GithubAuth;
import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.host.github.GithubSettings;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.server.FakeGitHub;
import dev.schemawarden.app.server.FakeGitHubProposals;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.Reviews;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deny path of an agent's destructive change, end to end: the SDK's client over stdio against {@code warden mcp}
 * in a child JVM, the fake GitHub holding the pull request, and a real PostgreSQL as the apply target. The agent
 * proposes {@code DROP TABLE orders}; neither its own principal's approval nor one on an older commit counts; a
 * human's approval of the head and the merge let {@code request_apply} drop the table through the apply path; the
 * audit log holds every step in one verified chain.
 */
class McpApplyTest {
  private static final String TOKEN = "tok-apply-5e1d0c9b";
  private static final String OTHER_TOKEN = "tok-apply-other-77aa";
  private static final String TARGET_ENV = "SHOP_PROD_URL";
  private static final String CONFIG =
      """
      engine: postgres
      engine-version: 16
      migrations:
        tool: plain
        locations: [db/migration]
      """;
  private static final String CREATE =
      "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static TestPostgres pg;
  private static DataSource state;
  private static String stateUrl;
  private static DataSource target;
  private static String targetUrl;
  private static FakeGitHub github;
  private static McpSyncClient client;

  @BeforeAll
  static void start() throws Exception {
    pg = new TestPostgres();
    stateUrl = pg.newDatabase("mcp_apply_state");
    state = pg.dataSource(stateUrl);
    targetUrl = pg.newDatabase("mcp_apply_prod");
    target = pg.dataSource(targetUrl);
    TestPostgres.exec(
        target,
        CREATE,
        "CREATE TABLE invoices (id bigint PRIMARY KEY)",
        "INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g",
        "ANALYZE");
    Path snapshot = tmp.resolve("prod-snapshot.json");
    try (Connection c = target.getConnection()) {
      Snapshots.write(Snapshots.take(c, new SnapshotOptions(List.of(), true)), snapshot);
    }
    GitFixture repo = new GitFixture(tmp.resolve("repo"));
    repo.write(".schemawarden.yml", CONFIG)
        .write("db/migration/0001_create_orders.sql", CREATE)
        .commit("base");

    github = new FakeGitHub("acme/shop", 1, "base", "head");
    github.pulls.mainFile(".schemawarden.yml", CONFIG);
    github.pulls.mainFile("db/migration/0001_create_orders.sql", CREATE);
    Path agents =
        Files.writeString(
            tmp.resolve("agents.yml"),
            """
        apply:
          environment: production
          url-env: %s
        agents:
          - name: claude
            token-sha256: %s
            acts-for: alice
          - name: other
            token-sha256: %s
            acts-for: bob
        """
                .formatted(TARGET_ENV, Sha256.hex(TOKEN), Sha256.hex(OTHER_TOKEN)));
    client =
        McpClients.start(
            Map.of(
                Agents.TOKEN_ENV,
                TOKEN,
                TARGET_ENV,
                targetUrl,
                "WARDEN_GITHUB_API_URL",
                github.url(),
                "WARDEN_GITHUB_TOKEN",
                "ghp_apply_test_token",
                "WARDEN_STATE_URL",
                stateUrl),
            "--repo",
            repo.dir().toString(),
            "--agents",
            agents.toString(),
            "--snapshot",
            snapshot.toString(),
            "--host",
            "github",
            "--repository",
            "acme/shop");
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.closeGracefully();
    }
    if (github != null) {
      github.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void drop_table_is_applied_only_after_a_human_approves_the_head_and_the_pull_request_is_merged()
      throws Exception {
    JsonNode proposed =
        ok(
            "propose_migration",
            Map.of("sql", "DROP TABLE orders;\n", "path", "db/migration/0002_drop_orders.sql"));
    String id = proposed.path("proposal_id").asText();
    int pr = proposed.path("pull_request_number").asInt();
    assertThat(proposed.path("status").asText())
        .as("DROP TABLE is irreversible: POL001")
        .isEqualTo("needs_approval");
    assertThat(proposed.path("pull_request").asText())
        .as("a pull request is opened")
        .isEqualTo("github:acme/shop#" + pr);
    String first = github.pulls.head(pr);

    github.pulls.review(pr, "alice", "APPROVED", first);
    JsonNode status = ok("get_proposal_status", Map.of("proposal_id", id));
    assertThat(status.path("head_sha").asText()).isEqualTo(first);
    assertThat(status.path("merged").asBoolean()).isFalse();
    assertThat(approval(status, "alice").path("counts").asBoolean())
        .as("the agent's own principal")
        .isFalse();
    assertThat(approval(status, "alice").path("why_not").asText()).contains("acts for");
    assertThat(refused("request_apply", Map.of("proposal_id", id)))
        .as("alice's approval of her own agent's change does not count")
        .contains("needs_approval, routed to a human")
        .contains("POL001")
        .contains("at its head");

    github.pulls.review(pr, "carol", "APPROVED", first);
    String second =
        github.pulls.push(pr, "db/migration/0002_drop_orders.sql", "DROP TABLE orders;\n");
    JsonNode moved = ok("get_proposal_status", Map.of("proposal_id", id));
    assertThat(approval(moved, "carol").path("counts").asBoolean())
        .as("given on an older commit")
        .isFalse();
    assertThat(approval(moved, "carol").path("why_not").asText()).contains("not on the head");

    github.pulls.review(pr, "carol", "APPROVED", second);
    assertThat(refused("request_apply", Map.of("proposal_id", id)))
        .as("approved but open")
        .contains("is not merged: merge the pull request first");
    assertThat(tableExists("orders")).as("nothing applied before the merge").isTrue();

    String merge = github.pulls.merge(pr);
    JsonNode applied =
        ok("request_apply", Map.of("proposal_id", id, "sql", "DROP TABLE orders;\n"));

    assertThat(applied.path("status").asText()).isEqualTo("applied");
    assertThat(applied.path("applied").asBoolean()).isTrue();
    assertThat(applied.path("environment").asText()).isEqualTo("production");
    assertThat(tableExists("orders")).as("the table is gone on the target").isFalse();
    assertThat(tableExists("invoices")).as("nothing else changed").isTrue();
    assertThat(ok("request_apply", Map.of("proposal_id", id)).path("status").asText())
        .as("a second request applies nothing again")
        .isEqualTo("applied");

    Cli.Run verify = Cli.run("audit", "verify", "--state-url", stateUrl);
    assertThat(verify.exitCode()).as("one verified chain: %s", verify).isZero();
    List<AuditEntry> steps =
        AuditLog.open(state, Clock.systemUTC(), "test")
            .list(AuditQuery.all().withActor("agent:claude"));
    assertThat(steps)
        .extracting(
            e -> e.event().label() + " " + e.field("note").asText().replaceFirst("(:| \\[).*", ""))
        .as("each step, with the agent as actor")
        .containsSubsequence(
            "tool_called propose_migration",
            "refused request_apply",
            "refused request_apply",
            "applied applied 0002_drop_orders.sql to production",
            "tool_called request_apply");
    AuditEntry apply =
        steps.stream().filter(e -> e.event() == AuditEvent.APPLIED).findFirst().orElseThrow();
    assertThat(apply.environment()).isEqualTo("production");
    assertThat(apply.headSha()).as("the approved head").isEqualTo(second);
    assertThat(apply.mergeSha()).isEqualTo(merge);
    assertThat(apply.field("approvers").toString())
        .as("carol on the head; alice never")
        .contains("carol")
        .doesNotContain("alice");
    assertThat(apply.field("decision").path("outcome").asText())
        .as("as the policy engine's outcome")
        .isEqualTo("ALLOW");
    Cli.Run list = Cli.run("audit", "list", "--actor", "agent:claude", "--state-url", stateUrl);
    assertThat(list.out())
        .as(list.toString())
        .contains("applied")
        .contains("request_apply: refused");
  }

  @Test
  void
      another_agent_s_principal_counts_an_agent_s_login_never_and_a_grown_or_changed_pull_request_is_refused()
          throws Exception {
    JsonNode proposed =
        ok(
            "propose_migration",
            Map.of("sql", "DROP TABLE invoices;\n", "path", "db/migration/0003_drop_invoices.sql"));
    String id = proposed.path("proposal_id").asText();
    int pr = proposed.path("pull_request_number").asInt();
    String head = github.pulls.head(pr);
    github.pulls.review(pr, "other", "APPROVED", head);
    github.pulls.review(pr, "bob", "APPROVED", head);

    JsonNode status = ok("get_proposal_status", Map.of("proposal_id", id));
    assertThat(approval(status, "other").path("counts").asBoolean())
        .as("a login that is an agent's name")
        .isFalse();
    assertThat(approval(status, "other").path("why_not").asText()).contains("agent");
    assertThat(approval(status, "bob").path("counts").asBoolean())
        .as("bob, for whom agent other acts, is a human who is not claude's principal")
        .isTrue();

    github.pulls.push(pr, "db/migration/0009_extra.sql", "DROP TABLE orders;\n");
    assertThat(ok("get_proposal_status", Map.of("proposal_id", id)).path("other_files").toString())
        .contains("db/migration/0009_extra.sql");
    assertThat(refused("request_apply", Map.of("proposal_id", id)))
        .as("a pull request that grew")
        .contains("also changes [db/migration/0009_extra.sql]");

    String pushed =
        github.pulls.push(
            pr, "db/migration/0003_drop_invoices.sql", "DROP TABLE invoices CASCADE;\n");
    github.pulls.review(pr, "bob", "APPROVED", pushed);
    github.pulls.merge(pr);
    assertThat(refused("request_apply", Map.of("proposal_id", id)))
        .as("the head no longer holds the reviewed SQL")
        .contains("does not carry the reviewed SQL");
    assertThat(
            approval(ok("get_proposal_status", Map.of("proposal_id", id)), "bob")
                .path("counts")
                .asBoolean())
        .isFalse();
    assertThat(tableExists("invoices")).as("nothing applied").isTrue();
  }

  @Test
  void
      without_a_code_host_a_human_s_warden_proposal_approve_lets_request_apply_apply_from_the_repository()
          throws Exception {
    String stagingUrl = pg.newDatabase("mcp_apply_staging");
    TestPostgres.exec(pg.dataSource(stagingUrl), "CREATE TABLE carts (id bigint PRIMARY KEY)");
    Agents agents =
        Agents.parse(
            "agents.yml",
            """
        apply: {environment: staging, url-env: SHOP_STAGING_URL}
        agents:
          - {name: claude, token-sha256: %s, acts-for: alice}
        """
                .formatted(Sha256.hex(TOKEN)));
    Map<String, String> env = Map.of("SHOP_STAGING_URL", stagingUrl);
    McpGateway gateway;
    try (StateStore store = StateStore.open(Optional.of(stateUrl), Map.of())) {
      AuditLog audit = AuditLog.open(store);
      Proposals proposals = new Proposals(store);
      // Lint and policy without the trace: this test is about whose approval counts and the apply,
      // not the replica.
      ReviewService reviews = Reviews.staticWithPolicy();
      WardenTools tools =
          new WardenTools(
              reviews,
              Main.renderers(reviews),
              tmp.resolve("repo").toRealPath(),
              Optional.empty(),
              () -> audit,
              () -> proposals,
              env,
              Optional.empty(),
              agents);
      gateway =
          new McpGateway(
              tools, () -> audit, "repo", new EnvironmentSecrets(env), McpServe.MAX_MESSAGE_BYTES);
      Agents.Caller claude = agents.identify(Optional.of(TOKEN));
      McpSchema.CallToolResult proposed =
          gateway.call(
              claude,
              "propose_migration",
              Map.of("sql", "DROP TABLE carts;\n", "path", "db/migration/0004_drop_carts.sql"));
      assertThat(proposed.isError()).as(McpClients.text(proposed)).isFalse();
      JsonNode p = JSON.readTree(McpClients.text(proposed));
      String id = p.path("proposal_id").asText();
      assertThat(p.has("pull_request")).as("no host, no pull request").isFalse();

      assertThat(
              Cli.run("proposal", "approve", id, "--as", "alice", "--state-url", stateUrl)
                  .exitCode())
          .as("the principal cannot approve")
          .isEqualTo(2);
      McpSchema.CallToolResult early =
          gateway.call(claude, "request_apply", Map.of("proposal_id", id));
      assertThat(McpClients.text(early))
          .as("refused without a human's approval")
          .contains("needs_approval");
      Cli.Run carol = Cli.run("proposal", "approve", id, "--as", "carol", "--state-url", stateUrl);
      assertThat(carol.exitCode()).as(carol.toString()).isZero();
      McpSchema.CallToolResult applied =
          gateway.call(claude, "request_apply", Map.of("proposal_id", id));

      assertThat(applied.isError()).as(McpClients.text(applied)).isFalse();
      JsonNode a = JSON.readTree(McpClients.text(applied));
      assertThat(a.path("status").asText()).isEqualTo("applied");
      assertThat(a.path("environment").asText()).isEqualTo("staging");
      try (Connection c = pg.dataSource(stagingUrl).getConnection();
          ResultSet rs =
              c.createStatement().executeQuery("SELECT to_regclass('public.carts') IS NULL")) {
        rs.next();
        assertThat(rs.getBoolean(1)).as("carts is gone on staging").isTrue();
      }
      AuditEntry entry =
          audit.list(AuditQuery.all().withActor("agent:claude")).stream()
              .filter(e -> e.event() == AuditEvent.APPLIED && e.environment().equals("staging"))
              .findFirst()
              .orElseThrow();
      assertThat(entry.headSha())
          .as("the approvals are bound to the SQL's hash")
          .isEqualTo(Sha256.hex("DROP TABLE carts;\n"));
      assertThat(entry.field("approvers").toString()).contains("carol").doesNotContain("alice");
    }
  }

  @Test
  void
      a_liquibase_proposal_adds_one_include_to_the_master_and_is_applied_through_liquibase_after_the_merge()
          throws Exception {
    String config =
        """
        engine: postgres
        engine-version: 16
        migrations:
          tool: liquibase
          changelog: db/changelog/db.changelog-master.yaml
        """;
    String masterPath = "db/changelog/db.changelog-master.yaml";
    String master =
        """
        databaseChangeLog:
          - include:
              file: changes/001_gifts.sql
              relativeToChangelogFile: true
        """;
    String initPath = "db/changelog/changes/001_gifts.sql";
    String init =
        "-- liquibase formatted sql\n-- changeset a:1\nCREATE TABLE gifts (id bigint PRIMARY KEY);\n";
    new GitFixture(tmp.resolve("lb-repo"))
        .write(".schemawarden.yml", config)
        .write(masterPath, master)
        .write(initPath, init)
        .commit("base");
    String lbUrl = pg.newDatabase("mcp_apply_liquibase");
    Agents agents =
        Agents.parse(
            "agents.yml",
            """
        apply: {environment: lb-prod, url-env: LB_URL}
        agents:
          - {name: claude, token-sha256: %s, acts-for: alice}
        """
                .formatted(Sha256.hex(TOKEN)));
    // A store of its own: the other tests read the agent's audit entries of theirs.
    try (FakeGitHub gh = new FakeGitHub("acme/lb", 1, "base", "head");
        StateStore store =
            StateStore.open(Optional.of(pg.newDatabase("mcp_apply_lb_state")), Map.of())) {
      gh.pulls.mainFile(".schemawarden.yml", config);
      gh.pulls.mainFile(masterPath, master);
      gh.pulls.mainFile(initPath, init);
      AuditLog audit = AuditLog.open(store);
      Proposals proposals = new Proposals(store);
      ReviewService reviews = Reviews.staticWithPolicy();
      ProposalHost host =
          new ProposalHost(
              new GithubCodeHost(
                  new GithubSettings(
                      gh.url(),
                      "",
                      new GithubAuth.Token("ghp_lb_test"),
                      GithubSettings.DEFAULT_CHECK_NAME)),
              new RepositoryRef("github", "acme/lb", Optional.empty()));
      WardenTools tools =
          new WardenTools(
              reviews,
              Main.renderers(reviews),
              tmp.resolve("lb-repo").toRealPath(),
              Optional.empty(),
              () -> audit,
              () -> proposals,
              Map.of("LB_URL", lbUrl),
              Optional.of(host),
              agents);
      McpGateway gateway =
          new McpGateway(
              tools,
              () -> audit,
              "lb-repo",
              new EnvironmentSecrets(Map.of()),
              McpServe.MAX_MESSAGE_BYTES);
      Agents.Caller claude = agents.identify(Optional.of(TOKEN));

      McpSchema.CallToolResult r =
          gateway.call(
              claude,
              "propose_migration",
              Map.of("sql", "ALTER TABLE gifts ADD COLUMN note text;\n", "name", "gift_note"));
      assertThat(r.isError()).as(McpClients.text(r)).isFalse();
      JsonNode out = JSON.readTree(McpClients.text(r));
      String changelog = out.path("path").asText();
      assertThat(changelog)
          .as("a formatted-SQL changelog next to the master")
          .matches("db/changelog/warden/[0-9]{14}_gift_note\\.sql");
      assertThat(out.path("tool").asText()).isEqualTo("liquibase");
      assertThat(out.path("report").toString())
          .as("the review saw the changeset the include adds")
          .contains(changelog);
      FakeGitHubProposals.Opened pr = gh.proposals.opened.get(0);
      assertThat(pr.files())
          .as("the new changelog and the master, both committed")
          .containsOnlyKeys(changelog, masterPath);
      assertThat(pr.files().get(masterPath))
          .startsWith(master)
          .endsWith(
              "file: "
                  + changelog.substring("db/changelog/".length())
                  + "\n      relativeToChangelogFile: true\n");
      assertThat(pr.files().get(changelog)).contains("ALTER TABLE gifts ADD COLUMN note text;");
      String id = out.path("proposal_id").asText();
      JsonNode status =
          JSON.readTree(
              McpClients.text(
                  gateway.call(claude, "get_proposal_status", Map.of("proposal_id", id))));
      assertThat(status.path("other_files").size())
          .as("the master is planned, not another change: %s", status)
          .isZero();
      assertThat(proposals.find(id).orElseThrow().companions())
          .as("stored with the proposal, as committed")
          .containsExactly(new Proposals.Companion(masterPath, pr.files().get(masterPath), true));

      gh.pulls.push(pr.number(), masterPath, master + "  - include: {file: ../../evil.sql}\n");
      McpSchema.CallToolResult changed =
          gateway.call(claude, "request_apply", Map.of("proposal_id", id));
      assertThat(McpClients.text(changed))
          .as("a master changed on the pull request is someone else's change")
          .contains("changes [" + masterPath + "], planned with it: someone changed it");
      gh.pulls.push(pr.number(), masterPath, pr.files().get(masterPath));
      gh.pulls.merge(pr.number());
      McpSchema.CallToolResult applied =
          gateway.call(claude, "request_apply", Map.of("proposal_id", id));

      assertThat(applied.isError()).as(McpClients.text(applied)).isFalse();
      assertThat(JSON.readTree(McpClients.text(applied)).path("status").asText())
          .isEqualTo("applied");
      try (Connection c = pg.dataSource(lbUrl).getConnection();
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT (SELECT count(*) FROM information_schema.columns WHERE table_name = 'gifts' AND column_name ="
                          + " 'note'), (SELECT string_agg(id, ',' ORDER BY orderexecuted) FROM databasechangelog)")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the column was added").isEqualTo(1);
        assertThat(rs.getString(2))
            .as("by Liquibase, which read the included changelog from the merge commit too")
            .isEqualTo("1," + changelog.replaceAll(".*/|\\.sql$", ""));
      }
    }
  }

  private static JsonNode ok(String tool, Map<String, Object> args) throws Exception {
    McpSchema.CallToolResult r = McpClients.call(client, tool, args);
    assertThat(r.isError()).as("%s: %s", tool, McpClients.text(r)).isFalse();
    return JSON.readTree(McpClients.text(r));
  }

  private static String refused(String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = McpClients.call(client, tool, args);
    assertThat(r.isError()).as("%s must be refused: %s", tool, McpClients.text(r)).isTrue();
    return McpClients.text(r);
  }

  private static JsonNode approval(JsonNode status, String user) {
    for (JsonNode a : status.path("approvals")) {
      if (a.path("approver").asText().equals(user)
          && a.path("source").asText().equals("pull_request")) {
        return a;
      }
    }
    throw new AssertionError("no approval by " + user + " in " + status);
  }

  private static boolean tableExists(String table) throws Exception {
    try (Connection c = target.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
