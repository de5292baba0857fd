package dev.schemawarden.analyzers.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MY rules judge by engine and exact version. Versions and what they allow are from MySQL's "Online DDL
 * Operations" (dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html, 8.4 likewise) and MariaDB's
 * "InnoDB Online DDL Operations with the INSTANT Alter Algorithm" (mariadb.com/kb).
 */
class MysqlRulesTest {

  private static List<Finding> lint(String engine, String version, String sql) {
    String text =
        "-- engine: "
            + engine
            + "\n-- engine-version: "
            + version
            + "\n"
            + "SET SESSION lock_wait_timeout = 5;\n"
            + sql;
    return Fixtures.lint(Fixtures.engineOf(text), "V1__t.sql", text);
  }

  private static List<String> ids(List<Finding> findings, String prefix) {
    return findings.stream().map(Finding::rule).filter(r -> r.startsWith(prefix)).toList();
  }

  @Nested
  class Instant_add_column_by_version {
    @ParameterizedTest(name = "{0} {1}: AFTER rebuilds = {2}")
    @CsvSource({
      "mysql,8.0.28,true",
      "mysql,8.0.29,false",
      "mysql,8.4,false",
      "mariadb,10.3,true",
      "mariadb,10.4,false",
      "mariadb,10.6,false",
      "mariadb,10.11,false",
      "mysql,8.0.11,false"
    })
    void add_column_after_is_instant_from_8_0_29_and_mariadb_10_4(
        String engine, String version, boolean rebuild) {
      List<Finding> f = lint(engine, version, "ALTER TABLE orders ADD COLUMN note TEXT AFTER id;");
      assertThat(ids(f, "MY102")).as("%s %s: %s", engine, version, f).hasSize(rebuild ? 1 : 0);
      assertThat(ids(f, "MY101")).as("a rebuild in place does not block writes").isEmpty();
    }

    @Test
    void the_fix_adds_the_column_last() {
      Finding f =
          lint(
                  "mysql",
                  "8.0.28",
                  "ALTER TABLE orders ADD COLUMN note TEXT AFTER id, ALGORITHM=INPLACE;")
              .stream()
              .filter(x -> x.rule().equals("MY102"))
              .findFirst()
              .orElseThrow();
      assertThat(f.fixes().get(0).sql())
          .isEqualTo("ALTER TABLE orders ADD COLUMN note TEXT, ALGORITHM=INPLACE;");
      assertThat(f.message()).contains("MySQL 8.0.28").contains("before MySQL 8.0.29");
    }
  }

  @Nested
  class Explicit_algorithm_and_lock {
    @ParameterizedTest(name = "{0} {1}: {2} refused = {3}")
    @CsvSource(
        delimiter = '|',
        value = {
          "mysql|8.0.28|ALTER TABLE orders DROP COLUMN legacy, ALGORITHM=INSTANT|true",
          "mysql|8.0.29|ALTER TABLE orders DROP COLUMN legacy, ALGORITHM=INSTANT|false",
          "mariadb|10.4|ALTER TABLE orders DROP COLUMN legacy, ALGORITHM=INSTANT|false",
          "mariadb|10.6|ALTER TABLE orders ADD INDEX ix (a), ALGORITHM=NOCOPY, LOCK=NONE|false",
          "mysql|8.4|ALTER TABLE orders ADD INDEX ix (a), ALGORITHM=NOCOPY|true",
          "mariadb|11.4|ALTER TABLE orders ADD COLUMN note TEXT, ALGORITHM=INSTANT, LOCK=NONE|false",
          "mysql|8.4|ALTER TABLE orders ADD COLUMN note TEXT, ALGORITHM=INSTANT, LOCK=DEFAULT|false",
          "mysql|8.4|ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4, LOCK=NONE|true",
          "mysql|8.4|ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES c (id), ALGORITHM=INPLACE|true"
        })
    void what_the_server_refuses_is_reported(
        String engine, String version, String sql, boolean refused) {
      List<Finding> f = lint(engine, version, sql + ";");
      assertThat(ids(f, "MY105"))
          .as("%s %s %s: %s", engine, version, sql, f)
          .hasSize(refused ? 1 : 0);
    }

    @Test
    void foreign_key_checks_off_makes_inplace_possible_for_a_foreign_key() {
      List<Finding> f =
          lint(
              "mysql",
              "8.4",
              "SET foreign_key_checks = 0;\n"
                  + "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES c (id), ALGORITHM=INPLACE, LOCK=NONE;");
      assertThat(ids(f, "MY10")).as("%s", f).doesNotContain("MY105", "MY101");
    }
  }

  @Nested
  class Copies_and_locks {
    @Test
    void a_copy_names_the_table_the_algorithm_and_the_reason_and_offers_gh_ost() {
      Finding f =
          lint("mariadb", "10.11", "ALTER TABLE shop.orders MODIFY total DECIMAL(12,2) NOT NULL;")
              .stream()
              .filter(x -> x.rule().equals("MY101"))
              .findFirst()
              .orElseThrow();
      assertThat(f.message())
          .contains("`shop.orders` gets ALGORITHM=COPY with LOCK=SHARED")
          .contains("MariaDB 10.11");
      assertThat(f.fixes())
          .extracting(x -> x.sql())
          .anyMatch(
              sql ->
                  sql.contains(
                      "gh-ost --table=orders"
                          + " --alter=\"MODIFY total DECIMAL(12,2) NOT NULL\""));
    }

    @Test
    void lock_wait_timeout_is_asked_for_once_and_not_for_new_tables() {
      String sql =
          "-- engine: mysql\nCREATE TABLE w (id INT);\nALTER TABLE w ADD COLUMN a INT;\n"
              + "ALTER TABLE orders ADD COLUMN a INT;\nALTER TABLE orders ADD COLUMN b INT;\n";
      List<Finding> f = Fixtures.lint(Fixtures.engineOf(sql), "V1__t.sql", sql);
      assertThat(f.stream().filter(x -> x.rule().equals("MY103")).map(x -> x.span().line()))
          .as("once, at the first existing table")
          .containsExactly(4);
    }

    @Test
    void postgres_rules_stay_out_of_mysql_migrations_and_mysql_rules_out_of_postgres() {
      String sql = "ALTER TABLE orders ADD COLUMN a INT;\nALTER TABLE orders MODIFY b BIGINT;\n";
      assertThat(ids(lint("mysql", "8.4", sql), "LK"))
          .as("no PostgreSQL lock rule on MySQL")
          .isEmpty();
      assertThat(
              Fixtures.lint(
                  Fixtures.postgres(),
                  "V1__t.sql",
                  "ALTER TABLE orders ALTER COLUMN b TYPE bigint;"))
          .extracting(Finding::rule)
          .noneMatch(r -> r.startsWith("MY"));
    }
  }

  @Test
  void utf8mb3_is_reported_with_a_utf8mb4_rewrite_both_servers_have() {
    Finding f =
        lint(
                "mariadb",
                "10.11",
                "CREATE TABLE t (b TEXT CHARACTER SET utf8 COLLATE utf8_general_ci);")
            .stream()
            .filter(x -> x.rule().equals("MY108"))
            .findFirst()
            .orElseThrow();
    assertThat(f.fixes().get(0).sql())
        .as("utf8mb4_unicode_ci exists on MySQL and MariaDB")
        .isEqualTo("CREATE TABLE t (b TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci);");
  }
}
