package dev.schemawarden.analyzers.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ChangeKind;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.SqlParser.ParsedSql;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MysqlSqlParserTest {

  private static ParsedSql parse(String sql) {
    return Engines.forName("mysql").parser().parse("V1__t.sql", sql);
  }

  private static List<String> sqls(ParsedSql p) {
    return p.statements().stream().map(SqlStatement::sql).toList();
  }

  @Nested
  class Engines_are_found {
    @ParameterizedTest
    @CsvSource({
      "mysql,mysql",
      "MySQL,mysql",
      "jdbc:mysql://db:3306/app,mysql",
      "mariadb,mariadb",
      "jdbc:mariadb://db/app,mariadb",
      "postgresql,postgres"
    })
    void by_name_or_jdbc_url(String name, String id) {
      assertThat(Engines.forName(name).id()).as("engine for %s", name).isEqualTo(id);
    }

    @Test
    void each_flavor_defaults_to_its_newest_long_term_release() {
      assertThat(Engines.forName("mysql").defaultVersion()).as("MySQL 8.4 LTS").hasToString("8.4");
      assertThat(Engines.forName("mariadb").defaultVersion())
          .as("MariaDB 11.4 LTS")
          .hasToString("11.4");
    }
  }

  @Nested
  class Splitting {
    @Test
    void comments_quotes_and_backticks_hide_semicolons_and_lines_are_exact() {
      ParsedSql p =
          parse(
              """
          # hash comment; not a statement
          CREATE TABLE `we;ird` (id INT); -- dash comment; still a comment
          INSERT INTO t VALUES ('it\\'s; fine', "dq ""; here");
          SELECT 1 --1;
          /* block; comment */ UPDATE t SET a = 1 WHERE id = 2;
          """);
      assertThat(sqls(p))
          .as("four statements, none split inside quotes or comments")
          .containsExactly(
              "CREATE TABLE `we;ird` (id INT)",
              "INSERT INTO t VALUES ('it\\'s; fine', \"dq \"\"; here\")",
              "SELECT 1 --1",
              "UPDATE t SET a = 1 WHERE id = 2");
      assertThat(p.statements())
          .extracting(SqlStatement::line)
          .as("lines")
          .containsExactly(2, 3, 4, 5);
      assertThat(p.statements().get(3).span().column())
          .as("the UPDATE starts after the comment")
          .isEqualTo(22);
      assertThat(p.comments()).as("#, -- and /* */ comments are kept for directives").hasSize(3);
    }

    @Test
    void delimiter_lines_change_the_terminator_and_are_not_statements() {
      ParsedSql p =
          parse(
              """
          DELIMITER $$
          CREATE PROCEDURE p()
          BEGIN
            UPDATE t SET a = 1;
            SELECT 2;
          END$$
          DELIMITER ;
          CALL p();
          """);
      assertThat(sqls(p)).hasSize(2);
      assertThat(p.statements().get(0).change())
          .as("the routine is one statement")
          .isInstanceOf(Change.Other.class)
          .hasFieldOrPropertyWithValue("keywords", "CREATE PROCEDURE");
      assertThat(p.statements().get(0).span().endLine()).isEqualTo(6);
      assertThat(p.statements().get(1).line()).isEqualTo(8);
    }

    @Test
    void mysqldump_triggers_with_double_semicolon_delimiter_and_executable_comments() {
      ParsedSql p =
          parse(
              """
          /*!40101 SET NAMES utf8mb4 */;
          DELIMITER ;;
          /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN
            SET NEW.a = 1;
          END */;;
          DELIMITER ;
          /*!50001 CREATE ALGORITHM=UNDEFINED */
          /*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
          /*!50001 VIEW `v` AS select 1 AS `a` */;
          """);
      assertThat(p.statements())
          .extracting(s -> ChangeKind.of(s.change()))
          .as("kinds")
          .containsExactly(ChangeKind.SET_PARAMETER, ChangeKind.OTHER, ChangeKind.CREATE_VIEW);
      assertThat(((Change.Other) p.statements().get(1).change()).keywords())
          .isEqualTo("CREATE TRIGGER");
      assertThat(((Change.CreateView) p.statements().get(2).change()).name().name()).isEqualTo("v");
      assertThat(p.statements()).extracting(SqlStatement::line).containsExactly(1, 3, 7);
    }

    @Test
    void a_routine_under_the_default_delimiter_stays_whole_through_nested_blocks() {
      ParsedSql p =
          parse(
              """
          CREATE DEFINER=CURRENT_USER FUNCTION f(x INT) RETURNS INT DETERMINISTIC
          BEGIN
            DECLARE r INT;
            IF x > 0 THEN SET r = CASE WHEN x > 9 THEN 2 ELSE 1 END; END IF;
            CASE x WHEN 1 THEN SET r = 3; ELSE BEGIN SET r = 4; END; END CASE;
            WHILE r < 10 DO SET r = r + 1; END WHILE;
            RETURN r;
          END;
          SELECT f(1);
          """);
      assertThat(sqls(p)).as("the function, then the SELECT").hasSize(2);
      assertThat(p.statements().get(1).line()).isEqualTo(9);
    }
  }

  @Nested
  class Hostile_input {
    @Test
    void an_unterminated_string_runs_to_the_end_and_says_where_it_opened() {
      ParsedSql p = parse("SELECT 1;\nINSERT INTO t VALUES ('never closed);\nDROP TABLE t;\n");
      assertThat(p.statements()).hasSize(2);
      SqlStatement last = p.statements().get(1);
      assertThat(last.scanError()).as("the open quote is reported").isPresent();
      assertThat(last.scanError().get().line()).isEqualTo(2);
      assertThat(last.scanError().get().column()).isEqualTo(23);
      assertThat(last.sql())
          .as("nothing dropped: the DROP is inside the open string")
          .contains("DROP TABLE t");
    }

    @Test
    void unterminated_comment_backtick_executable_comment_and_begin_are_each_reported() {
      assertThat(parse("SELECT 1; /* open").statements().get(1).scanError()).isPresent();
      assertThat(parse("SELECT `open;").statements().get(0).scanError()).isPresent();
      assertThat(parse("/*!50001 CREATE VIEW v AS SELECT 1;").statements().get(0).scanError())
          .isPresent();
      SqlStatement routine =
          parse("CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2;").statements().get(0);
      assertThat(routine.scanError()).as("BEGIN never closed").isPresent();
      assertThat(routine.scanError().get().message()).contains("BEGIN");
    }

    @Test
    void a_bad_delimiter_line_is_kept_and_unclassified_and_the_old_delimiter_stays() {
      ParsedSql p = parse("DELIMITER\nSELECT 1;\nDELIMITER \\\\\nSELECT 2;\n");
      assertThat(p.statements())
          .extracting(s -> ChangeKind.of(s.change()))
          .containsExactly(
              ChangeKind.UNKNOWN,
              ChangeKind.DATA_CHANGE,
              ChangeKind.UNKNOWN,
              ChangeKind.DATA_CHANGE);
      assertThat(((Change.Unknown) p.statements().get(0).change()).reason())
          .contains("DELIMITER $$");
    }

    @Test
    void delimiter_games_a_word_delimiter_and_a_delimiter_inside_a_string() {
      ParsedSql p = parse("DELIMITER go\nSELECT 'go' go SELECT 2 go\nDELIMITER ;\nSELECT 3;");
      assertThat(sqls(p)).containsExactly("SELECT 'go'", "SELECT 2", "SELECT 3");
    }

    @Test
    @Timeout(
        60) // about 3 s idle; quadratic splitting of these inputs would take hours, so a loaded CI
    // box may not fail it
    void huge_input_splits_in_linear_time() {
      String many = "INSERT INTO t VALUES (1, 'a;b', `c`); # note\n".repeat(100_000);
      assertThat(parse(many).statements()).hasSize(100_000);
      String open = "SELECT '" + "x".repeat(5_000_000);
      assertThat(parse(open).statements()).hasSize(1);
      String begins = "CREATE PROCEDURE p() " + "BEGIN ".repeat(200_000);
      assertThat(parse(begins).statements().get(0).scanError()).isPresent();
    }
  }

  @Nested
  class Classification {
    @Test
    void alter_table_maps_onto_the_change_model() {
      Change c =
          parse(
                  "ALTER TABLE `shop`.`orders` ADD COLUMN note VARCHAR(20) NOT NULL DEFAULT '' AFTER id,"
                      + " DROP COLUMN old, CHANGE a b INT, MODIFY c ENUM('x','y'), ALGORITHM=INPLACE, LOCK=NONE")
              .statements()
              .get(0)
              .change();
      assertThat(c).isInstanceOf(Change.AlterTable.class);
      Change.AlterTable at = (Change.AlterTable) c;
      assertThat(at.table().schema()).contains("shop");
      assertThat(at.actions())
          .extracting(a -> a.getClass().getSimpleName())
          .containsExactly(
              "AddColumn",
              "DropColumn",
              "RenameColumn",
              "AlterColumnType",
              "AlterColumnType",
              "Other",
              "Other");
      assertThat(((AlterAction.AddColumn) at.actions().get(0)).column().notNull()).isTrue();
      MysqlAlter alter =
          MysqlClassifier.alter(
                  parse("ALTER TABLE t ADD x INT FIRST, ALGORITHM = instant")
                      .statements()
                      .get(0)
                      .sql())
              .orElseThrow();
      assertThat(alter.algorithm()).contains("INSTANT");
      assertThat(alter.clauses().get(0).column().orElseThrow().position()).contains("first");
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY AUTO_INCREMENT) ENGINE=InnoDB|CREATE_TABLE",
          "CREATE UNIQUE INDEX ix ON t (a) ALGORITHM=INPLACE LOCK=NONE|CREATE_INDEX",
          "DROP INDEX ix ON t|DROP",
          "DROP TABLE IF EXISTS a, b|DROP",
          "RENAME TABLE a TO b|ALTER_TABLE",
          "TRUNCATE TABLE t|TRUNCATE",
          "REPLACE INTO t VALUES (1)|DATA_CHANGE",
          "DELETE FROM t|DATA_CHANGE",
          "LOAD DATA INFILE 'x' INTO TABLE t|DATA_CHANGE",
          "SET SESSION lock_wait_timeout = 5|SET_PARAMETER",
          "SET @@foreign_key_checks = 0|SET_PARAMETER",
          "START TRANSACTION|TRANSACTION",
          "GRANT SELECT ON db.* TO 'u'@'%'|PRIVILEGE_CHANGE",
          "CREATE USER 'u'@'%' IDENTIFIED BY 'p'|PRIVILEGE_CHANGE",
          "USE app|OTHER",
          "LOCK TABLES t WRITE|OTHER",
          "OPTIMIZE TABLE t|OTHER",
          "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t|OTHER",
          "DROP EVENT IF EXISTS e|OTHER",
          "ALTER VIEW v AS SELECT 1|OTHER",
          "ALTER DATABASE app CHARACTER SET utf8mb4|OTHER",
          "FROBNICATE everything|UNKNOWN"
        })
    void every_statement_gets_a_kind(String sql, ChangeKind kind) {
      assertThat(ChangeKind.of(parse(sql).statements().get(0).change())).as(sql).isEqualTo(kind);
    }

    @Test
    void set_reads_every_assignment() {
      assertThat(
              MysqlClassifier.assignments(
                  "SET SESSION lock_wait_timeout = 5, @@session.foreign_key_checks=0"))
          .containsEntry("lock_wait_timeout", "5")
          .containsEntry("foreign_key_checks", "0");
    }
  }
}
