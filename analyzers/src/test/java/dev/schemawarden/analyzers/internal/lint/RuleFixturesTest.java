package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one fixture test: for every folder {@code rules/<ID>/}, {@code bad.sql} gets an {@code <ID>} finding exactly on
 * each statement marked {@code -- expect: <ID>} and nowhere else, and {@code good.sql} gets none.
 */
class RuleFixturesTest {

  static Stream<String> ruleIds() throws IOException {
    try (Stream<Path> dirs = Files.list(Fixtures.rulesDir())) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleIds")
  void bad_sql_reports_the_marked_statements_and_good_sql_reports_nothing(String id) {
    Path dir = Fixtures.rulesDir().resolve(id);

    String badPath = "rules/" + id + "/bad.sql";
    String bad = Fixtures.read(dir.resolve("bad.sql"));
    DatabaseEngine engine = Fixtures.engineOf(bad);
    Migration badMigration = Fixtures.migration(engine, badPath, bad);
    List<String> expected = Fixtures.expectations(badMigration, bad);
    assertThat(expected)
        .as("bad.sql must mark at least one statement with -- expect: " + id)
        .isNotEmpty();
    assertThat(expected)
        .as("bad.sql may only expect its own rule " + id)
        .allMatch(e -> e.startsWith(id + "@"));

    List<Finding> badFindings = Fixtures.lint(engine, badPath, bad);
    assertThat(
            badFindings.stream()
                .filter(f -> f.rule().equals(id))
                .map(f -> id + "@" + f.span().line()))
        .as("%s findings in bad.sql (id@line); all findings: %s", id, describe(badFindings))
        .containsExactlyElementsOf(expected);

    String goodPath = "rules/" + id + "/good.sql";
    String good = Fixtures.read(dir.resolve("good.sql"));
    assertThat(Fixtures.engineOf(good).id())
        .as("good.sql is for the engine bad.sql is for")
        .isEqualTo(engine.id());
    List<Finding> goodFindings = Fixtures.lint(engine, goodPath, good);
    assertThat(goodFindings)
        .as("good.sql must not trigger %s", id)
        .noneMatch(f -> f.rule().equals(id));

    assertThat(Stream.concat(badFindings.stream(), goodFindings.stream()))
        .as("no rule may crash on the fixtures")
        .noneMatch(f -> f.rule().equals(SystemRules.INTERNAL.id()));
  }

  private static List<String> describe(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.rule() + "@" + f.span().line() + " " + f.message())
        .toList();
  }
}
