package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format} and {@code --output} on {@code audit list}, {@code audit export} and {@code doctor}, on real
 * PostgreSQL with a real state store: the file holds the result in the format asked for, stdout stays empty, and a
 * bad format or path fails before any work.
 */
class ReportCommandsOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static TestPostgres pg;
  static String db;
  static String state;
  @TempDir static Path repo;
  @TempDir Path out;

  @BeforeAll
  static void one_applied_migration_in_the_audit_log() throws IOException {
    pg = new TestPostgres();
    Files.writeString(
        repo.resolve(".schemawarden.yml"),
        "migrations:\n  tool: plain\n  locations: [migrations]\n");
    Files.createDirectories(repo.resolve("migrations"));
    Files.writeString(repo.resolve("migrations/001_t.sql"), "CREATE TABLE t (id int);\n");
    db = pg.newDatabase("outcli");
    state = pg.newDatabase("outstate");
    Cli.Run applied =
        Cli.run(
            "apply",
            "--repo",
            repo.toString(),
            "--url",
            db,
            "--state-url",
            state,
            "--sha",
            "c0ffee0000000000000000000000000000000000",
            "--author",
            "alice",
            "--approved-by",
            "bob",
            "--repository",
            "acme/shop");
    assertThat(applied.exitCode()).as(applied.toString()).isZero();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @Test
  void audit_list_writes_json_to_the_output_file_and_nothing_to_stdout() throws IOException {
    Path file = out.resolve("audit.json");

    Cli.Run run =
        Cli.run(
            "audit", "list", "--state-url", state, "--format", "json", "--output", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).as("the result went to the file").isEmpty();
    assertThat(run.err()).contains("wrote json audit list to " + file);
    JsonNode entries = JSON.readTree(file.toFile());
    assertThat(entries.isArray()).as(entries.toString()).isTrue();
    assertThat(entries.findValuesAsText("repository")).contains("acme/shop");
  }

  @Test
  void audit_export_writes_csv_to_the_output_file() throws IOException {
    Path file = out.resolve("audit.csv");

    Cli.Run run =
        Cli.run(
            "audit",
            "export",
            "--state-url",
            state,
            "--format",
            "csv",
            "--output",
            file.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(Files.readString(file))
        .as("the CSV header, then the entry")
        .startsWith("seq,time,event,repository")
        .contains("acme/shop")
        .contains("bob");
  }

  @Test
  void an_unknown_format_fails_with_one_line_naming_the_known_ones_and_writes_nothing() {
    Path file = out.resolve("audit.xml");

    Cli.Run run =
        Cli.run(
            "audit",
            "export",
            "--state-url",
            state,
            "--format",
            "xml",
            "--output",
            file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown --format 'xml' for audit export: use json or csv");
    assertThat(file).doesNotExist();
  }

  @Test
  void doctor_writes_json_per_environment_to_the_output_file() throws IOException {
    Path file = out.resolve("doctor.json");

    Cli.Run run =
        Cli.run(
            "doctor",
            "--repo",
            repo.toString(),
            "--url",
            db,
            "--format",
            "json",
            "--output",
            file.toString());

    assertThat(run.exitCode()).as("the embedded superuser is a warning: %s", run).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    JsonNode envs = JSON.readTree(file.toFile()).get("environments");
    assertThat(envs).as(run.toString()).hasSize(1);
    assertThat(envs.get(0).get("warnings").toString()).contains("superuser");
    assertThat(envs.get(0).get("details").toString()).contains("superuser=true");
  }

  @Test
  void doctor_with_an_output_in_a_missing_directory_fails_before_connecting() {
    Path file = out.resolve("no/such/dir/doctor.txt");

    Cli.Run run =
        Cli.run(
            "doctor",
            "--repo",
            repo.toString(),
            "--url",
            "jdbc:postgresql://127.0.0.1:1/none",
            "--output",
            file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .as("the path is checked first, not the unreachable server")
        .contains("does not exist")
        .doesNotContain("connect");
    assertThat(file).doesNotExist();
  }
}
