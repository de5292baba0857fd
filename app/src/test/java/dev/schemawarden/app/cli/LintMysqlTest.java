package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden lint --engine mysql|mariadb}: MySQL syntax is split and judged by the MY rules for its version. */
class LintMysqlTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static List<String> rules(Cli.Run run) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out()).get("findings")) {
      out.add(f.get("rule").asText() + "@" + f.get("line").asText());
    }
    return out;
  }

  @Test
  void engine_and_version_on_the_command_line_choose_the_mysql_rules() throws Exception {
    Path sql =
        Files.writeString(
            tmp.resolve("V2__orders.sql"),
            """
        DELIMITER $$
        CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW BEGIN
          UPDATE stats SET n = n + 1;
        END$$
        DELIMITER ;
        ALTER TABLE orders ADD COLUMN note TEXT AFTER id;
        """);

    Cli.Run old =
        Cli.run(
            "lint",
            "--engine",
            "mysql",
            "--engine-version",
            "8.0.28",
            "--format",
            "json",
            sql.toString());
    Cli.Run current =
        Cli.run("lint", "--engine", "jdbc:mysql://db/app", "--format", "json", sql.toString());

    assertThat(rules(old))
        .as("8.0.28 rebuilds for AFTER; the trigger body is one statement: %s", old)
        .contains("MY102@6", "MY103@6", "MY104@6")
        .noneMatch(r -> r.startsWith("SQL0") || r.startsWith("LK"));
    assertThat(rules(current))
        .as("8.4 (the default) adds any position instantly: %s", current)
        .doesNotContain("MY102@6");
  }

  @Test
  void an_unknown_engine_is_one_line_naming_the_engines() throws Exception {
    Path sql = Files.writeString(tmp.resolve("a.sql"), "SELECT 1;\n");
    Cli.Run run = Cli.run("lint", "--engine", "oracle", sql.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown database engine 'oracle'")
        .contains("mysql")
        .doesNotContain("\tat ");
  }
}
