package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.app.console.ReviewSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/** Reviews made up for the console's tests and its bench: a report in the JSON format with one locked table. */
public final class ConsoleFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConsoleFixtures() {}

  public static ReviewSummary summary(
      String repository, int pr, String title, String decision, Instant at) {
    return new ReviewSummary(
        0,
        "github",
        repository,
        pr,
        title,
        "https://github.com/" + repository + "/pull/" + pr,
        String.format("%040x", pr),
        String.format("%040x", pr + 1_000_000),
        decision,
        pr % 3,
        pr % 5,
        at,
        1200 + pr);
  }

  /** A report whose one migration alters {@code table} under ACCESS EXCLUSIVE with {@code sql}. */
  public static String report(String table, String sql, String decision) {
    ObjectNode r = JSON.createObjectNode();
    r.put("format_version", 1).put("kind", "review");
    ObjectNode m = r.putArray("migrations").addObject();
    m.put("path", "db/migration/V4__change.sql").put("run_in_transaction", true);
    ArrayNode statements = m.putArray("statements");
    ObjectNode s =
        statements
            .addObject()
            .put("line", 1)
            .put("sql", sql)
            .put("change", "alter_table")
            .put("source", "traced");
    s.putArray("locks")
        .addObject()
        .put("relation", table)
        .put("mode", "AccessExclusiveLock")
        .put("held_earlier", false);
    s.putObject("impact")
        .put("relation", table)
        .put("estimated_lock_held_ms", 4200)
        .put("blocks", "blocks reads and writes")
        .put("rows", 1_000_000);
    statements
        .addObject()
        .put("line", 3)
        .put("sql", "CREATE INDEX CONCURRENTLY x ON " + table + " (id)")
        .put("change", "create_index")
        .put("source", "traced")
        .putArray("locks")
        .addObject()
        .put("relation", table)
        .put("mode", "ShareUpdateExclusiveLock")
        .put("held_earlier", false);
    ObjectNode f =
        r.putArray("findings")
            .addObject()
            .put("rule", "LK101")
            .put("severity", "error")
            .put("path", "db/migration/V4__change.sql")
            .put("line", 1)
            .put("message", "ACCESS EXCLUSIVE on " + table);
    f.putArray("fixes")
        .addObject()
        .put("description", "add the column without a default")
        .put("sql", "ALTER ...");
    r.putArray("drift")
        .addObject()
        .put("kind", "extra")
        .put("object_type", "index")
        .put("object", "public.tmp_idx")
        .put("message", "production has an index the history does not create");
    ObjectNode d = r.putObject("decision").put("outcome", decision);
    d.putArray("reasons").add("POL002: changes a table tagged critical - 0 of 1 approvals");
    ObjectNode a =
        d.putArray("required_approvals")
            .addObject()
            .put("policy", "POL002")
            .put("count", 1)
            .put("reason", "critical table");
    a.putArray("approvers").add("org/dba");
    a.putArray("satisfied_by");
    r.putArray("errors");
    return r.toString();
  }

  /** A GET with optional headers (name, value pairs); redirects are not followed. */
  public static HttpResponse<String> get(int port, String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  public static HttpResponse<String> postForm(
      int port, String path, String form, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  private static HttpResponse<String> send(HttpRequest r) {
    try {
      return ServiceHarness.HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
