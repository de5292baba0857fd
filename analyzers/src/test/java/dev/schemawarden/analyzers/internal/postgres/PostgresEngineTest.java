package dev.schemawarden.analyzers.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.SqlParser.ParsedSql;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.SqlStatement.ParsedBy;
import dev.schemawarden.analyzers.api.WardenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresEngineTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"postgres", "PostgreSQL", "jdbc:postgresql://db:5432/app", "postgres://u@h/db"})
  void engines_find_postgres_by_dialect_name_or_url(String name) {
    assertThat(Engines.forName(name)).isInstanceOf(PostgresEngine.class);
  }

  @Test
  void an_unknown_engine_is_a_config_error_naming_the_allowed_engines() {
    assertThatThrownBy(() -> Engines.forName("oracle"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("'oracle'")
        .hasMessageContaining("postgres")
        .extracting(e -> ((WardenException) e).code())
        .isEqualTo(ErrorCode.CONFIG);
  }

  @Test
  void the_parser_splits_classifies_and_places_every_statement() {
    DatabaseEngine engine = Engines.forName("postgres");
    ParsedSql parsed =
        engine
            .parser()
            .parse(
                "db/V1__init.sql",
                "-- warden:ignore LK101 ok\nCREATE INDEX CONCURRENTLY i ON t (a);\nVACUUM FULL t;\n\\connect other\nfoo bar;",
                3);
    assertThat(parsed.statements()).extracting(SqlStatement::index).containsExactly(0, 1, 2, 3);
    assertThat(parsed.statements().get(0).change()).isInstanceOf(Change.CreateIndex.class);
    assertThat(parsed.statements().get(0).span().toString()).isEqualTo("db/V1__init.sql:4:1");
    assertThat(parsed.statements().get(1).change())
        .isEqualTo(
            new Change.Vacuum(
                true, java.util.List.of(dev.schemawarden.analyzers.api.QualifiedName.of("t"))));
    assertThat(parsed.statements().get(2).change())
        .isEqualTo(new Change.MetaCommand("\\connect other"));
    assertThat(parsed.statements().get(3).change()).isInstanceOf(Change.Unknown.class);
    assertThat(parsed.statements().get(3).parsedBy()).isEqualTo(ParsedBy.NONE);
    assertThat(parsed.comments()).hasSize(1);
  }

  @Test
  void with_the_jsqlparser_probe_parsed_by_says_which_parser_understood_the_statement() {
    ParsedSql parsed =
        new PostgresEngine(true)
            .parser()
            .parse(
                "a.sql",
                "CREATE TABLE t (id int);\nALTER TABLE t ADD CONSTRAINT c CHECK (id > 0) NOT VALID;");
    assertThat(parsed.statements())
        .extracting(SqlStatement::parsedBy)
        .containsExactly(ParsedBy.JSQLPARSER, ParsedBy.CLASSIFIER);
    assertThat(parsed.statements().get(1).parseError())
        .as("JSqlParser's message is kept")
        .isPresent();
  }
}
