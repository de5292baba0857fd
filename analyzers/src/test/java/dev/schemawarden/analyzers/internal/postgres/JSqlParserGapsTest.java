package dev.schemawarden.analyzers.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.SqlStatement.ParsedBy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PostgreSQL forms JSqlParser 5.4 rejects (DESIGN.md) still classify, through the engine's classifier. */
class JSqlParserGapsTest {
  private final PostgresSqlParser parser = new PostgresSqlParser(true);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SET lock_timeout TO '3s'",
        "DROP INDEX CONCURRENTLY IF EXISTS orders_code_idx",
        "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID",
        "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_idx",
        "DO $$ BEGIN RAISE NOTICE 'x'; END $$",
        "CREATE SEQUENCE IF NOT EXISTS order_seq",
        "VACUUM (ANALYZE) orders",
        "CLUSTER orders USING orders_pk",
        "REINDEX INDEX CONCURRENTLY orders_code_idx",
        "TRUNCATE orders RESTART IDENTITY",
        "TRUNCATE TABLE ONLY a, b RESTART IDENTITY CASCADE",
      })
  void jsqlparser_failures_are_classified_by_the_classifier(String sql) {
    List<SqlStatement> st = parser.parse("x.sql", sql + ";\nSELECT 1;").statements();
    assertThat(st).as("the statement after the failure is not lost").hasSize(2);
    assertThat(st.get(0).change()).isNotInstanceOf(Change.Unknown.class);
    assertThat(st.get(0).parsedBy()).isEqualTo(ParsedBy.CLASSIFIER);
    assertThat(st.get(0).parseError())
        .as("JSqlParser's error is kept for SQL000-style reporting")
        .isPresent();
    assertThat(st.get(1).parsedBy()).isEqualTo(ParsedBy.JSQLPARSER);
  }
}
