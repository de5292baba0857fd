package dev.schemawarden.app.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as people type them, on real PostgreSQL with an explicit state store. */
class ApplyCliTest {
  static TestPostgres pg;
  @TempDir Path repo;

  @BeforeAll
  static void start() {
    pg = new TestPostgres();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @Test
  void apply_audit_and_doctor_from_the_command_line() throws Exception {
    Files.writeString(
        repo.resolve(".schemawarden.yml"),
        "migrations:\n  tool: plain\n  locations: [migrations]\n");
    Files.createDirectories(repo.resolve("migrations"));
    Files.writeString(repo.resolve("migrations/001_t.sql"), "CREATE TABLE t (id int);\n");
    String db = pg.newDatabase("cli");
    String state =
        pg.newDatabase("clistate").replace("user=postgres", "user=postgres&password=s3cret");
    String sha = "c0ffee0000000000000000000000000000000000";

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
            sha,
            "--author",
            "alice",
            "--approved-by",
            "bob",
            "--repository",
            "acme/shop");
    assertThat(applied.exitCode()).as(applied.toString()).isZero();
    assertThat(applied.out()).contains("manual: applied").contains("CREATE TABLE t");
    assertThat(applied.err()).as("the embedded superuser is flagged").contains("superuser");

    Cli.Run again =
        Cli.run(
            "apply", "--repo", repo.toString(), "--url", db, "--state-url", state, "--sha", sha);
    assertThat(again.out()).contains("up to date");

    Cli.Run list = Cli.run("audit", "list", "--state-url", state, "--event", "applied");
    assertThat(list.out()).contains("applied").contains("acme/shop");
    Cli.Run csv = Cli.run("audit", "export", "--state-url", state, "--format", "csv");
    assertThat(csv.out()).startsWith("seq,time,event").contains("bob");
    Cli.Run show = Cli.run("audit", "show", "1", "--state-url", state);
    assertThat(show.out()).contains("\"rollback_plan\"").contains("DROP TABLE t");
    Cli.Run verify = Cli.run("audit", "verify", "--state-url", state);
    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).contains("ok: 1 entries verify");
    assertThat(list.out() + csv.out() + show.out() + verify.out() + applied.out() + applied.err())
        .doesNotContain("s3cret");

    Cli.Run doctor = Cli.run("doctor", "--repo", repo.toString(), "--url", db);
    assertThat(doctor.exitCode()).as("superuser is a warning").isEqualTo(1);
    assertThat(doctor.out()).contains("superuser=true").contains("schema public");
  }
}
