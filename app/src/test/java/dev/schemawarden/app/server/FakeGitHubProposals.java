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
 * requests ({@code POST /pulls}), and what later ticks do to them: read ({@code GET /pulls/<n>}), edit the body or
 * close ({@code PATCH /pulls/<n>}), comment ({@code POST /issues/<n>/comments}). Answers are the recorded hub4j
 * responses ({@code git-ref.json}, {@code content-created.json}, {@code pull-created.json}, {@code pull-closed.json},
 * {@code issue-comment.json}) with the scenario's fields set.
 */
public final class FakeGitHubProposals {
  /** A pull request the bot opened, with its files as committed on its branch. */
  public record Opened(
      int number,
      String branch,
      String base,
      String title,
      String body,
      boolean draft,
      Map<String, String> files) {}

  /** {@code main} and the commit it points at. */
  static final String MAIN_SHA = "912e2176a00e60e02196737e0ae4c218a14b5dcb";

  private final String repository;
  public final Map<String, String> branches = new ConcurrentHashMap<>(Map.of("main", MAIN_SHA));

  /** {@code branch:path} to the committed text. */
  final Map<String, String> committed = new ConcurrentHashMap<>();

  public final List<Opened> opened = new CopyOnWriteArrayList<>();

  /** Each opened pull request as the host holds it now: {@code state} (open, closed, merged) and {@code body}. */
  public final Map<Integer, Map<String, String>> pulls = new ConcurrentHashMap<>();

  /** Comments posted on the bot's pull requests, by number. */
  public final Map<Integer, List<String>> comments = new ConcurrentHashMap<>();

  private final AtomicInteger numbers = new AtomicInteger(100);
  private final AtomicInteger commits = new AtomicInteger();

  FakeGitHubProposals(String repository) {
    this.repository = repository;
  }

  interface Reply {
    void send(int status, String body) throws IOException;
  }

  /** Answers a call it knows and returns true; false leaves it to the caller. */
  boolean answer(String method, String path, String query, String body, Reply reply)
      throws IOException {
    String repo = "/repos/" + repository;
    Matcher m;
    String ref =
        java.net.URLDecoder.decode(
            query.replaceFirst("^(?:.*&)?ref=([^&]*).*$", "$1"), StandardCharsets.UTF_8);
    if (method.equals("GET")
        && path.startsWith(repo + "/contents/")
        && query.contains("ref=")
        && branches.containsKey(ref)
        && !ref.equals("main")) {
      String text = committed.get(ref + ":" + path.substring((repo + "/contents/").length()));
      if (text == null) {
        reply.send(404, "{\"message\":\"Not Found\"}");
      } else {
        ObjectNode c = FakeGitHub.fixture("content.json");
        c.put("path", path.substring((repo + "/contents/").length()))
            .put("size", text.length())
            .put(
                "content",
                Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        reply.send(200, c.toString());
      }
      return true;
    }
    if (method.equals("GET")
        && (m = Pattern.compile(Pattern.quote(repo) + "/git/refs?/heads/(.+)").matcher(path))
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
        reply.send(
            422,
            "{\"message\":\"Reference already exists\",\"documentation_url\":"
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
      committed.put(
          branch + ":" + file,
          new String(
              Base64.getMimeDecoder().decode(req.path("content").asText()),
              StandardCharsets.UTF_8));
      String sha = String.format("%040x", commits.incrementAndGet());
      branches.put(branch, sha);
      ObjectNode c = FakeGitHub.fixture("content-created.json");
      ((ObjectNode) c.get("content"))
          .put("path", file)
          .put("name", file.substring(file.lastIndexOf('/') + 1));
      ((ObjectNode) c.get("commit")).put("sha", sha);
      reply.send(201, c.toString());
      return true;
    }
    if ((m =
                Pattern.compile(Pattern.quote(repo) + "/(pulls|issues)/(\\d+)(/comments)?")
                    .matcher(path))
            .matches()
        && pulls.containsKey(Integer.parseInt(m.group(2)))) {
      int number = Integer.parseInt(m.group(2));
      if (method.equals("GET") && m.group(1).equals("pulls") && m.group(3) == null) {
        reply.send(200, pull(number).toString());
        return true;
      }
      if (method.equals("PATCH") && m.group(1).equals("pulls") && m.group(3) == null) {
        JsonNode req = FakeGitHub.JSON.readTree(body);
        if (req.has("body")) {
          pulls.get(number).put("body", req.path("body").asText());
        }
        if (req.path("state").asText().equals("closed")) {
          pulls.get(number).put("state", "closed");
        }
        reply.send(200, pull(number).toString());
        return true;
      }
      if (method.equals("POST") && m.group(1).equals("issues") && m.group(3) != null) {
        String text = FakeGitHub.JSON.readTree(body).path("body").asText();
        comments.computeIfAbsent(number, n -> new CopyOnWriteArrayList<>()).add(text);
        reply.send(
            201,
            FakeGitHub.fixture("issue-comment.json")
                .put("id", 7_000_000 + commits.incrementAndGet())
                .put("body", text)
                .toString());
        return true;
      }
    }
    if (method.equals("POST") && path.equals(repo + "/pulls")) {
      JsonNode req = FakeGitHub.JSON.readTree(body);
      int number = numbers.incrementAndGet();
      String branch = req.path("head").asText();
      Map<String, String> files = new java.util.TreeMap<>();
      committed.forEach(
          (k, v) -> {
            if (k.startsWith(branch + ":")) {
              files.put(k.substring(branch.length() + 1), v);
            }
          });
      pulls.put(
          number,
          new ConcurrentHashMap<>(
              Map.of(
                  "state",
                  "open",
                  "title",
                  req.path("title").asText(),
                  "body",
                  req.path("body").asText(),
                  "branch",
                  branch)));
      opened.add(
          new Opened(
              number,
              branch,
              req.path("base").asText(),
              req.path("title").asText(),
              req.path("body").asText(),
              req.path("draft").asBoolean(false),
              files));
      ObjectNode p = FakeGitHub.fixture("pull-created.json");
      p.put("number", number)
          .put("title", req.path("title").asText())
          .put("body", req.path("body").asText())
          .put("draft", req.path("draft").asBoolean(false));
      ((ObjectNode) p.get("head")).put("ref", branch).put("sha", branches.get(branch));
      reply.send(201, p.toString());
      return true;
    }
    return false;
  }

  /** A person closes (or merges) pull request {@code number} on the host. */
  public void setState(int number, String state) {
    pulls.get(number).put("state", state);
  }

  /** The pull request as GitHub answers for it in its current state. */
  private ObjectNode pull(int number) {
    Map<String, String> now = pulls.get(number);
    boolean open = now.get("state").equals("open");
    ObjectNode p = FakeGitHub.fixture(open ? "pull-created.json" : "pull-closed.json");
    p.put("number", number)
        .put("title", now.get("title"))
        .put("body", now.get("body"))
        .put("merged", now.get("state").equals("merged"));
    if (now.get("state").equals("merged")) {
      p.put("merged_at", "2026-12-03T07:00:00Z");
    }
    ((ObjectNode) p.get("head"))
        .put("ref", now.get("branch"))
        .put("sha", branches.get(now.get("branch")));
    return p;
  }

  private ObjectNode ref(String branch, String sha) {
    ObjectNode r = FakeGitHub.fixture("git-ref.json");
    r.put("ref", "refs/heads/" + branch);
    ((ObjectNode) r.get("object")).put("sha", sha);
    return r;
  }
}
