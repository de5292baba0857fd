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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden review} with {@code from: [codeowners]}: the owners come from the head tree's
 * {@code .github/CODEOWNERS}, the last matching line wins, teams resolve through {@code --team}.
 */
class CodeOwnersReviewTest {
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

  private static JsonNode requirement(Cli.Run run, String policy) {
    try {
      for (JsonNode r : JSON.readTree(run.out()).get("decision").get("required_approvals")) {
        if (r.get("policy").asText().equals(policy)) {
          return r;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(run.toString(), e);
    }
    throw new AssertionError("no requirement from " + policy + " in " + run);
  }

  private static String outcome(Cli.Run run) {
    try {
      return JSON.readTree(run.out()).get("decision").get("outcome").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(run.toString(), e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Base on main; the feature branch adds a table under db/migration, which CODEOWNERS gives to @acme/dba. */
  private GitFixture repo(String codeowners) {
    return new GitFixture(tmp.resolve("repo"))
        .write(
            ".schemawarden.yml",
            """
            migrations:
              tool: flyway
              locations: [db/migration]
            policy:
              rules:
                - id: schema-needs-codeowner
                  match: {operations: [additive_ddl]}
                  action:
                    require: {count: 1, from: [codeowners]}
            """)
        .write(".github/CODEOWNERS", codeowners)
        .write("db/migration/V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n")
        .commit("base")
        .branch("feature")
        .write("db/migration/V2__invoices.sql", "CREATE TABLE invoices (id bigint PRIMARY KEY);\n")
        .commit("add invoices");
  }

  private static final String OWNERS =
      """
      # platform owns everything; the DBAs own the migrations
      *                 @acme/platform
      [Database]
      /db/migration/    @acme/dba
      """;

  @Test
  void a_dba_members_approval_satisfies_a_codeowners_requirement_on_a_dba_owned_migration() {
    GitFixture g = repo(OWNERS);

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
            "--team",
            "acme/dba=dora",
            "--approved-by",
            "dora");

    JsonNode r = requirement(run, "schema-needs-codeowner");
    assertThat(texts(r.get("approvers")))
        .as("the last matching line's owners")
        .containsExactly("acme/dba");
    assertThat(texts(r.get("satisfied_by"))).containsExactly("dora");
    assertThat(outcome(run)).as(run.toString()).isEqualTo("allow");
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void a_non_members_approval_does_not() {
    GitFixture g = repo(OWNERS);

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
            "--team",
            "acme/dba=dora",
            "--approved-by",
            "carol");

    assertThat(texts(requirement(run, "schema-needs-codeowner").get("satisfied_by"))).isEmpty();
    assertThat(outcome(run)).isEqualTo("needs_approval");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
  }

  @Test
  void without_a_matching_line_any_eligible_reviewer_may_approve_and_the_reason_says_so() {
    GitFixture g = repo("/docs/ @acme/writers\n");

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
            "carol");

    JsonNode r = requirement(run, "schema-needs-codeowner");
    assertThat(texts(r.get("approvers"))).containsExactly("*");
    assertThat(r.get("reason").asText()).contains("no CODEOWNERS for these files");
    assertThat(outcome(run)).as(run.toString()).isEqualTo("allow");
  }
}
