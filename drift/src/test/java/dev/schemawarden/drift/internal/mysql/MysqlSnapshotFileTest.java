package dev.schemawarden.drift.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.Snapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The snapshot file of a MySQL/MariaDB database, without a server: a file is repository content in a review, so
 * one that claims MariaDB with hostile names is read and reported safely, and one that names no known engine is
 * one clear error.
 */
class MysqlSnapshotFileTest {

  private static String snapshot(String engine, String schema, String table, String column) {
    return """
        {"format_version": 1, "engine": "%s", "taken_at": "2026-12-01T00:00:00Z",
         "server": {"version": "11.4.5-MariaDB", "version_num": 110405, "settings": {"database": %s}},
         "schemas": [{"name": %s, "owner": ""}],
         "tables": [{"schema": %s, "name": %s, "kind": "table", "persistence": "permanent", "owner": "",
                     "columns": [{"name": %s, "type": "int(11)", "not_null": true}]}]}
        """
        .formatted(engine, json(schema), json(schema), json(schema), json(table), json(column));
  }

  private static String json(String s) {
    return "\""
        + s.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\u202e", "\\u202e")
        + "\"";
  }

  @Test
  void
      a_mariadb_snapshot_with_backticks_quotes_and_line_breaks_in_names_reads_back_and_diffs_on_one_line() {
    String odd = "o`rders\n| 9 | forged \"x' \u202e";
    SchemaSnapshot production = Snapshots.fromJson(snapshot("mariadb", "sh`op", odd, "c\r\nd"));
    SchemaSnapshot expected =
        Snapshots.fromJson(snapshot("mariadb", "warden_r_0a1b", "orders", "id"));

    List<DriftItem> drift = Snapshots.diff(expected, production);

    assertThat(production.engine()).isEqualTo("mariadb");
    assertThat(production.tables().get(0).name()).as("names are data, kept exactly").isEqualTo(odd);
    assertThat(Snapshots.fromJson(Snapshots.toJson(production)))
        .as("written and read back")
        .isEqualTo(production);
    assertThat(drift)
        .extracting(DriftItem::kind, DriftItem::object)
        .as("the sandbox database is compared as sh`op")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("extra", "sh`op." + odd),
            org.assertj.core.groups.Tuple.tuple("missing", "sh`op.orders"));
    assertThat(drift)
        .extracting(DriftItem::message)
        .as("a message is one line with its controls escaped")
        .allMatch(m -> m.lines().count() == 1)
        .allMatch(m -> !m.contains("\u202e"))
        .anyMatch(m -> m.contains("o`rders\\n| 9 | forged \"x' \\u202e"));
  }

  @Test
  void a_snapshot_naming_an_unknown_engine_is_one_line_naming_the_fix() {
    assertThatThrownBy(() -> Snapshots.fromJson(snapshot("oracle", "s", "t", "c")))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("engine oracle is not one of [postgresql, mysql, mariadb]")
        .hasMessageContaining("take the snapshot again with warden snapshot")
        .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
  }

  @Test
  void a_snapshot_written_before_engines_is_postgresql_and_is_never_renamed() {
    String old = snapshot("x", "public", "t", "c").replace("\"engine\": \"x\", ", "");
    SchemaSnapshot pg = Snapshots.fromJson(old);

    assertThat(pg.engine()).isEqualTo("postgresql");
    assertThat(
            MysqlSnapshots.aligned(Snapshots.fromJson(old.replace("\"public\"", "\"other\"")), pg))
        .as("PostgreSQL schemas are compared by name, as before")
        .extracting(s -> s.schemas().get(0).name())
        .isEqualTo("other");
  }

  @Test
  void server_versions_are_numbered_as_mysql_and_mariadb_comments_number_them() {
    assertThat(MysqlIntrospector.versionNum("11.4.5-MariaDB-log")).isEqualTo(110405);
    assertThat(MysqlIntrospector.versionNum("8.0.36")).isEqualTo(80036);
    assertThat(MysqlIntrospector.versionNum("garbage")).isZero();
  }
}
