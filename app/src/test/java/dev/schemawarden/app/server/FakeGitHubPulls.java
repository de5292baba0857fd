package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pull requests the bot opened ({@link FakeGitHubProposals#opened}) as people then see and change them: read
 * back ({@code GET /pulls/N}, {@code /reviews}, {@code /files}, files at any of their commits), reviewed, pushed to
 * and merged. Answers are the recorded hub4j responses ({@code pull.json}, {@code review.json},
 * {@code pull-file.json}, {@code content.json}) with the scenario's fields set. Only the opened pull requests'
 * numbers are answered here; everything else falls through to {@link FakeGitHub}.
 */
public final class FakeGitHubPulls {
  private final String repository;
  private final FakeGitHubProposals proposals;

  /** Files of the default branch (what a merge commit holds besides the pull request's files). */
  private final Map<String, String> main = new ConcurrentHashMap<>();

  /** Commit to its files, for every head and merge commit answered so far. */
  private final Map<String, Map<String, String>> commits = new ConcurrentHashMap<>();

  private final Map<Integer, List<ObjectNode>> reviews = new ConcurrentHashMap<>();
  private final Map<Integer, String> merged = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(7_000_000);
  private final AtomicInteger pushes = new AtomicInteger(0xa000);

  FakeGitHubPulls(String repository, FakeGitHubProposals proposals) {
    this.repository = repository;
    this.proposals = proposals;
  }

  /** A file of the default branch. */
  public void mainFile(String path, String text) {
    main.put(path, text);
  }

  /** The current head commit of pull request {@code number}. */
  public String head(int number) {
    return proposals.branches.get(opened(number).branch());
  }

  /** A review by {@code user} ({@code APPROVED}, {@code CHANGES_REQUESTED}, ...) on {@code sha}. */
  public void review(int number, String user, String state, String sha) {
    ObjectNode r = FakeGitHub.fixture("review.json");
    r.put("id", ids.incrementAndGet())
        .put("state", state)
        .put("commit_id", sha)
        .put(
            "submitted_at",
            Instant.parse("2026-03-01T00:00:00Z").plusSeconds(ids.get() % 100_000).toString());
    ((ObjectNode) r.get("user")).put("login", user).put("type", "User");
    reviews.computeIfAbsent(number, n -> new CopyOnWriteArrayList<>()).add(r);
  }

  /** Someone pushes {@code text} as {@code path} onto the pull request's branch; returns the new head. */
  public String push(int number, String path, String text) {
    String branch = opened(number).branch();
    snapshot(head(number));
    proposals.committed.put(branch + ":" + path, text);
    String sha = String.format("%040x", pushes.incrementAndGet());
    proposals.branches.put(branch, sha);
    return snapshot(sha);
  }

  /** Merges pull request {@code number}: a merge commit holding the default branch plus its files. */
  public String merge(int number) {
    Map<String, String> files = new TreeMap<>(main);
    files.putAll(branchFiles(opened(number).branch()));
    String sha = String.format("%040x", 0xfeed0000L + number);
    commits.put(sha, Map.copyOf(files));
    merged.put(number, sha);
    return sha;
  }

  private FakeGitHubProposals.Opened opened(int number) {
    return proposals.opened.stream()
        .filter(o -> o.number() == number)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no pull request #" + number + " was opened"));
  }

  private Map<String, String> branchFiles(String branch) {
    Map<String, String> files = new TreeMap<>();
    proposals.committed.forEach(
        (k, v) -> {
          if (k.startsWith(branch + ":")) {
            files.put(k.substring(branch.length() + 1), v);
          }
        });
    return files;
  }

  /** Records the files of {@code sha} (a head) as they are now; a commit never changes afterwards. */
  private String snapshot(String sha) {
    proposals.opened.stream()
        .filter(o -> sha.equals(proposals.branches.get(o.branch())))
        .findFirst()
        .ifPresent(o -> commits.putIfAbsent(sha, Map.copyOf(branchFiles(o.branch()))));
    return sha;
  }

  /** Answers a call about an opened pull request (or a file at one of its commits); false leaves it to others. */
  boolean answer(String method, String path, String query, FakeGitHubProposals.Reply reply)
      throws IOException {
    if (!method.equals("GET")) {
      return false;
    }
    String repo = "/repos/" + repository;
    Matcher m =
        Pattern.compile(Pattern.quote(repo) + "/pulls/(\\d+)(/reviews|/files)?").matcher(path);
    if (m.matches()) {
      int number = Integer.parseInt(m.group(1));
      Optional<FakeGitHubProposals.Opened> o =
          proposals.opened.stream().filter(x -> x.number() == number).findFirst();
      if (o.isEmpty()) {
        return false;
      }
      String head = snapshot(head(number));
      if (m.group(2) == null) {
        reply.send(200, pull(o.get(), head).toString());
      } else if (m.group(2).equals("/reviews")) {
        ArrayNode list = FakeGitHub.JSON.createArrayNode();
        reviews.getOrDefault(number, List.of()).forEach(list::add);
        reply.send(200, list.toString());
      } else {
        ArrayNode list = FakeGitHub.JSON.createArrayNode();
        commits
            .get(head)
            .forEach(
                (file, text) -> {
                  ObjectNode f = FakeGitHub.fixture("pull-file.json");
                  f.put("filename", file)
                      .put("status", "added")
                      .put("patch", "@@ -0,0 +1 @@\n+" + text.strip());
                  list.add(f);
                });
        reply.send(200, list.toString());
      }
      return true;
    }
    String ref = query.replaceFirst("^(?:.*&)?ref=([^&]*).*$", "$1");
    if (path.startsWith(repo + "/contents/") && commits.containsKey(ref)) {
      String file = path.substring((repo + "/contents/").length());
      String text = commits.get(ref).get(file);
      if (text == null) {
        reply.send(404, "{\"message\":\"Not Found\"}");
      } else {
        ObjectNode c = FakeGitHub.fixture("content.json");
        c.put("name", file.substring(file.lastIndexOf('/') + 1))
            .put("path", file)
            .put("size", text.length())
            .put(
                "content",
                Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        reply.send(200, c.toString());
      }
      return true;
    }
    return false;
  }

  private ObjectNode pull(FakeGitHubProposals.Opened o, String head) {
    ObjectNode p = FakeGitHub.fixture("pull.json");
    ObjectNode repo = FakeGitHub.fixture("repository.json");
    repo.put("full_name", repository).put("name", repository.split("/")[1]);
    ((ObjectNode) repo.get("owner")).put("login", repository.split("/")[0]);
    String merge = merged.get(o.number());
    // What later calls did to it (a body edited, closed by the bot or a person) is held by the
    // proposals fake.
    Map<String, String> now = proposals.pulls.getOrDefault(o.number(), Map.of());
    boolean closed = merge != null || !now.getOrDefault("state", "open").equals("open");
    p.put("number", o.number())
        .put("title", o.title())
        .put("body", now.getOrDefault("body", o.body()))
        .put("draft", o.draft())
        .put("state", closed ? "closed" : "open")
        .put("merged", merge != null || now.getOrDefault("state", "").equals("merged"));
    if (merge == null) {
      p.putNull("merge_commit_sha").putNull("merged_at");
    } else {
      p.put("merge_commit_sha", merge).put("merged_at", "2026-03-02T00:00:00Z");
    }
    ((ObjectNode) p.get("user")).put("login", "warden-bot");
    ObjectNode h = (ObjectNode) p.get("head");
    h.put("sha", head).put("ref", o.branch());
    h.set("repo", repo);
    ObjectNode b = (ObjectNode) p.get("base");
    b.put("sha", FakeGitHubProposals.MAIN_SHA).put("ref", o.base());
    b.set("repo", repo.deepCopy());
    return p;
  }
}
