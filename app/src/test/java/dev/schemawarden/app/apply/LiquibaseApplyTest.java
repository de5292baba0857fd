package dev.schemawarden.app.apply;

import static dev.schemawarden.app.apply.ApplyFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Liquibase XML changelog applied through {@code warden apply} on real PostgreSQL: Liquibase keeps the history. */
class LiquibaseApplyTest {
  static TestPostgres pg;
  @TempDir Path repo;

  @BeforeAll
  static void start() {
    pg = new TestPostgres();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @Test
  void xml_changelog_is_applied_through_liquibase_recorded_in_databasechangelog_and_audited()
      throws Exception {
    Files.writeString(
        repo.resolve(".schemawarden.yml"),
        """
        migrations:
          tool: liquibase
          changelog: db/changelog/master.xml
        """);
    Files.createDirectories(repo.resolve("db/changelog"));
    Files.writeString(
        repo.resolve("db/changelog/master.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
              http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
          <changeSet id="1" author="alice">
            <createTable tableName="customers">
              <column name="id" type="bigint"><constraints primaryKey="true"/></column>
              <column name="email" type="text"/>
            </createTable>
          </changeSet>
          <changeSet id="2" author="alice">
            <addColumn tableName="customers">
              <column name="created_at" type="timestamptz"/>
            </addColumn>
          </changeSet>
        </databaseChangeLog>
        """);
    String db = pg.newDatabase("lb");
    String state = pg.newDatabase("lbstate");
    String sha = "1b2c3d4e5f60718293a4b5c6d7e8f90123456789";

    Cli.Run applied =
        Cli.run(
            "apply",
            "--repo",
            repo.toString(),
            "--url",
            db,
            "--state-url",
            state,
            "--sha",
            sha,
            "--author",
            "alice",
            "--approved-by",
            "bob",
            "--repository",
            "acme/shop");

    assertThat(applied.exitCode()).as(applied.toString()).isZero();
    assertThat(applied.out()).contains("manual: applied");
    assertThat(
            count(
                db,
                "SELECT count(*) FROM databasechangelog WHERE author = 'alice' AND id IN ('1', '2')"))
        .as("Liquibase's own history holds both changesets")
        .isEqualTo(2);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers'"
                    + " AND column_name = 'created_at'"))
        .isEqualTo(1);
    assertThat(
            count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'warden_schema_history'"))
        .as("Schema Warden's own history is for plain SQL only")
        .isZero();
    assertThat(count(state, "SELECT count(*) FROM warden_audit.audit_log WHERE event = 'applied'"))
        .as("one audit entry for the update")
        .isEqualTo(1);
    Cli.Run show = Cli.run("audit", "show", "1", "--state-url", state);
    assertThat(show.out()).contains("(changeset 1::alice)").contains("(changeset 2::alice)");

    Cli.Run again =
        Cli.run(
            "apply", "--repo", repo.toString(), "--url", db, "--state-url", state, "--sha", sha);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out())
        .as("Liquibase's history says nothing is pending")
        .contains("up to date");
    assertThat(count(db, "SELECT count(*) FROM databasechangelog")).isEqualTo(2);
  }
}
