package dev.schemawarden.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.app.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The impact tests' repository and production of {@link MariadbReviewEndToEndTest}: orders and archive, a change
 * that widens both keys (a COPY on MariaDB 11.4), and a snapshot whose statistics a test rewrites.
 */
final class MariadbImpactFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Production: the base history, then 300 rows inserted into orders, 100 updated and 50 deleted. */
  static final List<String> PRODUCTION =
      List.of(
          "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB",
          "CREATE TABLE archive (id INT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB",
          "INSERT INTO orders SELECT seq, 'x' FROM seq_1_to_300",
          "UPDATE orders SET note = 'y' WHERE id <= 100",
          "DELETE FROM orders WHERE id > 250");

  /** The base branch's history: production's two tables. */
  private static final String BASE = PRODUCTION.get(0) + ";\n" + PRODUCTION.get(1) + ";\n";

  private MariadbImpactFixture() {}

  static GitFixture repo(Path dir) throws Exception {
    if (Files.exists(dir)) {
      return new GitFixture(dir).checkout("feature");
    }
    return new GitFixture(dir)
        .write(
            ".schemawarden.yml",
            "engine: mariadb\nengine-version: 11.4.5\nreplica:\n  statement-timeout: 10s\n")
        .write("db/migration/V1__base.sql", BASE)
        .commit("base")
        .branch("feature")
        .write(
            "db/migration/V2__widen.sql",
            "ALTER TABLE orders MODIFY id BIGINT;\n" + "ALTER TABLE archive MODIFY id BIGINT;\n")
        .commit("widen the keys");
  }

  /** {@code taken} with its counters' window one day, orders' statistics edited by {@code edit}, archive empty. */
  static Path edited(Path taken, Path out, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(taken.toFile());
    ObjectNode stats = (ObjectNode) root.get("statistics");
    Instant readAt = Instant.parse(stats.get("read_at").asText());
    stats.put("counters_since", readAt.minus(Duration.ofDays(1)).toString());
    for (JsonNode r : stats.get("relations")) {
      ObjectNode o = (ObjectNode) r;
      if (o.get("relation").asText().endsWith(".orders")) {
        edit.accept(o);
      } else {
        o.put("total_bytes", 16_384).put("index_bytes", 0).put("tuples", 0);
      }
    }
    JSON.writeValue(out.toFile(), root);
    return out;
  }

  /** The severity of the (merged) finding at {@code line} that concerns the rebuild, or "none". */
  static String severity(JsonNode report, int line) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("line").asInt() == line && f.get("concern").asText().startsWith("rewrite:")) {
        return f.get("severity").asText();
      }
    }
    return "none";
  }
}
