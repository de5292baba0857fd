package dev.schemawarden.replica.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.SchemaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay of a Liquibase history decides preconditions and {@code failOnError} as Liquibase update does: the
 * replayed schema equals the one Liquibase 4.33 itself builds from the same changelog.
 */
@Timeout(120)
class LiquibaseReplayTest {
  private static final String MASTER = "db/changelog/db.changelog-master.xml";

  @TempDir Path repo;

  private void changelog(String body) throws IOException {
    Path p = repo.resolve(MASTER);
    Files.createDirectories(p.getParent());
    Files.writeString(
        p,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.1.xsd">
        """
            + body
            + "</databaseChangeLog>\n");
  }

  private List<Migration> migrations() {
    return MigrationSources.forTool(MigrationTool.LIQUIBASE)
        .load(repo, MigrationSettings.defaults(), Engines.forName("postgres").parser());
  }

  private static List<String> tables(Connection c) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT table_name || coalesce('(' || (SELECT"
                    + " string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns k WHERE"
                    + " k.table_schema = t.table_schema AND k.table_name = t.table_name) || ')', '') FROM"
                    + " information_schema.tables t WHERE table_schema = current_schema() AND table_name NOT LIKE"
                    + " 'databasechangelog%' ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void preconditions_and_fail_on_error_decide_what_the_replay_runs_as_liquibase_update_decides()
      throws Exception {
    changelog(
        """
            <changeSet id="1" author="a"><createTable tableName="a"><column name="id" type="int"/></createTable></changeSet>
            <changeSet id="2" author="a">
                <preConditions onFail="MARK_RAN"><not><tableExists tableName="a"/></not></preConditions>
                <createTable tableName="a"><column name="other" type="int"/></createTable>
            </changeSet>
            <changeSet id="3" author="a">
                <preConditions onFail="CONTINUE"><sqlCheck expectedResult="1">select count(*) from a</sqlCheck></preConditions>
                <createTable tableName="skipped_by_continue"><column name="id" type="int"/></createTable>
            </changeSet>
            <changeSet id="4" author="a">
                <preConditions onFail="WARN"><tableExists tableName="b"/></preConditions>
                <createTable tableName="run_despite_warn"><column name="id" type="int"/></createTable>
            </changeSet>
            <changeSet id="5" author="a">
                <preConditions onFail="HALT" onError="MARK_RAN"><sqlCheck expectedResult="0">select count(*) from nowhere</sqlCheck></preConditions>
                <createTable tableName="skipped_on_error"><column name="id" type="int"/></createTable>
            </changeSet>
            <changeSet id="6" author="a" failOnError="false">
                <createTable tableName="rolled_back"><column name="id" type="int"/></createTable>
                <sql>ALTER TABLE missing ADD x int</sql>
            </changeSet>
            <changeSet id="7" author="a" failOnError="false" runInTransaction="false">
                <sql>CREATE TABLE kept (id int); ALTER TABLE missing ADD x int; CREATE TABLE never_reached (id int)</sql>
            </changeSet>
            <changeSet id="8" author="a">
                <preConditions onFail="MARK_RAN"><columnExists tableName="a" columnName="id"/></preConditions>
                <addColumn tableName="a"><column name="added" type="int"/></addColumn>
            </changeSet>
        """);

    List<String> liquibase;
    try (Replica empty =
            Replicas.provider(Replicas.Major.PRIMARY).create(new SchemaSource.SqlDump(""));
        Connection c = empty.connect();
        DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(repo)) {
      System.setProperty("liquibase.analytics.enabled", "false");
      Database db =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      Scope.child(
          Map.of(),
          () -> {
            @SuppressWarnings("deprecation")
            Liquibase lb = new Liquibase(MASTER, accessor, db);
            lb.update(new Contexts(), new LabelExpression());
          });
      liquibase = tables(c);
    }
    try (Replica replayed =
            Replicas.provider(Replicas.Major.PRIMARY)
                .create(new SchemaSource.MigrationHistory(migrations()));
        Connection c = replayed.connect()) {
      assertThat(tables(c))
          .as("the replayed schema is what Liquibase update builds")
          .isEqualTo(liquibase)
          .containsExactly("a(added,id)", "kept(id)", "run_despite_warn(id)");
    }
  }

  @Test
  void
      a_failing_precondition_with_on_fail_halt_stops_the_replay_naming_the_changesets_file_and_line()
          throws IOException {
    changelog(
        """
            <changeSet id="1" author="a"><createTable tableName="a"><column name="id" type="int"/></createTable></changeSet>
            <changeSet id="2" author="a">
                <preConditions><tableExists tableName="not_there"/></preConditions>
                <addColumn tableName="a"><column name="x" type="int"/></addColumn>
            </changeSet>
        """);

    assertThatThrownBy(
            () ->
                Replicas.provider(Replicas.Major.PRIMARY)
                    .create(new SchemaSource.MigrationHistory(migrations()))
                    .close())
        .isInstanceOfSatisfying(
            WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT))
        .hasMessageContaining(
            "replaying the migration history stopped at " + MASTER + ":6: changeset 2::a")
        .hasMessageContaining("(HALT)");
  }
}
