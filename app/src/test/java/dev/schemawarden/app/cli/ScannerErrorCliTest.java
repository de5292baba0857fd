package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unterminated dollar quote, string or comment blocks `warden lint` and `warden review`, production wiring. */
class ScannerErrorCliTest {
  @TempDir Path tmp;

  private static final String OPEN_DOLLAR_QUOTE =
      """
      CREATE TABLE refunds (id bigint PRIMARY KEY);
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN NEW.updated_at = now(); RETURN NEW; END;
      DROP TABLE customers;
      """;

  @Test
  void lint_exits_1_with_sql000_at_the_line_where_the_dollar_quote_opens() throws Exception {
    Path f = tmp.resolve("V3__touch.sql");
    Files.writeString(f, OPEN_DOLLAR_QUOTE);

    Cli.Run run = Cli.run("lint", f.toString());

    assertThat(run.exitCode())
        .as("a file the scanner cannot close must not pass: " + run)
        .isEqualTo(1);
    assertThat(run.out())
        .as(run.toString())
        .contains(f + ":2:61: error SQL000")
        .contains("unterminated dollar-quoted string $fn$ starting here: close it with $fn$")
        .as("the statement before it is still counted")
        .contains("2 statements");
  }

  @Test
  void lint_exits_0_once_the_quote_is_closed() throws Exception {
    Path f = tmp.resolve("V3__touch.sql");
    Files.writeString(
        f,
        OPEN_DOLLAR_QUOTE
            .replace("END;\n", "END;\n$fn$;\n")
            .replace("DROP TABLE customers;\n", ""));

    Cli.Run run = Cli.run("lint", f.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void review_without_trace_exits_1_on_an_unterminated_comment() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base/db/migration"));
    Path head = Files.createDirectories(tmp.resolve("head/db/migration"));
    for (Path dir : new Path[] {base, head}) {
      Files.writeString(
          dir.resolve("V1__customers.sql"), "CREATE TABLE customers (id bigint PRIMARY KEY);\n");
    }
    Files.writeString(
        head.resolve("V2__notes.sql"),
        "ALTER TABLE customers ADD COLUMN note text;\n/* TODO: drop later\nDROP TABLE customers;\n");

    Cli.Run run =
        Cli.run(
            "review",
            "--repo",
            tmp.resolve("head").toString(),
            "--base-dir",
            tmp.resolve("base").toString(),
            "--no-trace");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("db/migration/V2__notes.sql:2:1: error SQL000")
        .contains("unterminated /* comment starting here: close it with */")
        .contains("BLOCKED");
  }
}
