package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.GitFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden review} with the policy stage, and {@code warden policy check|explain}, in-process with the
 * production wiring and a fixed clock, on the shipped {@code examples/pii} and small repositories.
 */
class PolicyReviewTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final Path PII = EXAMPLES.resolve("pii");

  /** A Wednesday morning: outside the default policy's weekend window. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-04T10:00:00Z"), ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static Cli.Run warden(String... args) {
    return Cli.run(
        (out, err) -> {
          ReviewService service = dev.schemawarden.app.testing.Reviews.service(CLOCK);
          return new CliContext(out, err, service, Main.renderers(service), false);
        },
        args);
  }

  private static JsonNode decision(Cli.Run run) {
    try {
      return JSON.readTree(run.out()).get("decision");
    } catch (IOException e) {
      throw new UncheckedIOException(run.toString(), e);
    }
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
    return out;
  }

  private static JsonNode requirement(JsonNode decision, String policy) {
    for (JsonNode r : decision.get("required_approvals")) {
      if (r.get("policy").asText().equals(policy)) {
        return r;
      }
    }
    throw new AssertionError("no requirement from " + policy + " in " + decision);
  }

  /** The example as a git repository: base on main, head on feature, so the head has a real SHA. */
  private GitFixture piiRepo() {
    GitFixture g = new GitFixture(tmp.resolve("pii"));
    copy(PII.resolve("base"), g.dir());
    g.commit("base").branch("feature");
    copy(PII.resolve("head"), g.dir());
    return g.commit("drop customers.email");
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Nested
  class the_pii_example {
    @Test
    void dropping_a_pii_column_needs_the_privacy_team_and_the_floor_and_exits_1() {
      Cli.Run run =
          warden(
              "review",
              "--repo",
              PII.resolve("head").toString(),
              "--base-dir",
              PII.resolve("base").toString(),
              "--format",
              "json",
              "--author",
              "alice");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      JsonNode d = decision(run);
      assertThat(d.get("outcome").asText()).isEqualTo("needs_approval");
      assertThat(texts(d.get("required_approvals"), "policy"))
          .as("the floor and the example's pii rule")
          .contains("POL001", "pii-needs-privacy");
      assertThat(texts(requirement(d, "pii-needs-privacy").get("approvers"), null))
          .containsExactly("acme/privacy");
      assertThat(texts(d.get("reasons"), null))
          .anySatisfy(r -> assertThat(r).startsWith("POL001: "))
          .anySatisfy(r -> assertThat(r).startsWith("pii-needs-privacy: "));
      assertThat(d.get("evaluated_at").asText())
          .as("the injected clock, not the wall clock")
          .isEqualTo("2025-06-04T10:00:00Z");
      assertThat(d.get("objects").toString())
          .contains("public.customers.email")
          .contains("pii")
          .contains("@acme/privacy");
    }

    @Test
    void the_markdown_comment_names_the_team_to_ask_and_why() {
      Cli.Run run =
          warden(
              "review",
              "--repo",
              PII.resolve("head").toString(),
              "--base-dir",
              PII.resolve("base").toString(),
              "--format",
              "markdown");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out())
          .contains("**Policy:** needs approval")
          .contains(
              "`pii-needs-privacy` requires 1 approval from @acme/privacy: touches personal data")
          .contains("`POL001` requires 1 approval from any eligible reviewer")
          .contains("`public.customers.email` tagged `pii` owned by @acme/privacy")
          .doesNotContain("@*");
    }

    @Test
    void a_privacy_member_approving_the_head_commit_satisfies_every_requirement() {
      GitFixture g = piiRepo();
      String head = g.git("rev-parse", "HEAD").strip();

      Cli.Run run =
          warden(
              "review",
              "--repo",
              g.dir().toString(),
              "--base",
              "main",
              "--format",
              "json",
              "--author",
              "alice",
              "--approved-by",
              "omar@" + head.substring(0, 10));

      JsonNode d = decision(run);
      assertThat(d.get("outcome").asText()).as(run.toString()).isEqualTo("allow");
      assertThat(d.get("head_sha").asText()).isEqualTo(head);
      assertThat(texts(requirement(d, "pii-needs-privacy").get("satisfied_by"), null))
          .containsExactly("omar");
      assertThat(texts(requirement(d, "POL001").get("satisfied_by"), null)).containsExactly("omar");
      assertThat(run.exitCode())
          .as("allow, and the example lowers DS102 to a warning: nothing blocks")
          .isZero();
    }

    @Test
    void the_author_approving_their_own_change_does_not_count_even_from_the_privacy_team() {
      GitFixture g = piiRepo();

      Cli.Run run =
          warden(
              "review",
              "--repo",
              g.dir().toString(),
              "--base",
              "main",
              "--format",
              "json",
              "--author",
              "priya",
              "--approved-by",
              "priya");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      JsonNode d = decision(run);
      assertThat(d.get("outcome").asText()).isEqualTo("needs_approval");
      assertThat(requirement(d, "pii-needs-privacy").get("satisfied_by")).isEmpty();
      assertThat(d.get("evaluated").toString())
          .as("POL002 says why the approval was set aside")
          .contains("the author cannot approve their own change");
    }

    @Test
    void an_approval_given_on_an_earlier_commit_does_not_count() {
      GitFixture g = piiRepo();
      String base = g.git("rev-parse", "main").strip();

      Cli.Run run =
          warden(
              "review",
              "--repo",
              g.dir().toString(),
              "--base",
              "main",
              "--format",
              "json",
              "--author",
              "alice",
              "--approved-by",
              "omar@" + base);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(decision(run).get("outcome").asText()).isEqualTo("needs_approval");
      assertThat(decision(run).get("evaluated").toString())
          .contains("a new push needs a new approval");
    }

    @Test
    void a_member_of_a_team_given_on_the_command_line_counts_too() {
      Cli.Run run =
          warden(
              "review",
              "--repo",
              PII.resolve("head").toString(),
              "--base-dir",
              PII.resolve("base").toString(),
              "--format",
              "json",
              "--author",
              "alice",
              "--team",
              "acme/privacy=zoe",
              "--approved-by",
              "zoe");

      assertThat(decision(run).get("outcome").asText()).as(run.toString()).isEqualTo("allow");
    }
  }

  @Nested
  class deny {
    @Test
    void a_deny_rule_on_drop_table_is_not_lifted_by_any_approval() {
      GitFixture g =
          new GitFixture(tmp.resolve("deny"))
              .write(
                  ".schemawarden.yml",
                  """
              migrations:
                tool: flyway
                locations: [db/migration]
              policy:
                rules:
                  - id: no-table-drops
                    match:
                      operations: [destructive]
                      objects: ["public.*"]
                    action:
                      deny: tables are archived by the data team, never dropped by a migration
              """)
              .write(
                  "db/migration/V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n")
              .commit("base")
              .branch("feature")
              .write(
                  "db/migration/V2__drop_orders.sql",
                  "SET lock_timeout = '3s';\nDROP TABLE orders;\n")
              .commit("drop");

      Cli.Run run =
          warden(
              "review",
              "--repo",
              g.dir().toString(),
              "--base",
              "main",
              "--format",
              "json",
              "--author",
              "alice",
              "--approved-by",
              "bob",
              "--approved-by",
              "carol");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      JsonNode d = decision(run);
      assertThat(d.get("outcome").asText()).isEqualTo("deny");
      assertThat(texts(d.get("reasons"), null))
          .anySatisfy(
              r ->
                  assertThat(r)
                      .startsWith(
                          "no-table-drops: tables are archived by the data team, never dropped by a migration"));
      assertThat(texts(requirement(d, "POL001").get("satisfied_by"), null))
          .as("the approvals count for the floor, yet the deny stands")
          .contains("bob");
    }
  }

  @Nested
  class default_policy {
    private String result(Cli.Run run, String policy) {
      for (JsonNode e : decision(run).get("evaluated")) {
        if (e.get("policy").asText().equals(policy)) {
          return e.get("result").asText();
        }
      }
      throw new AssertionError(policy + " did not run: " + run);
    }

    @Test
    void severity_fail_on_means_the_threshold_of_this_run_including_the_command_line() {
      GitFixture g =
          new GitFixture(tmp.resolve("failon"))
              .write(
                  ".schemawarden.yml",
                  "migrations: {tool: flyway, locations: [db/migration]}\nrules: {DS102: warning}\n")
              .write("db/migration/V1__t.sql", "CREATE TABLE t (id bigint PRIMARY KEY, c text);\n")
              .commit("base")
              .branch("feature")
              .write(
                  "db/migration/V2__drop_c.sql",
                  "SET lock_timeout = '3s';\nALTER TABLE t DROP COLUMN c;\n")
              .commit("drop c");

      Cli.Run atError =
          warden("review", "--repo", g.dir().toString(), "--base", "main", "--format", "json");
      Cli.Run atWarning =
          warden(
              "review",
              "--repo",
              g.dir().toString(),
              "--base",
              "main",
              "--format",
              "json",
              "--fail-on",
              "warning");

      assertThat(result(atError, "blocking-findings-need-review"))
          .as("DS102 is only a warning")
          .isEqualTo("no_match");
      assertThat(result(atWarning, "blocking-findings-need-review")).isEqualTo("require");
      assertThat(result(atError, "destructive-needs-owner")).isEqualTo("require");
    }
  }

  @Nested
  class policy_check {
    @Test
    void a_broken_policy_prints_every_problem_with_file_and_line_and_exits_2() throws IOException {
      Path policy = tmp.resolve("policy.yml");
      Files.writeString(
          policy,
          """
          version: 1
          rules:
            - id: pii
              match:
                operation: [destructive]
              action:
                deny: no
            - id: POL001
              action:
                warn: lowered
          """);

      Cli.Run run = warden("policy", "check", policy.toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.out())
          .contains(policy + ":5: ")
          .contains("operations")
          .contains(policy + ":8: ");
    }

    @Test
    void the_example_config_with_its_policy_and_context_files_is_valid() {
      Cli.Run run = warden("policy", "check", PII.resolve("head/.schemawarden.yml").toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains(": ok (policy, context)");
    }

    @Test
    void bad_lines_of_the_repository_codeowners_are_reported_with_their_line() throws IOException {
      Files.writeString(tmp.resolve(".schemawarden.yml"), "engine: postgres\n");
      Files.createDirectories(tmp.resolve(".github"));
      Files.writeString(
          tmp.resolve(".github/CODEOWNERS"), "# owners\n/db/ @acme/dba\n!/db/legacy/ @acme/dba\n");

      Cli.Run run = warden("policy", "check", tmp.resolve(".schemawarden.yml").toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.out())
          .as("the negation GitHub does not support, at its line")
          .contains(".github/CODEOWNERS:3: ");
    }

    @Test
    void problems_in_the_context_file_a_config_names_are_reported_with_its_line()
        throws IOException {
      Files.writeString(
          tmp.resolve(".schemawarden.yml"), "engine: postgres\ncontext: context.yml\n");
      Files.writeString(
          tmp.resolve("context.yml"), "objects:\n  - match: public.users.email\n    tag: [pii]\n");

      Cli.Run run = warden("policy", "check", tmp.resolve(".schemawarden.yml").toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.out()).contains("context.yml:3: ");
    }
  }

  @Nested
  class policy_explain {
    @Test
    void a_saved_json_report_explains_which_rules_fired_and_why() throws IOException {
      Path report = tmp.resolve("report.json");
      Cli.Run review =
          warden(
              "review",
              "--repo",
              PII.resolve("head").toString(),
              "--base-dir",
              PII.resolve("base").toString(),
              "--format",
              "json",
              "--output",
              report.toString(),
              "--author",
              "alice",
              "--approved-by",
              "alice");
      assertThat(review.exitCode()).as(review.toString()).isEqualTo(1);

      Cli.Run run = warden("policy", "explain", "--report", report.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out())
          .startsWith("Decision: needs_approval")
          .contains("[ ] pii-needs-privacy: 1 from @acme/privacy")
          .contains("POL001 require - irreversible")
          .contains("pii-needs-privacy require - schema changes to pii data need the privacy team")
          .contains("alice")
          .contains("the author cannot approve their own change")
          .contains("public.customers.email tags: pii owners: @acme/privacy");
    }

    @Test
    void explain_writes_the_decision_as_json_to_the_output_file() throws IOException {
      Path report = tmp.resolve("report-for-json.json");
      warden(
          "review",
          "--repo",
          PII.resolve("head").toString(),
          "--base-dir",
          PII.resolve("base").toString(),
          "--format",
          "json",
          "--output",
          report.toString(),
          "--author",
          "alice",
          "--approved-by",
          "alice");
      Path file = tmp.resolve("decision.json");

      Cli.Run run =
          warden(
              "policy",
              "explain",
              "--report",
              report.toString(),
              "--format",
              "json",
              "--output",
              file.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).isEmpty();
      JsonNode decision = new ObjectMapper().readTree(file.toFile());
      assertThat(decision.get("outcome").asText()).isEqualTo("needs_approval");
      assertThat(decision.toString())
          .as("the same decision object the review report holds")
          .isEqualTo(new ObjectMapper().readTree(report.toFile()).get("decision").toString());
    }

    @Test
    void a_lint_report_has_no_decision_to_explain() throws IOException {
      Path report = tmp.resolve("lint.json");
      Files.writeString(
          report, "{\"format_version\": 1, \"kind\": \"lint\", \"decision\": null}\n");

      Cli.Run run = warden("policy", "explain", "--report", report.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("has no decision");
    }
  }
}
