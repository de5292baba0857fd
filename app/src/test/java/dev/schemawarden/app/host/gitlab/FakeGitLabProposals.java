package dev.schemawarden.app.host.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of {@link FakeGitLab} that takes what the bot proposes itself ({@code warden watch}): the project's default
 * branch, branches ({@code GET|POST /repository/branches}), commits with actions ({@code POST /repository/commits},
 * JSON) and merge requests ({@code POST /merge_requests}). Answers are the recorded gitlab4j shapes
 * ({@code project.json}, {@code commit.json}, {@code merge-request.json}) with the scenario's fields set.
 */
final class FakeGitLabProposals {
  record Opened(int iid, String branch, String target, String title, String description, Map<String, String> files) {}

  static final String MAIN_SHA = "6104942438c14ec7bd21c6cd5bd995272b3faff6";
  private final String project;
  final Map<String, String> branches = new ConcurrentHashMap<>(Map.of("main", MAIN_SHA));
  final Map<String, String> committed = new ConcurrentHashMap<>();
  final List<Opened> opened = new CopyOnWriteArrayList<>();
  private final AtomicInteger iids = new AtomicInteger(40);
  private final AtomicInteger commits = new AtomicInteger();

  FakeGitLabProposals(String project) {
    this.project = project;
  }

  interface Reply {
    void send(int status, String body) throws IOException;
  }

  /** {@code query} and a form {@code body} both carry parameters (gitlab4j sends some calls' as a query). */
  boolean answer(String method, String path, String query, String body, Reply reply) throws IOException {
    String p = "/api/v4/projects/" + project;
    if (method.equals("GET") && path.equals(p)) {
      reply.send(200, FakeGitLab.fixture("project.json").put("default_branch", "main")
          .put("path_with_namespace", project).toString());
      return true;
    }
    if (method.equals("GET") && path.startsWith(p + "/repository/branches/")) {
      String name = path.substring((p + "/repository/branches/").length());
      String sha = branches.get(name);
      if (sha == null) {
        reply.send(404, "{\"message\":\"404 Branch Not Found\"}");
      } else {
        reply.send(200, branch(name, sha).toString());
      }
      return true;
    }
    if (method.equals("POST") && path.equals(p + "/repository/branches")) {
      Map<String, String> form = form(query == null ? "" : query);
      form.putAll(form(body));
      if (branches.putIfAbsent(form.get("branch"), form.get("ref")) != null) {
        reply.send(400, "{\"message\":\"Branch already exists\"}");
      } else {
        reply.send(201, branch(form.get("branch"), form.get("ref")).toString());
      }
      return true;
    }
    if (method.equals("POST") && path.equals(p + "/repository/commits")) {
      JsonNode req = FakeGitLab.JSON.readTree(body);
      String branch = req.path("branch").asText();
      for (JsonNode a : req.path("actions")) {
        committed.put(branch + ":" + a.path("file_path").asText(), a.path("content").asText());
      }
      String sha = String.format("%040x", commits.incrementAndGet());
      branches.put(branch, sha);
      reply.send(201, FakeGitLab.fixture("commit.json").put("id", sha).put("message",
          req.path("commit_message").asText()).toString());
      return true;
    }
    if (method.equals("POST") && path.equals(p + "/merge_requests")) {
      Map<String, String> form = form(query == null ? "" : query);
      form.putAll(form(body));
      int iid = iids.incrementAndGet();
      String branch = form.get("source_branch");
      Map<String, String> files = new TreeMap<>();
      committed.forEach((k, v) -> {
        if (k.startsWith(branch + ":")) {
          files.put(k.substring(branch.length() + 1), v);
        }
      });
      opened.add(new Opened(iid, branch, form.get("target_branch"), form.get("title"), form.get("description"),
          files));
      reply.send(201, FakeGitLab.fixture("merge-request.json").put("iid", iid).put("title", form.get("title"))
          .put("source_branch", branch).put("target_branch", form.get("target_branch")).toString());
      return true;
    }
    return false;
  }

  private static ObjectNode branch(String name, String sha) {
    ObjectNode b = FakeGitLab.JSON.createObjectNode().put("name", name).put("merged", false)
        .put("protected", false).put("default", name.equals("main"));
    b.set("commit", FakeGitLab.fixture("commit.json").put("id", sha));
    return b;
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
