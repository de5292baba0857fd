package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.watch.MigrationPlanner;
import dev.schemawarden.app.watch.PlannedMigration;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden diagnose --url jdbc:mariadb://…} end to end through the CLI on a real MariaDB with
 * performance_schema on, and the fix of a hostile-named index planned as the repository's next Flyway migration
 * for {@code engine: mariadb}: the file name is the slug, the SQL keeps the quoted names and parses back whole.
 */
class DiagnoseMysqlCommandTest {
  static final String TABLE = "t`ab\nle */ x";
  static final String INDEX = "i`dx */\n-- DROP TABLE victim";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedMariadb maria;
  private static String url;
  @TempDir Path tmp;

  @BeforeAll
  static void production() throws Exception {
    maria = EmbeddedMariadb.shared();
    String t = "`" + TABLE.replace("`", "``") + "`";
    try (Connection c = maria.connect("shop");
        Statement st = c.createStatement()) {
      for (String sql :
          List.of(
              "CREATE TABLE orders (id INT PRIMARY KEY AUTO_INCREMENT, note VARCHAR(40),"
                  + " KEY orders_note_idx (note))",
              "INSERT INTO orders (note) VALUES ('a'), ('b')",
              "CREATE TABLE "
                  + t
                  + " (id INT PRIMARY KEY, v INT, KEY a_keep_idx (v), KEY `"
                  + INDEX.replace("`", "``")
                  + "` (v))",
              "INSERT INTO " + t + " VALUES (1, 1), (2, 2)")) {
        st.execute(sql);
      }
    }
    String admin = maria.adminUrl();
    url = admin.substring(0, admin.indexOf("/?")) + "/shop?user=root";
  }

  @AfterAll
  static void stop() throws Exception {
    try (Connection c = maria.connect("mysql");
        Statement st = c.createStatement()) {
      st.execute(
          "DROP DATABASE IF EXISTS shop"); // the server is shared by the JVM's other MySQL test
      // classes
    }
  }

  private static List<String> ids(JsonNode report) {
    List<String> out = new ArrayList<>();
    report
        .get("problems")
        .forEach(p -> out.add(p.get("id").asText() + " " + p.get("object").asText()));
    return out;
  }

  @Test
  void diagnose_json_on_mariadb_names_the_checks_objects_and_online_fixes() throws Exception {
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
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("server_version").asText()).containsIgnoringCase("mariadb");
    assertThat(ids(report))
        .contains(
            "DG101 shop.orders.orders_note_idx",
            "DG102 shop.`t``ab\\nle */ x`.`i``dx */\\n-- DROP TABLE victim`");
    JsonNode unused =
        report.get("problems").findParents("id").stream()
            .filter(p -> p.get("key").asText().equals("DG101 shop.orders.orders_note_idx"))
            .findFirst()
            .orElseThrow();
    assertThat(unused.get("fix").get("sql").asText())
        .isEqualTo(
            "SET SESSION lock_wait_timeout = 5;\n"
                + "ALTER TABLE `shop`.`orders` DROP INDEX `orders_note_idx`, ALGORITHM=INPLACE, LOCK=NONE;\n");
    assertThat(report.get("observed_seconds").asLong())
        .as("the server's uptime is the window")
        .isPositive();
  }

  @Test
  void a_hostile_named_fix_becomes_a_flyway_migration_named_by_its_slug() throws Exception {
    Diagnosis d;
    try (Connection c = DriverManager.getConnection(url)) {
      d = Diagnoses.run(c, DiagnoseSettings.defaults().withWindow(Duration.ZERO));
    }
    Problem dup =
        d.problems().stream().filter(p -> p.check().equals("DG102")).findFirst().orElseThrow();
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("db/migration"));
    Files.writeString(
        repo.resolve("db/migration/V1__init.sql"), "CREATE TABLE orders (id INT PRIMARY KEY);\n");
    DatabaseEngine mariadb = Engines.forName("mariadb");
    PlannedMigration m =
        MigrationPlanner.plan(
                repo,
                MigrationSettings.defaults(),
                mariadb.parser(),
                dup,
                Instant.parse("2026-12-03T02:00:00Z"),
                Set.of())
            .orElseThrow();
    assertThat(m.files())
        .extracting(PlannedMigration.File::path)
        .as("the name is the slug: [a-z0-9_] only")
        .containsExactly(
            "db/migration/V2__warden_dg102_shop_t_ab_nle_x_i_dx_n_drop_table_victim.sql");
    String content = m.files().get(0).content();
    assertThat(content)
        .contains(
            "ALTER TABLE `shop`.`t``ab\nle */ x` DROP INDEX `i``dx */\n-- DROP TABLE victim`,"
                + " ALGORITHM=INPLACE, LOCK=NONE;");
    assertThat(mariadb.parser().parse("V2.sql", content).statements())
        .extracting(SqlStatement::sql)
        .as("the MySQL splitter reads the SET and the whole ALTER, the names inside their quotes")
        .hasSize(2)
        .last()
        .asString()
        .contains("-- DROP TABLE victim`, ALGORITHM=INPLACE");
  }
}
