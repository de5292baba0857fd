package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of {@link FakeGitHub} that takes what the bot proposes itself ({@code warden watch}): branches
 * ({@code GET|POST /git/refs}), files committed with the contents API ({@code PUT /contents/<path>}) and pull
 * requests ({@code POST /pulls}). Answers are the recorded hub4j responses ({@code git-ref.json},
 * {@code content-created.json}, {@code pull-created.json}) with the scenario's fields set.
 */
public final class FakeGitHubProposals {
  /** A pull request the bot opened, with its files as committed on its branch. */
  public record Opened(int number, String branch, String base, String title, String body, boolean draft,
      Map<String, String> files) {}

  /** {@code main} and the commit it points at. */
  static final String MAIN_SHA = "912e2176a00e60e02196737e0ae4c218a14b5dcb";

  private final String repository;
  public final Map<String, String> branches = new ConcurrentHashMap<>(Map.of("main", MAIN_SHA));
  /** {@code branch:path} to the committed text. */
  final Map<String, String> committed = new ConcurrentHashMap<>();
  public final List<Opened> opened = new CopyOnWriteArrayList<>();
  private final AtomicInteger numbers = new AtomicInteger(100);
  private final AtomicInteger commits = new AtomicInteger();

  FakeGitHubProposals(String repository) {
    this.repository = repository;
  }

  interface Reply {
    void send(int status, String body) throws IOException;
  }

  /** Answers a call it knows and returns true; false leaves it to the caller. */
  boolean answer(String method, String path, String query, String body, Reply reply) throws IOException {
    String repo = "/repos/" + repository;
    Matcher m;
    String ref = java.net.URLDecoder.decode(query.replaceFirst("^(?:.*&)?ref=([^&]*).*$", "$1"),
        StandardCharsets.UTF_8);
    if (method.equals("GET") && path.startsWith(repo + "/contents/") && query.contains("ref=")
        && branches.containsKey(ref) && !ref.equals("main")) {
      String text = committed.get(ref + ":" + path.substring((repo + "/contents/").length()));
      if (text == null) {
        reply.send(404, "{\"message\":\"Not Found\"}");
      } else {
        ObjectNode c = FakeGitHub.fixture("content.json");
        c.put("path", path.substring((repo + "/contents/").length())).put("size", text.length()).put("content",
            Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        reply.send(200, c.toString());
      }
      return true;
    }
    if (method.equals("GET") && (m = Pattern.compile(Pattern.quote(repo) + "/git/refs?/heads/(.+)").matcher(path))
        .matches()) {
      String sha = branches.get(m.group(1));
      if (sha == null) {
        reply.send(404, "{\"message\":\"Not Found\"}");
      } else {
        reply.send(200, ref(m.group(1), sha).toString());
      }
      return true;
    }
    if (method.equals("POST") && path.equals(repo + "/git/refs")) {
      JsonNode req = FakeGitHub.JSON.readTree(body);
      String branch = req.path("ref").asText().replaceFirst("^refs/heads/", "");
      if (branches.putIfAbsent(branch, req.path("sha").asText()) != null) {
        reply.send(422, "{\"message\":\"Reference already exists\",\"documentation_url\":"
            + "\"https://docs.github.com/rest/git/refs#create-a-reference\"}");
      } else {
        reply.send(201, ref(branch, req.path("sha").asText()).toString());
      }
      return true;
    }
    if (method.equals("PUT") && path.startsWith(repo + "/contents/")) {
      JsonNode req = FakeGitHub.JSON.readTree(body);
      String file = path.substring((repo + "/contents/").length());
      String branch = req.path("branch").asText();
      committed.put(branch + ":" + file, new String(Base64.getMimeDecoder().decode(req.path("content").asText()),
          StandardCharsets.UTF_8));
      String sha = String.format("%040x", commits.incrementAndGet());
      branches.put(branch, sha);
      ObjectNode c = FakeGitHub.fixture("content-created.json");
      ((ObjectNode) c.get("content")).put("path", file).put("name", file.substring(file.lastIndexOf('/') + 1));
      ((ObjectNode) c.get("commit")).put("sha", sha);
      reply.send(201, c.toString());
      return true;
    }
    if (method.equals("POST") && path.equals(repo + "/pulls")) {
      JsonNode req = FakeGitHub.JSON.readTree(body);
      int number = numbers.incrementAndGet();
      String branch = req.path("head").asText();
      Map<String, String> files = new java.util.TreeMap<>();
      committed.forEach((k, v) -> {
        if (k.startsWith(branch + ":")) {
          files.put(k.substring(branch.length() + 1), v);
        }
      });
      opened.add(new Opened(number, branch, req.path("base").asText(), req.path("title").asText(),
          req.path("body").asText(), req.path("draft").asBoolean(false), files));
      ObjectNode p = FakeGitHub.fixture("pull-created.json");
      p.put("number", number).put("title", req.path("title").asText()).put("body", req.path("body").asText())
          .put("draft", req.path("draft").asBoolean(false));
      ((ObjectNode) p.get("head")).put("ref", branch).put("sha", branches.get(branch));
      reply.send(201, p.toString());
      return true;
    }
    return false;
  }

  private ObjectNode ref(String branch, String sha) {
    ObjectNode r = FakeGitHub.fixture("git-ref.json");
    r.put("ref", "refs/heads/" + branch);
    ((ObjectNode) r.get("object")).put("sha", sha);
    return r;
  }
}
