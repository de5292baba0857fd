package dev.schemawarden.app.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditQuery;
import dev.schemawarden.app.audit.CanonicalJson;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.server.FakeGitHub;
import dev.schemawarden.app.server.FakeGitHubProposals;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MCP client (the SDK's) over stdio against {@code warden mcp} in a child JVM, with a real state store: every
 * tool, the hostile arguments, and the audit entries each call leaves.
 */
class McpStdioTest {
  private static final String TOKEN = "tok-claude-7f3a9c1e5b";
  private static final String DB_PASSWORD = "Sup3r-Secret-Db-Pw";
  private static final String HOST_TOKEN = "ghp_hostTokenNeverShown42";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static TestPostgres pg;
  private static DataSource state;
  private static String stateUrl;
  private static GitFixture repo;
  private static String baseSha;
  private static McpSyncClient client;

  /** The code host propose_migration opens pull requests on (warden mcp --host github). */
  private static FakeGitHub github;

  /** Every result text this class received: none may hold a credential from the environment. */
  private static final List<String> RESULTS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    pg = new TestPostgres();
    stateUrl = pg.newDatabase("mcp_state");
    state = pg.dataSource(stateUrl);
    String prod = pg.newDatabase("mcp_prod");
    TestPostgres.exec(
        pg.dataSource(prod),
        "CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, name text)",
        "COMMENT ON COLUMN customers.name IS 'legal name @pii'",
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers, total numeric)",
        "INSERT INTO customers SELECT g, 'c' || g || '@example.com', 'n' FROM generate_series(1, 50) g",
        "ANALYZE");
    Path snapshot = tmp.resolve("prod-snapshot.json");
    try (Connection c = pg.dataSource(prod).getConnection()) {
      Snapshots.write(Snapshots.take(c, new SnapshotOptions(List.of(), true)), snapshot);
    }
    repo = new GitFixture(tmp.resolve("repo"));
    copy(Path.of("../examples/pii/base"), repo.dir());
    repo.commit("base");
    baseSha = repo.git("rev-parse", "HEAD").strip();
    copy(Path.of("../examples/pii/head"), repo.dir());
    repo.commit("drop customers.email");
    Files.writeString(tmp.resolve("outside.sql"), "DROP TABLE customers;\n");
    Files.createSymbolicLink(repo.dir().resolve("db/escape.sql"), tmp.resolve("outside.sql"));

    github = new FakeGitHub("acme/shop", 1, "base", "head");
    client =
        McpClients.start(
            Map.of(
                Agents.TOKEN_ENV,
                TOKEN,
                "WARDEN_GITHUB_API_URL",
                github.url(),
                "PGPASSWORD",
                DB_PASSWORD,
                "WARDEN_GITHUB_TOKEN",
                HOST_TOKEN,
                // the store's URL, with a password the agent must never see (trust auth ignores it)
                "WARDEN_STATE_URL",
                stateUrl + "&password=" + DB_PASSWORD),
            "--repo",
            repo.dir().toString(),
            "--agents",
            McpClients.agentsFile(tmp, "claude", TOKEN, "alice").toString(),
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
    if (pg != null) {
      pg.close();
    }
    if (github != null) {
      github.close();
    }
  }

  private static McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = McpClients.call(client, tool, args);
    synchronized (RESULTS) {
      RESULTS.add(McpClients.text(r));
    }
    return r;
  }

  private static List<AuditEntry> agentEntries() {
    return AuditLog.open(state, Clock.systemUTC(), "test")
        .list(AuditQuery.all().withActor("agent:claude"));
  }

  private static AuditEntry lastEntry() {
    List<AuditEntry> all = agentEntries();
    assertThat(all).as("the agent's calls are audited").isNotEmpty();
    return all.get(all.size() - 1);
  }

  @Test
  void tools_list_names_every_tool_with_a_schema() {
    List<McpSchema.Tool> tools = client.listTools().tools();

    assertThat(tools)
        .extracting(McpSchema.Tool::name)
        .as("every tool, over stdio as over HTTP")
        .containsExactlyInAnyOrder(
            "review_migration",
            "get_policy",
            "explain_decision",
            "describe_schema",
            "query_audit",
            "explain_object",
            "propose_migration",
            "get_proposal_status",
            "request_apply",
            "run_readonly_query");
    assertThat(tools).allSatisfy(t -> assertThat(t.inputSchema()).containsEntry("type", "object"));
  }

  @Test
  void review_migration_of_sql_text_returns_the_lint_report_and_is_audited_with_the_arguments_hash()
      throws Exception {
    Map<String, Object> args = Map.of("sql", "CREATE INDEX orders_total_idx ON orders (total);\n");
    McpSchema.CallToolResult r = call("review_migration", args);

    JsonNode report = JSON.readTree(McpClients.text(r));
    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    assertThat(report.path("kind").asText()).isEqualTo("lint");
    assertThat(report.path("findings").findValuesAsText("rule"))
        .as("a blocking index build is found")
        .isNotEmpty();
    AuditEntry e = lastEntry();
    assertThat(e.event()).isEqualTo(AuditEvent.TOOL_CALLED);
    assertThat(e.field("decision").path("tool").asText()).isEqualTo("review_migration");
    assertThat(e.field("decision").path("acts_for").asText()).isEqualTo("alice");
    assertThat(e.field("decision").path("arguments_sha256").asText())
        .as("the arguments' hash, not the arguments")
        .isEqualTo(Sha256.hex(CanonicalJson.write(CanonicalJson.MAPPER.valueToTree(args))));
    assertThat(e.body()).as("the SQL itself is not stored").doesNotContain("orders_total_idx");
  }

  @Test
  void review_migration_of_a_base_ref_runs_the_full_review_and_explain_decision_reads_its_decision()
      throws Exception {
    McpSchema.CallToolResult r = call("review_migration", Map.of("base", baseSha));

    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    JsonNode report = JSON.readTree(McpClients.text(r));
    assertThat(report.path("kind").asText()).isEqualTo("review");
    assertThat(report.path("decision").path("outcome").asText())
        .as("dropping a pii column needs the privacy team")
        .isEqualTo("needs_approval");

    McpSchema.CallToolResult explained =
        call("explain_decision", Map.of("report", McpClients.text(r)));
    assertThat(explained.isError()).as(McpClients.text(explained)).isFalse();
    assertThat(McpClients.text(explained))
        .as("warden policy explain's text")
        .contains("needs_approval")
        .contains("privacy");
  }

  @Test
  void get_policy_returns_the_repository_s_policy_and_context() {
    McpSchema.CallToolResult r = call("get_policy", Map.of());

    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    assertThat(McpClients.text(r)).contains("schemawarden/policy.yml").contains("acme/privacy");
  }

  @Test
  void describe_schema_gives_sizes_rows_and_flags_pii_columns_from_the_context_file_and_comments()
      throws Exception {
    McpSchema.CallToolResult r = call("describe_schema", Map.of("table", "customers"));

    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    JsonNode table = JSON.readTree(McpClients.text(r)).path("tables").get(0);
    assertThat(table.path("table").asText()).isEqualTo("public.customers");
    assertThat(table.path("rows").asLong()).as("from the snapshot's statistics").isEqualTo(50);
    assertThat(table.path("size_bytes").asLong()).isPositive();
    assertThat(table.path("pii").asBoolean())
        .as("a table with a pii column is a pii table")
        .isTrue();
    Map<String, Boolean> pii = new java.util.TreeMap<>();
    table.path("columns").forEach(c -> pii.put(c.path("name").asText(), c.path("pii").asBoolean()));
    assertThat(pii)
        .as("email from the context file, name from its @pii comment")
        .containsEntry("email", true)
        .containsEntry("name", true)
        .containsEntry("id", false);
  }

  @Test
  void query_audit_and_warden_audit_list_actor_find_the_agent_s_calls() throws Exception {
    call("get_policy", Map.of());

    McpSchema.CallToolResult r = call("query_audit", Map.of("actor", "agent:claude"));
    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    JsonNode entries = JSON.readTree(McpClients.text(r));
    assertThat(entries.size()).isPositive();
    entries.forEach(e -> assertThat(e.path("actor").asText()).isEqualTo("agent:claude"));

    Cli.Run list = Cli.run("audit", "list", "--actor", "agent:claude", "--state-url", stateUrl);
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).contains("agent:claude").contains("get_policy: allowed");
    Cli.Run verify = Cli.run("audit", "verify", "--state-url", stateUrl);
    assertThat(verify.exitCode())
        .as("the agent's entries are in the same chain: %s", verify)
        .isZero();
  }

  @Test
  void
      propose_migration_opens_a_pull_request_with_the_file_and_the_verdict_and_the_status_returns_it()
          throws Exception {
    String sql = "ALTER TABLE orders ADD COLUMN note text;\n";
    McpSchema.CallToolResult r =
        call("propose_migration", Map.of("sql", sql, "path", "db/migration/V9__note.sql"));
    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    JsonNode out = JSON.readTree(McpClients.text(r));
    String id = out.path("proposal_id").asText();

    FakeGitHubProposals.Opened pr =
        github.proposals.opened.stream()
            .filter(o -> o.branch().equals("warden/agent/claude-" + id))
            .findFirst()
            .orElseThrow();
    assertThat(pr.base()).as("from the default branch").isEqualTo("main");
    assertThat(pr.files())
        .as("the one migration file, as proposed")
        .containsExactly(Map.entry("db/migration/V9__note.sql", sql));
    JsonNode status =
        JSON.readTree(McpClients.text(call("get_proposal_status", Map.of("proposal_id", id))));
    assertThat(pr.body())
        .as("who proposed it for whom, and the review's verdict")
        .contains("agent `claude` for `alice`")
        .contains(id)
        .contains("Decision: **" + status.path("decision").asText() + "**")
        .contains("ADD COLUMN note");
    assertThat(out.path("pull_request").asText()).isEqualTo("github:acme/shop#" + pr.number());
    assertThat(status.path("pull_request").asText())
        .as("recorded on the proposal")
        .isEqualTo("github:acme/shop#" + pr.number());
    assertThat(status.path("pull_request_number").asInt()).isEqualTo(pr.number());
  }

  @Test
  void
      propose_migration_without_a_path_writes_the_next_flyway_version_and_the_pull_request_holds_exactly_it()
          throws Exception {
    String sql = "ALTER TABLE orders ADD COLUMN gift_note text;\n";
    McpSchema.CallToolResult r = call("propose_migration", Map.of("sql", sql, "name", "add_note"));
    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    JsonNode out = JSON.readTree(McpClients.text(r));
    String id = out.path("proposal_id").asText();

    // examples/pii/head's highest migration is V3__drop_customer_email.sql
    String planned = "db/migration/V4__add_note.sql";
    assertThat(out.path("path").asText())
        .as("the repository's next Flyway version, named as asked")
        .isEqualTo(planned);
    assertThat(out.path("tool").asText()).isEqualTo("flyway");
    FakeGitHubProposals.Opened pr =
        github.proposals.opened.stream()
            .filter(o -> o.branch().equals("warden/agent/claude-" + id))
            .findFirst()
            .orElseThrow();
    assertThat(pr.files())
        .as("exactly the planned file, with the agent's SQL")
        .containsOnlyKeys(planned);
    assertThat(pr.files().get(planned)).contains("ALTER TABLE orders ADD COLUMN gift_note text;");
    assertThat(out.path("report").toString())
        .as("the review reviewed the planned file")
        .contains(planned);
    JsonNode status =
        JSON.readTree(McpClients.text(call("get_proposal_status", Map.of("proposal_id", id))));
    assertThat(status.path("path").asText())
        .as("the proposal row names the planned file")
        .isEqualTo(planned);
    assertThat(status.path("sql_sha256").asText())
        .as("what was reviewed is what was committed")
        .isEqualTo(Sha256.hex(pr.files().get(planned)));
  }

  @Test
  void
      a_flyway_proposal_with_set_and_concurrently_gets_its_sql_conf_and_keeps_the_agent_s_comments()
          throws Exception {
    String sql =
        "-- the order page filters by total\nSET lock_timeout = '2s';\n"
            + "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);\n";
    McpSchema.CallToolResult r =
        call("propose_migration", Map.of("sql", sql, "name", "orders_total_idx"));
    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    String id = JSON.readTree(McpClients.text(r)).path("proposal_id").asText();

    String planned = "db/migration/V4__orders_total_idx.sql";
    FakeGitHubProposals.Opened pr =
        github.proposals.opened.stream()
            .filter(o -> o.branch().equals("warden/agent/claude-" + id))
            .findFirst()
            .orElseThrow();
    assertThat(pr.files())
        .as(
            "Flyway refuses SET with CONCURRENTLY in a transaction: the script says it runs without")
        .containsOnlyKeys(planned, planned + ".conf");
    assertThat(pr.files().get(planned + ".conf")).isEqualTo("executeInTransaction=false\n");
    assertThat(pr.files().get(planned))
        .as("the agent's text as written, its comment included")
        .endsWith(sql);
    JsonNode status =
        JSON.readTree(McpClients.text(call("get_proposal_status", Map.of("proposal_id", id))));
    assertThat(status.path("other_files").size())
        .as("the .conf is planned with it: %s", status)
        .isZero();
    assertThat(status.path("changed_companions").size()).isZero();
  }

  @Test
  void a_hostile_migration_name_is_refused_or_reduced_and_never_leaves_the_migration_directory()
      throws Exception {
    java.util.Set<String> branches = java.util.Set.copyOf(github.proposals.branches.keySet());
    McpSchema.CallToolResult tooLong =
        call("propose_migration", Map.of("sql", "SELECT 1;", "name", "x".repeat(300)));
    assertThat(tooLong.isError()).isTrue();
    assertThat(McpClients.text(tooLong))
        .as("one line naming the fix")
        .contains("300 characters")
        .contains("short slug")
        .doesNotContain("\n");
    McpSchema.CallToolResult both =
        call(
            "propose_migration",
            Map.of("sql", "SELECT 1;", "name", "n", "path", "db/migration/V9__n.sql"));
    assertThat(McpClients.text(both)).as("path or name, not both").contains("not both");
    assertThat(github.proposals.branches.keySet())
        .as("no branch for a refused call")
        .isEqualTo(branches);

    McpSchema.CallToolResult r =
        call(
            "propose_migration",
            Map.of(
                "sql",
                "ALTER TABLE orders ADD COLUMN memo text;",
                "name",
                "../../.github/workflows/deploy\n*/ x"));
    assertThat(r.isError()).as(McpClients.text(r)).isFalse();
    assertThat(JSON.readTree(McpClients.text(r)).path("files").toString())
        .as("a plain name in db/migration")
        .isEqualTo("[\"db/migration/V4__github_workflows_deploy_x.sql\"]");
  }

  @Test
  void a_hostile_proposal_path_is_refused_before_anything_reaches_the_host() {
    java.util.Set<String> branches = java.util.Set.copyOf(github.proposals.branches.keySet());
    for (String path :
        List.of(
            "../outside.sql",
            ".github/workflows/deploy.sql",
            "db/migration/../../x.sql",
            "db/migration/V1__create_customers.sql",
            "/etc/x.sql",
            "db/escape.sql")) {
      McpSchema.CallToolResult r =
          call("propose_migration", Map.of("sql", "DROP TABLE customers;", "path", path));
      assertThat(r.isError()).as("%s -> %s", path, McpClients.text(r)).isTrue();
    }
    assertThat(github.proposals.branches.keySet()).as("no branch created").isEqualTo(branches);
    assertThat(github.proposals.opened)
        .as("no pull request opened")
        .noneMatch(
            o -> o.files().values().stream().anyMatch(t -> t.contains("DROP TABLE customers")));
  }

  @Test
  void a_path_outside_the_repository_is_refused_with_one_reason_and_audited() {
    McpSchema.CallToolResult r =
        call("review_migration", Map.of("files", List.of("../outside.sql")));

    assertThat(r.isError()).isTrue();
    assertThat(McpClients.text(r))
        .startsWith("refused: ")
        .contains("../outside.sql")
        .doesNotContain("\n");
    AuditEntry e = lastEntry();
    assertThat(e.event()).isEqualTo(AuditEvent.REFUSED);
    assertThat(e.field("note").asText()).contains("review_migration: refused");
  }

  @Test
  void a_symlink_out_of_the_repository_is_refused_and_its_target_never_read() {
    McpSchema.CallToolResult r =
        call("review_migration", Map.of("files", List.of("db/escape.sql")));

    assertThat(r.isError()).isTrue();
    assertThat(McpClients.text(r))
        .startsWith("refused: ")
        .contains("db/escape.sql")
        .doesNotContain("DROP TABLE customers");
    assertThat(lastEntry().event()).isEqualTo(AuditEvent.REFUSED);
  }

  @Test
  void a_50_mb_sql_string_is_refused_with_its_size_and_audited_and_the_session_goes_on() {
    String huge = "SELECT 1;\n".repeat(5 * 1024 * 1024);
    McpSchema.CallToolResult r = call("review_migration", Map.of("sql", huge));

    assertThat(r.isError()).isTrue();
    assertThat(McpClients.text(r))
        .startsWith("refused: the request is ")
        .contains("bytes")
        .contains("pass it to review_migration as files");
    AuditEntry e = lastEntry();
    assertThat(e.event()).isEqualTo(AuditEvent.REFUSED);
    assertThat(e.field("decision").path("tool").asText()).isEqualTo("review_migration");
    assertThat(call("get_policy", Map.of()).isError()).as("the session survived it").isFalse();
  }

  @Test
  void an_unknown_argument_is_refused_not_ignored() {
    McpSchema.CallToolResult r =
        call("describe_schema", Map.of("table", "orders", "url", "jdbc:postgresql://x/y"));

    assertThat(r.isError()).isTrue();
    assertThat(McpClients.text(r)).contains("takes no argument [url]");
  }

  @Test
  void no_tool_result_ever_holds_a_credential_from_the_environment() {
    // The calls most likely to echo configuration: the audit log (the store's URL has the password)
    // and errors.
    call("query_audit", Map.of("limit", 500));
    call("query_audit", Map.of("since", "not a date"));
    call("describe_schema", Map.of());
    call("explain_decision", Map.of("report", "{\"decision\": null}"));
    List<String> results;
    synchronized (RESULTS) {
      results = List.copyOf(RESULTS);
    }
    assertThat(results)
        .as("every result so far")
        .isNotEmpty()
        .allSatisfy(
            t ->
                assertThat(t)
                    .doesNotContain(DB_PASSWORD)
                    .doesNotContain(HOST_TOKEN)
                    .doesNotContain(TOKEN));
  }

  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
