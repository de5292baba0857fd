package dev.schemawarden.replica.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.MysqlReplicaProvider.MysqlReplica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MySQL/MariaDB testcontainers server: which image production's engine and version name (pure), that nothing
 * but a version reaches an image name, the refusal without Docker, and, where a Docker engine answers, a real
 * container traced through {@link MysqlReplicaProvider} (skipped with the reason on these Docker-less machines).
 */
class MysqlContainerServerTest {

  @Nested
  class the_image {
    @ParameterizedTest
    @CsvSource({
      "mysql, 8.0, mysql:8.0",
      "mysql, 8.4, mysql:8.4",
      "mysql, 8.0.28, mysql:8.0.28",
      "mariadb, 11.4, mariadb:11.4",
      "mariadb, 10.11, mariadb:10.11",
      "mariadb, 10.6, mariadb:10.6",
      "mariadb, 11.4.5, mariadb:11.4.5",
    })
    void is_the_official_image_of_the_engine_at_productions_version(
        String engine, String version, String image) {
      assertThat(MysqlContainerServer.image(engine, version))
          .as("the tag is production's version as written: the patch decides INSTANT on MySQL 8.0")
          .isEqualTo(image);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "8.0; rm -rf /",
          "../8.0",
          "8.0/../../etc",
          "registry.evil.example/mysql:8.0",
          "8.0@sha256:0000",
          "8.0:latest",
          "latest",
          "",
          " 8.0",
          "8.0\n",
          "8.0.1.2",
          "8..0",
          "1234.5",
          "-8.0"
        })
    void refuses_any_engine_version_that_is_not_digits_and_dots(String version) {
      assertThatThrownBy(() -> MysqlContainerServer.image("mysql", version))
          .as(
              "an engine-version from the repository's configuration never reaches an image name unvalidated")
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("engine-version")
          .hasMessageContaining("MAJOR.MINOR")
          .hasMessageNotContaining("\n")
          .satisfies(e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.CONFIG));
    }

    @Test
    void is_only_for_the_mysql_engines() {
      assertThatThrownBy(() -> MysqlContainerServer.image("postgres", "16"))
          .as("PostgreSQL has its own provider")
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runs_without_binary_log_or_fsync_like_the_embedded_mariadb() {
      assertThat(MysqlContainerServer.flags("mysql", "8.0"))
          .as("flags MySQL 8.0 knows")
          .contains(
              "--skip-log-bin", "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=OFF")
          .doesNotContain("--innodb-flush-method=nosync");
      assertThat(MysqlContainerServer.flags("mariadb", "11.4"))
          .as("MariaDB also skips fsync altogether")
          .contains(
              "--skip-log-bin",
              "--innodb-flush-log-at-trx-commit=0",
              "--innodb-flush-method=nosync");
    }

    @Test
    void lets_the_sandbox_user_log_in_without_tls_on_each_mysql_8() {
      assertThat(MysqlContainerServer.flags("mysql", "8.0.28"))
          .as("8.0 still has the default plugin option")
          .contains("--default-authentication-plugin=mysql_native_password");
      assertThat(MysqlContainerServer.flags("mysql", "8.4"))
          .as("8.4 loads the plugin only when asked")
          .contains("--mysql-native-password=ON", "--authentication-policy=mysql_native_password")
          .doesNotContain("--default-authentication-plugin=mysql_native_password");
      assertThat(MysqlContainerServer.flags("mysql", "8"))
          .as("mysql:8 is 8.4, not 8.0")
          .contains("--mysql-native-password=ON");
      assertThat(MysqlContainerServer.flags("mariadb", "10.6"))
          .as("MariaDB's default plugin needs no TLS")
          .noneMatch(f -> f.contains("authentication"));
    }
  }

  @Test
  void a_hostile_version_is_refused_before_docker_is_even_asked() {
    assertThatThrownBy(
            () ->
                MysqlReplicaProvider.testcontainers(
                    "mysql",
                    "8.0; rm -rf /",
                    ReplicaSettings.defaults(),
                    MysqlReplicaProvider.Pool.off()))
        .as("validation comes first, with or without Docker")
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("cannot name a mysql image");
  }

  @Test
  void without_a_docker_engine_it_refuses_with_the_fix() {
    assumeTrue(
        !ReplicaProvider.dockerAvailable(),
        "a Docker engine answers here: the refusal cannot happen");
    assertThatThrownBy(
            () ->
                MysqlReplicaProvider.testcontainers(
                    "mysql", "8.0", ReplicaSettings.defaults(), MysqlReplicaProvider.Pool.off()))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("needs a Docker engine")
        .hasMessageContaining("replica.provider: server")
        .satisfies(e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.CONFIG));
  }

  @Test
  void with_a_docker_engine_it_traces_on_mysql_of_productions_version() {
    assumeTrue(
        ReplicaProvider.dockerAvailable(),
        "no Docker engine answers on this machine (testcontainers needs"
            + " one; the MySQL replica is tested on the embedded MariaDB everywhere)");
    try (MysqlReplicaProvider provider =
            MysqlReplicaProvider.testcontainers(
                "mysql", "8.0", ReplicaSettings.defaults(), MysqlReplicaProvider.Pool.off());
        MysqlReplica replica = provider.create(Duration.ofSeconds(30))) {
      assertThat(replica.serverVersion())
          .as("the image of production's version")
          .startsWith("8.0.");
      assertThat(
              replica.replay(
                  List.of(
                      migration(
                          "V1__t.sql",
                          "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(40));"))))
          .as("the history replays")
          .isEmpty();
      List<OnlineDdl.Run> runs =
          replica.trace(List.of(migration("V2__c.sql", "ALTER TABLE t ADD COLUMN c INT;")));
      assertThat(
              runs.get(0)
                  .alter()
                  .flatMap(OnlineDdl.Traced::verdict)
                  .map(OnlineDdl.Verdict::algorithm))
          .as("ADD COLUMN last is INSTANT on MySQL 8.0, as the sandbox user of the container")
          .contains("INSTANT");
    }
  }

  private static Migration migration(String file, String sql) {
    String path = "db/migration/" + file;
    return new Migration(
        path,
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.of(file.substring(1, 2)),
        file,
        false,
        Engines.forName("mysql").parser().parse(path, sql).statements(),
        List.of());
  }
}
