package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.Reviews;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code replica.provider: testcontainers} for engines mysql and mariadb through the real {@link MysqlReplicaTracer}:
 * without a Docker engine (these machines) the trace step is the one line that names the fix, online DDL stays
 * predicted and {@code --trace} fails; and a replica of another version than production's {@code engine-version}
 * decides nothing (the real embedded MariaDB 11.4 standing in for a 10.11 production).
 */
class MysqlTestcontainersTraceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHANGE =
      """
      ALTER TABLE t ADD COLUMN c INT;
      ALTER TABLE t MODIFY c BIGINT;
      """;

  @TempDir static Path tmp;

  private static GitFixture repo(String name, String config) throws Exception {
    return new GitFixture(tmp.resolve(name))
        .write(".schemawarden.yml", config)
        .write(
            "db/migration/V1__t.sql",
            "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(40)) ENGINE=InnoDB;\n")
        .commit("base")
        .branch("feature")
        .write("db/migration/V2__c.sql", CHANGE)
        .commit("add and widen c");
  }

  @Test
  void without_docker_the_trace_step_names_the_fix_online_ddl_stays_predicted_and_trace_fails()
      throws Exception {
    assumeTrue(
        !ReplicaProvider.dockerAvailable(),
        "a Docker engine answers here: the container would start");
    GitFixture shop =
        repo(
            "no-docker",
            "engine: mysql\nengine-version: 8.0\nreplica:\n  provider: testcontainers\n");

    Cli.Run run = review(shop, MysqlReplicaTracer.standard(MysqlReplicaProvider.Pool.off()));

    JsonNode report = JSON.readTree(run.out());
    assertThat(step(report, "trace"))
        .as("one line naming what is missing and the fix; %s", run)
        .contains("needs a Docker engine")
        .contains("replica.provider: server")
        .contains("online_ddl is predicted")
        .doesNotContain("\n");
    assertThat(onlineDdlSources(report))
        .as("both ALTERs keep MySQL 8.0's documented online DDL")
        .containsOnly("predicted")
        .hasSize(2);
    assertThat(run.err()).as("no stack trace for a missing Docker").doesNotContain("\tat ");

    Cli.Run asked =
        review(shop, MysqlReplicaTracer.standard(MysqlReplicaProvider.Pool.off()), "--trace");
    assertThat(asked.exitCode())
        .as("--trace with no Docker is a configuration error: %s", asked)
        .isEqualTo(2);
    assertThat(asked.err())
        .contains("--trace: replica.provider testcontainers needs a Docker engine")
        .doesNotContain("\tat ");
  }

  @Test
  void a_replica_of_another_version_than_production_keeps_the_predictions_and_says_so()
      throws Exception {
    EmbeddedMariadb server = EmbeddedMariadb.shared();
    GitFixture shop = repo("other-version", "engine: mariadb\nengine-version: 10.11\n");
    try (MysqlReplicaProvider provider =
        MysqlReplicaProvider.server(
            "mariadb",
            server.adminUrl(),
            ReplicaSettings.defaults(),
            MysqlReplicaProvider.Pool.off())) {
      Cli.Run run =
          review(shop, new MysqlReplicaTracer((rc, engine, version) -> Optional.of(provider)));

      JsonNode report = JSON.readTree(run.out());
      assertThat(step(report, "trace"))
          .as("the replica is 11.4, production 10.11; %s", run)
          .contains("production runs mariadb 10.11, the replica 11.4")
          .contains("online_ddl stays predicted");
      assertThat(onlineDdlSources(report))
          .as("11.4's answers say nothing about 10.11's ALTERs")
          .containsOnly("predicted")
          .hasSize(2);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "8.0, 8.0.40, true",
    "8.0.28, 8.0.40, false",
    "8.0.40, 8.0.40, true",
    "8.4, 8.0.40, false",
    "11.4, 11.4.5-MariaDB-ubu2404, true",
    "10.11, 11.4.5-MariaDB, false",
    "8.0, garbage, false",
  })
  void the_replica_matches_production_by_major_minor_and_the_patch_when_production_names_one(
      String production, String replica, boolean same) {
    assertThat(MysqlReplicaTracer.sameVersion(ServerVersion.parse(production), replica))
        .as("production %s, replica SELECT VERSION() %s", production, replica)
        .isEqualTo(same);
  }

  private static Cli.Run review(GitFixture shop, MysqlReplicaTracer mysql, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "review", "--repo", shop.dir().toString(), "--base", "main", "--format", "json"));
    args.addAll(List.of(extra));
    return Cli.run(
        (out, err) -> {
          ReviewService service =
              Main.reviewService(
                  Reviews.replicas(),
                  mysql,
                  SnapshotDrift.Settings.defaults().withCacheDir(tmp.resolve("cache")),
                  Clock.systemUTC());
          return new CliContext(
              out, err, service, Main.renderers(service), false, Reviews.replicas());
        },
        args.toArray(String[]::new));
  }

  private static List<String> onlineDdlSources(JsonNode report) {
    List<String> out = new ArrayList<>();
    report
        .get("migrations")
        .get(0)
        .get("statements")
        .forEach(
            s ->
                out.add(
                    s.get("online_ddl").isNull()
                        ? "null"
                        : s.get("online_ddl").get("source").asText()));
    return out;
  }

  private static String step(JsonNode report, String name) {
    for (JsonNode s : report.get("steps")) {
      if (s.get("name").asText().equals(name)) {
        return s.get("detail").asText();
      }
    }
    return "";
  }
}
