package dev.schemawarden.drift.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.SchemaSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A JSON snapshot is repository content: a tampered routine definition rendered by {@link Snapshots#source} must
 * not run a command on the host when the replica builds from it (replica's HostileSchemaSourceTest covers dumps and
 * histories). It runs as the template builder's unprivileged role.
 */
@Timeout(120)
class HostileSnapshotSourceTest {

  @Test
  void a_snapshot_definition_that_is_a_do_block_runs_without_privileges() throws Exception {
    // /tmp is writable by every OS user the server could run as: the marker would appear if the
    // command ran.
    Path marker = Path.of("/tmp", "warden-hostile-" + UUID.randomUUID());
    SchemaSnapshot base;
    try (Replica r =
            Clusters.provider(Clusters.Major.PRIMARY)
                .create(
                    new SchemaSource.SqlDump(
                        "CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"));
        Connection c = r.connect()) {
      base = Snapshots.take(c, new SnapshotOptions(List.of(), false));
    }
    String json = Snapshots.toJson(base);
    String definition =
        base.routines().stream()
            .filter(x -> x.name().equals("f"))
            .findFirst()
            .orElseThrow()
            .definition()
            .orElseThrow();
    String hostile =
        "DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch " + marker + "'''; END $$";
    String tampered = json.replace(jsonString(definition), jsonString(hostile));
    assertThat(tampered).isNotEqualTo(json);
    try {
      assertThatThrownBy(
              () ->
                  Clusters.provider(Clusters.Major.PRIMARY)
                      .create(Snapshots.source(Snapshots.fromJson(tampered)))
                      .close())
          .as("the build fails as an unprivileged role would")
          .hasMessageContaining("cannot build the replica")
          .message()
          .as("refused for its privileges, not its syntax")
          .doesNotContain("syntax error");
      assertThat(marker).as("a command from the repository ran on the review host").doesNotExist();
    } finally {
      Files.deleteIfExists(marker);
    }
  }

  private static String jsonString(String text) {
    return new ObjectMapper().valueToTree(text).toString();
  }
}
