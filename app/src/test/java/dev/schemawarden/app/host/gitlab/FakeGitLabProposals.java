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
 * JSON) and merge requests ({@code POST /merge_requests}), and what later ticks do to them: read
 * ({@code GET /merge_requests/<iid>}), edit the description or close ({@code PUT /merge_requests/<iid>}), comment
 * ({@code POST /merge_requests/<iid>/notes}). Answers are the recorded gitlab4j shapes ({@code project.json},
 * {@code commit.json}, {@code merge-request.json}, {@code note.json}) with the scenario's fields set.
 */
final class FakeGitLabProposals {
  record Opened(
      int iid,
      String branch,
      String target,
      String title,
      String description,
      Map<String, String> files) {}

  static final String MAIN_SHA = "6104942438c14ec7bd21c6cd5bd995272b3faff6";
  private final String project;
  final Map<String, String> branches = new ConcurrentHashMap<>(Map.of("main", MAIN_SHA));
  final Map<String, String> committed = new ConcurrentHashMap<>();
  final List<Opened> opened = new CopyOnWriteArrayList<>();

  /** Each opened merge request now: {@code state} (opened, closed, merged), {@code title}, {@code description}. */
  final Map<Integer, Map<String, String>> requests = new ConcurrentHashMap<>();

  /** Notes posted on the bot's merge requests, by iid. */
  final Map<Integer, List<String>> notes = new ConcurrentHashMap<>();

  private final AtomicInteger iids = new AtomicInteger(40);
  private final AtomicInteger commits = new AtomicInteger();

  FakeGitLabProposals(String project) {
    this.project = project;
  }

  interface Reply {
    void send(int status, String body) throws IOException;
  }

  /** {@code query} and a form {@code body} both carry parameters (gitlab4j sends some calls' as a query). */
  boolean answer(String method, String path, String query, String body, Reply reply)
      throws IOException {
    String p = "/api/v4/projects/" + project;
    if (method.equals("GET") && path.equals(p)) {
      reply.send(
          200,
          FakeGitLab.fixture("project.json")
              .put("default_branch", "main")
              .put("path_with_namespace", project)
              .toString());
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
      reply.send(
          201,
          FakeGitLab.fixture("commit.json")
              .put("id", sha)
              .put("message", req.path("commit_message").asText())
              .toString());
      return true;
    }
    java.util.regex.Matcher mr =
        java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(p) + "/merge_requests/(\\d+)(/notes)?")
            .matcher(path);
    if (mr.matches() && requests.containsKey(Integer.parseInt(mr.group(1)))) {
      int iid = Integer.parseInt(mr.group(1));
      Map<String, String> now = requests.get(iid);
      if (method.equals("GET") && mr.group(2) == null) {
        reply.send(200, request(iid).toString());
        return true;
      }
      if (method.equals("PUT") && mr.group(2) == null) {
        Map<String, String> form = params(query, body);
        if (form.containsKey("description")) {
          now.put("description", form.get("description"));
        }
        if ("close".equals(form.get("state_event"))) {
          now.put("state", "closed");
        }
        reply.send(200, request(iid).toString());
        return true;
      }
      if (method.equals("POST") && mr.group(2) != null) {
        String text = params(query, body).get("body");
        notes.computeIfAbsent(iid, n -> new CopyOnWriteArrayList<>()).add(text);
        reply.send(
            201,
            FakeGitLab.fixture("note.json")
                .put("id", 5_000 + commits.incrementAndGet())
                .put("body", text)
                .toString());
        return true;
      }
    }
    if (method.equals("POST") && path.equals(p + "/merge_requests")) {
      Map<String, String> form = form(query == null ? "" : query);
      form.putAll(form(body));
      int iid = iids.incrementAndGet();
      String branch = form.get("source_branch");
      Map<String, String> files = new TreeMap<>();
      committed.forEach(
          (k, v) -> {
            if (k.startsWith(branch + ":")) {
              files.put(k.substring(branch.length() + 1), v);
            }
          });
      requests.put(
          iid,
          new ConcurrentHashMap<>(
              Map.of(
                  "state",
                  "opened",
                  "title",
                  form.get("title"),
                  "description",
                  String.valueOf(form.get("description")),
                  "branch",
                  branch)));
      opened.add(
          new Opened(
              iid,
              branch,
              form.get("target_branch"),
              form.get("title"),
              form.get("description"),
              files));
      reply.send(
          201,
          FakeGitLab.fixture("merge-request.json")
              .put("iid", iid)
              .put("title", form.get("title"))
              .put("source_branch", branch)
              .put("target_branch", form.get("target_branch"))
              .toString());
      return true;
    }
    return false;
  }

  /** The merge request as GitLab answers for it in its current state. */
  private ObjectNode request(int iid) {
    Map<String, String> now = requests.get(iid);
    return FakeGitLab.fixture("merge-request.json")
        .put("iid", iid)
        .put("state", now.get("state"))
        .put("title", now.get("title"))
        .put("description", now.get("description"))
        .put("source_branch", now.get("branch"))
        .put("target_branch", "main");
  }

  /** gitlab4j sends some parameters as a query, some as a form, some as JSON. */
  private static Map<String, String> params(String query, String body) throws IOException {
    Map<String, String> out = form(query == null ? "" : query);
    if (body.trim().startsWith("{")) {
      FakeGitLab.JSON
          .readTree(body)
          .fields()
          .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    } else {
      out.putAll(form(body));
    }
    return out;
  }

  private static ObjectNode branch(String name, String sha) {
    ObjectNode b =
        FakeGitLab.JSON
            .createObjectNode()
            .put("name", name)
            .put("merged", false)
            .put("protected", false)
            .put("default", name.equals("main"));
    b.set("commit", FakeGitLab.fixture("commit.json").put("id", sha));
    return b;
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
