package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden diagnose} end to end on a real PostgreSQL (its own server, so its replication slot is nobody
 * else's): the problems with their evidence in every format, the exit code against {@code --fail-on}, the
 * thresholds and environments of {@code .schemawarden.yml}, and production's hostile object names kept inert in
 * Markdown.
 */
class DiagnoseCommandTest {
  /** A name that would start a heading, close a code block and make a link if it were pasted into Markdown. */
  static final String HOSTILE = "n\n# pwned ```[x](https://evil.example)";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestPostgres pg;
  private static String url;
  @TempDir Path tmp;

  @BeforeAll
  static void production() {
    pg = new TestPostgres();
    url = pg.newDatabase("prod");
    DataSource ds = pg.dataSource(url);
    TestPostgres.exec(
        ds,
        "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL)",
        "INSERT INTO customers (email) SELECT 'c' || g FROM generate_series(1, 200) g",
        "CREATE TABLE orders (id serial PRIMARY KEY, customer_id bigint REFERENCES customers (id), note text)",
        "CREATE INDEX orders_note_idx ON orders (note)",
        "INSERT INTO orders (customer_id, note) SELECT 1 + g % 100, md5(g::text) FROM generate_series(1, 30000) g",
        "DELETE FROM customers WHERE id > 150",
        "SELECT setval('orders_id_seq', 1825361100)",
        "CREATE TABLE dupes (id int PRIMARY KEY, val int)",
        "INSERT INTO dupes SELECT g, g % 3 FROM generate_series(1, 30) g",
        "CREATE INDEX " + Identifiers.quote(HOSTILE) + " ON orders (note, customer_id)",
        "SELECT pg_create_physical_replication_slot('gone_replica', true)",
        "CREATE TABLE wal_filler AS SELECT g FROM generate_series(1, 10000) g");
    try {
      TestPostgres.exec(ds, "CREATE UNIQUE INDEX CONCURRENTLY dupes_val_idx ON dupes (val)");
      throw new IllegalStateException("the unique build should fail on duplicates");
    } catch (IllegalStateException expected) {
      // leaves dupes_val_idx INVALID
    }
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  private static JsonNode json(Cli.Run run) throws IOException {
    return JSON.readTree(run.out());
  }

  private static List<String> ids(JsonNode report) {
    List<String> out = new ArrayList<>();
    report
        .get("problems")
        .forEach(p -> out.add(p.get("id").asText() + " " + p.get("object").asText()));
    return out;
  }

  @Test
  void json_lists_each_problem_with_numbers_and_a_fix_and_the_cost_of_the_pass()
      throws IOException {
    Cli.Run run =
        Cli.run(
            "diagnose",
            "--url",
            url,
            "--window",
            "0",
            "--format",
            "json",
            "--repo",
            tmp.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode report = json(run);
    assertThat(ids(report))
        .contains(
            "DG101 public.orders_note_idx",
            "DG104 public.dupes_val_idx",
            "DG105 public.orders.orders_customer_id_fkey",
            "DG106 public.orders_id_seq",
            "DG109 gone_replica");
    JsonNode seq = find(report, "DG106");
    assertThat(seq.get("evidence").findValuesAsText("name"))
        .contains("last_value", "max_value", "used_fraction");
    assertThat(seq.get("evidence").get(0).get("value").asLong()).isEqualTo(1_825_361_100L);
    assertThat(seq.get("fix").get("online_plan").asText()).contains("expand/contract");
    assertThat(find(report, "DG109").get("fix").get("kind").asText()).isEqualTo("operation");
    assertThat(report.get("environment").asText()).isEqualTo("manual");
    assertThat(report.get("cost").get("queries").asInt())
        .as("the pass says what it cost production")
        .isPositive();
    assertThat(report.get("counters_since").asText()).isNotEmpty();
    assertThat(run.out())
        .as("the URL's user never reaches the report")
        .doesNotContain("user=postgres");
  }

  private static JsonNode find(JsonNode report, String id) {
    for (JsonNode p : report.get("problems")) {
      if (p.get("id").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError(id + " not in " + report);
  }

  @Test
  void fail_on_warning_blocks_and_every_format_renders() throws IOException {
    Cli.Run text =
        Cli.run(
            "diagnose",
            "--url",
            url,
            "--window",
            "0",
            "--fail-on",
            "warning",
            "--repo",
            tmp.toString());
    assertThat(text.exitCode()).as("warnings at --fail-on warning: " + text).isEqualTo(1);
    assertThat(text.out())
        .contains("WARNING DG106 public.orders_id_seq")
        .contains("blocked (at or above warning)");
    Cli.Run sarif =
        Cli.run(
            "diagnose",
            "--url",
            url,
            "--window",
            "0",
            "--format",
            "sarif",
            "--repo",
            tmp.toString());
    JsonNode run = json(sarif).get("runs").get(0);
    assertThat(run.get("results").size())
        .isEqualTo(
            json(Cli.run(
                    "diagnose",
                    "--url",
                    url,
                    "--window",
                    "0",
                    "--format",
                    "json",
                    "--repo",
                    tmp.toString()))
                .get("problems")
                .size());
    assertThat(
            run.get("results")
                .get(0)
                .get("locations")
                .get(0)
                .get("logicalLocations")
                .get(0)
                .get("fullyQualifiedName")
                .asText())
        .startsWith("prod_");
  }

  @Test
  void the_default_window_does_not_judge_young_counters() {
    Cli.Run run = Cli.run("diagnose", "--url", url, "--repo", tmp.toString());
    assertThat(run.out())
        .doesNotContain("DG101 public.")
        .contains("note: DG101 unused indexes not judged");
  }

  @Test
  void hostile_names_stay_inert_in_markdown() {
    Cli.Run run =
        Cli.run(
            "diagnose",
            "--url",
            url,
            "--window",
            "0",
            "--format",
            "markdown",
            "--repo",
            tmp.toString());
    String md = run.out();
    assertThat(md)
        .contains("\\[x\\]\\(https://evil.example\\)")
        .as("the link is escaped text in a paragraph");
    List<String> outsideFences = new ArrayList<>();
    String fence = null;
    for (String line : md.split("\n", -1)) {
      if (fence == null && line.startsWith("```")) {
        fence = line.replaceAll("[^`].*$", "");
      } else if (fence != null && line.equals(fence)) {
        fence = null;
      } else if (fence == null) {
        outsideFences.add(line);
      }
    }
    assertThat(fence).as("every code block is closed").isNull();
    assertThat(outsideFences)
        .as("no heading, link or code fence from a name outside a code block")
        .noneMatch(l -> l.startsWith("# pwned"))
        .noneMatch(l -> l.startsWith("```"))
        .noneMatch(l -> withoutCodeSpans(l).contains("](https://evil"));
    assertThat(md).as("the proposed SQL quotes the name").contains(Identifiers.quote(HOSTILE));
  }

  /** The line without its code spans (a run of n backticks up to the next run of exactly n): inert there. */
  private static String withoutCodeSpans(String line) {
    return line.replaceAll("(`+)(?!`).*?(?<!`)\\1(?!`)", "");
  }

  @Test
  void config_thresholds_rules_and_an_environment_come_from_the_repository() throws Exception {
    Files.writeString(
        tmp.resolve(".schemawarden.yml"),
        """
        environments:
          - name: prod
            url-env: DIAG_TEST_URL
        rules:
          DG109: off
        diagnose:
          window: 0
          sequence-warning: 0.9
          sequence-error: 0.95
        """);
    Child run = warden(tmp, url, "diagnose", "--env", "prod", "--format", "json");
    assertThat(run.exit).as(run.err).isZero();
    JsonNode report = JSON.readTree(run.out);
    assertThat(report.get("environment").asText()).isEqualTo("prod");
    assertThat(ids(report))
        .as("window 0 from config judges unused indexes; DG109 off; 85% is under 0.9")
        .contains("DG101 public.orders_note_idx")
        .noneMatch(i -> i.startsWith("DG109") || i.startsWith("DG106"));
  }

  @Test
  void a_misspelt_threshold_is_one_line_naming_the_key() throws IOException {
    Files.writeString(tmp.resolve(".schemawarden.yml"), "diagnose:\n  windw: 1d\n");
    Cli.Run run = Cli.run("diagnose", "--url", url, "--repo", tmp.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "warden: error: .schemawarden.yml:2: diagnose.windw: unknown key"
                + " 'windw': did you mean 'window'?");
  }

  @Test
  void an_unreachable_database_is_one_line_naming_the_host_never_the_password() {
    Cli.Run run =
        Cli.run(
            "diagnose",
            "--url",
            "jdbc:postgresql://127.0.0.1:1/shop?password=hunter2",
            "--connect-timeout",
            "2s",
            "--repo",
            tmp.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .startsWith("warden: error: cannot diagnose 127.0.0.1:1: ")
        .doesNotContain("\n")
        .doesNotContain("hunter2");
  }

  record Child(int exit, String out, String err) {}

  /** {@code warden} in a child JVM whose environment holds the URL, as an operator's would. */
  private static Child warden(Path dir, String dbUrl, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("diag-out", ".txt");
    Path err = Files.createTempFile("diag-err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().put("DIAG_TEST_URL", dbUrl);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("warden did not end");
      }
      return new Child(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
