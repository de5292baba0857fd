package dev.schemawarden.app.host.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.schemawarden.app.testing.ScenarioGit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local GitLab REST API (v4) for one project and merge request. Every answer is built from a recorded real GitLab
 * response ({@code fixtures/gitlab/rest/*.json}, see the README there) with only the fields that identify this
 * scenario changed; notes, discussions and commit statuses are kept so re-runs see what earlier runs posted. Lists
 * are paginated two items a page with GitLab's {@code X-Next-Page}/{@code X-Total-Pages} headers. Every call is
 * recorded, with its form parameters decoded.
 */
final class FakeGitLab implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 2;

  /** One request: {@code path} is decoded (so {@code group/project} reads naturally), {@code form} holds its body. */
  record Call(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> form,
      String token) {
    String route() {
      return method + " " + path;
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong(500);

  private record Fault(String prefix, int status, int[] remaining) {}

  private final List<Fault> failures = new CopyOnWriteArrayList<>();

  final String project;
  final int iid;
  final String baseSha;
  final String startSha;
  volatile String headSha;
  final List<ObjectNode> diffs = new CopyOnWriteArrayList<>();
  final Map<String, String> contents = new ConcurrentHashMap<>();
  final List<ObjectNode> notes = new CopyOnWriteArrayList<>();
  final List<ObjectNode> discussions = new CopyOnWriteArrayList<>();
  final List<Map<String, String>> statuses = new CopyOnWriteArrayList<>();

  /** username -> access level (30 Developer, 20 Reporter); users not here do not exist. */
  final Map<String, Integer> members = new ConcurrentHashMap<>();

  final List<String> approvedBy = new CopyOnWriteArrayList<>();

  /** The merge request's {@code state} when set ({@code opened}); else the recorded one ({@code merged}, squashed). */
  volatile String mrState;

  /** Branches, commits and merge requests the bot proposes itself ({@code warden watch}). */
  final FakeGitLabProposals proposals;

  /** The project's real git at {@code <url>/<namespace>/<name>.git}, as GitLab serves it. */
  private final ScenarioGit git;

  private volatile ScenarioGit.Commits commits;
  private volatile boolean changed = true;

  /**
   * {@code baseSha}, {@code startSha} and {@code headSha} name the sides in the scenario ({@link #file},
   * {@link #content}, statuses and positions as the tests read them); the merge request itself answers with the real
   * commits of the served repository ({@link #gitBase()}, {@link #gitHead()}; the target branch is the base).
   */
  FakeGitLab(String project, int iid, String baseSha, String startSha, String headSha) {
    this.project = project;
    this.iid = iid;
    this.baseSha = baseSha;
    this.startSha = startSha;
    this.headSha = headSha;
    this.proposals = new FakeGitLabProposals(project);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    int slash = project.lastIndexOf('/');
    git = new ScenarioGit(server, "/" + project.substring(0, slash), project.substring(slash + 1));
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A changed file: its diff as GitLab shows it, and its text at head (and at base unless added). */
  void file(String path, boolean added, String diff, String headText, String baseText) {
    ObjectNode d = fixture("diff.json");
    d.put("old_path", path).put("new_path", path).put("new_file", added).put("diff", diff);
    diffs.add(d);
    contents.put(headSha + ":" + path, headText);
    if (baseText != null) {
      contents.put(baseSha + ":" + path, baseText);
    }
    changed = true;
  }

  void content(String sha, String path, String text) {
    contents.put(sha + ":" + path, text);
    changed = true;
  }

  /** Forgets the merge request's files: the next {@link #file}s are its only change. */
  void clearChanges() {
    diffs.clear();
    contents.keySet().removeIf(k -> k.startsWith(headSha + ":"));
    changed = true;
  }

  /** The git requests served so far (clone, fetches). */
  List<dev.schemawarden.app.testing.GitHttpServer.Request> gitRequests() {
    return git.requests();
  }

  /** The real merge base (and target branch) commit: the scenario's base files. */
  String gitBase() {
    return commitScenario().base();
  }

  /** The real head commit: the base plus the files at the current {@link #headSha}. */
  String gitHead() {
    return commitScenario().head();
  }

  private String committedHead = "";

  private synchronized ScenarioGit.Commits commitScenario() {
    if (changed || commits == null || !committedHead.equals(headSha)) {
      changed = false;
      committedHead = headSha;
      commits =
          git.commit(
              ScenarioGit.side(contents, baseSha),
              ScenarioGit.side(contents, headSha),
              List.of(),
              "master",
              "refs/merge-requests/" + iid + "/head");
    }
    return commits;
  }

  /** The scenario's name for a real commit; {@code startSha} is not a commit of its own here. */
  private String scenarioSha(String sha) {
    ScenarioGit.Commits c = commitScenario();
    return sha.equals(c.head()) ? headSha : sha.equals(c.base()) ? baseSha : sha;
  }

  /** The next {@code times} calls whose route starts with {@code prefix} answer {@code status}. */
  void fail(String methodAndPathPrefix, int times, int status) {
    failures.add(new Fault(methodAndPathPrefix, status, new int[] {times}));
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls that changed something, as {@code METHOD /path}. */
  List<String> writes() {
    return calls.stream().filter(c -> !c.method().equals("GET")).map(Call::route).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
    Map<String, String> query = params(ex.getRequestURI().getRawQuery());
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> form = params(body);
    calls.add(
        new Call(
            method,
            path,
            query,
            form,
            String.valueOf(ex.getRequestHeaders().getFirst("Private-Token"))));
    for (Fault f : failures) {
      synchronized (f) {
        if (f.remaining()[0] > 0 && (method + " " + path).startsWith(f.prefix())) {
          f.remaining()[0]--;
          send(ex, f.status(), Map.of(), "{\"message\":\"" + f.status() + " injected\"}");
          return;
        }
      }
    }
    if (proposals.answer(
        method,
        path,
        ex.getRequestURI().getRawQuery(),
        body,
        (status, text) -> send(ex, status, Map.of(), text))) {
      return;
    }
    try {
      answer(ex, method, path, query, form);
    } catch (RuntimeException e) {
      send(ex, 500, Map.of(), "{\"message\":\"fake: " + e.toString().replace('"', '\'') + "\"}");
    }
  }

  private void answer(
      HttpExchange ex,
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> form)
      throws IOException {
    String p = "/api/v4/projects/" + project;
    String mr = p + "/merge_requests/" + iid;
    Matcher m;
    if (method.equals("GET") && path.equals("/api/v4/users")) {
      String username = query.getOrDefault("username", "");
      ArrayNode users = JSON.createArrayNode();
      if (members.containsKey(username)) {
        users.add(fixture("user.json").put("username", username).put("id", userId(username)));
      }
      send(ex, 200, Map.of(), users.toString());
    } else if (method.equals("GET") && path.equals("/api/v4/user")) {
      send(
          ex,
          200,
          Map.of(),
          fixture("user.json").put("username", "warden-bot").put("id", 4242).toString());
    } else if (!path.startsWith(p + "/")) {
      notFound(ex);
    } else if (method.equals("GET") && path.equals(mr)) {
      ObjectNode r = fixture("merge-request.json");
      ScenarioGit.Commits c = commitScenario();
      r.put("iid", iid)
          .put("sha", c.head())
          .put("source_branch", "ms-viewport")
          .put("target_branch", "master");
      if (mrState != null) {
        r.put("state", mrState).putNull("merge_commit_sha").putNull("squash_commit_sha");
      }
      ((ObjectNode) r.get("author")).put("username", "root");
      ((ObjectNode) r.get("diff_refs"))
          .put("base_sha", c.base())
          .put("start_sha", c.base())
          .put("head_sha", c.head());
      send(ex, 200, Map.of(), r.toString());
    } else if (method.equals("GET") && path.equals(mr + "/diffs")) {
      page(ex, query, new ArrayList<>(diffs));
    } else if (method.equals("GET") && path.equals(mr + "/approvals")) {
      ObjectNode a = fixture("approvals.json");
      a.put("iid", iid);
      ArrayNode by = a.putArray("approved_by");
      approvedBy.forEach(
          u ->
              by.addObject()
                  .set("user", fixture("user.json").put("username", u).put("id", userId(u))));
      send(ex, 200, Map.of(), a.toString());
    } else if (method.equals("GET") && path.startsWith(p + "/repository/files/")) {
      String file = path.substring((p + "/repository/files/").length());
      String text = contents.get(scenarioSha(String.valueOf(query.get("ref"))) + ":" + file);
      if (text == null) {
        send(ex, 404, Map.of(), "{\"message\":\"404 File Not Found\"}");
        return;
      }
      ObjectNode f = fixture("repository-file.json");
      f.put("file_name", file.substring(file.lastIndexOf('/') + 1))
          .put("file_path", file)
          .put("ref", query.get("ref"))
          .put("size", text.length())
          .put(
              "content", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
      send(ex, 200, Map.of(), f.toString());
    } else if (method.equals("POST")
        && (m = Pattern.compile(Pattern.quote(p) + "/statuses/([0-9a-f]+)").matcher(path))
            .matches()) {
      String sha = scenarioSha(m.group(1));
      String state = form.getOrDefault("state", "");
      String name = form.getOrDefault("name", "default");
      Map<String, String> last =
          statuses.stream()
              .filter(s -> s.get("sha").equals(sha) && s.get("name").equals(name))
              .reduce((a, b) -> b)
              .orElse(null);
      if (last != null && last.get("state").equals(state)) {
        // What GitLab answers when a status is set to the state it already has.
        send(
            ex,
            400,
            Map.of(),
            "{\"message\":\"Cannot transition status via :enqueue from :pending (Reason(s):"
                + " Status cannot transition via \\\"enqueue\\\")\"}");
        return;
      }
      Map<String, String> s = new LinkedHashMap<>(form);
      s.put("sha", sha);
      s.put("name", name);
      statuses.add(s);
      ObjectNode c = fixture("commit-status.json");
      c.put("id", ids.incrementAndGet())
          .put("sha", sha)
          .put("status", state)
          .put("name", name)
          .put("ref", form.getOrDefault("ref", ""))
          .put("description", form.getOrDefault("description", ""));
      send(ex, 201, Map.of(), c.toString());
    } else if (method.equals("GET") && path.equals(mr + "/notes")) {
      page(ex, query, new ArrayList<>(notes));
    } else if (method.equals("POST") && path.equals(mr + "/notes")) {
      ObjectNode n = fixture("note.json");
      n.put("id", ids.incrementAndGet()).put("body", form.get("body")).put("noteable_iid", iid);
      ((ObjectNode) n.get("author")).put("username", "schema-warden-bot");
      notes.add(n);
      send(ex, 201, Map.of(), n.toString());
    } else if (method.equals("PUT")
        && (m = Pattern.compile(Pattern.quote(mr) + "/notes/(\\d+)").matcher(path)).matches()) {
      long id = Long.parseLong(m.group(1));
      ObjectNode n =
          notes.stream().filter(x -> x.path("id").asLong() == id).findFirst().orElse(null);
      if (n == null) {
        notFound(ex);
        return;
      }
      n.put("body", form.get("body"));
      send(ex, 200, Map.of(), n.toString());
    } else if (method.equals("GET") && path.equals(mr + "/discussions")) {
      page(ex, query, new ArrayList<>(discussions));
    } else if (method.equals("POST") && path.equals(mr + "/discussions")) {
      ObjectNode d = fixture("discussion.json");
      d.put(
          "id",
          Long.toHexString(ids.incrementAndGet()) + "a9c1750b37d513a43987b574953fceb50b03ce7");
      ArrayNode ns = d.putArray("notes");
      ObjectNode n = ns.addObject();
      n.put("id", ids.incrementAndGet()).put("type", "DiffNote").put("body", form.get("body"));
      ObjectNode pos = n.putObject("position");
      form.forEach(
          (k, v) -> {
            if (k.startsWith("position[")) {
              String key = k.substring("position[".length(), k.length() - 1);
              // kept as the scenario names them; start_sha is the base here (one commit stands for
              // both)
              pos.put(
                  key,
                  key.equals("start_sha") && v.equals(commitScenario().base())
                      ? startSha
                      : key.endsWith("_sha") ? scenarioSha(v) : v);
            }
          });
      discussions.add(d);
      send(ex, 201, Map.of(), d.toString());
    } else if (method.equals("GET")
        && (m = Pattern.compile(Pattern.quote(p) + "/members/all/(\\d+)").matcher(path))
            .matches()) {
      long id = Long.parseLong(m.group(1));
      var user = members.entrySet().stream().filter(e -> userId(e.getKey()) == id).findFirst();
      if (user.isEmpty()) {
        send(ex, 404, Map.of(), "{\"message\":\"404 Not found\"}");
        return;
      }
      ObjectNode mem = fixture("member.json");
      mem.put("id", id)
          .put("username", user.get().getKey())
          .put("access_level", user.get().getValue());
      send(ex, 200, Map.of(), mem.toString());
    } else {
      notFound(ex);
    }
  }

  static long userId(String username) {
    return 1000 + Math.abs(username.hashCode() % 100_000);
  }

  private void page(HttpExchange ex, Map<String, String> query, List<ObjectNode> all)
      throws IOException {
    int page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
    int pages = Math.max(1, (all.size() + PAGE - 1) / PAGE);
    int from = Math.min(all.size(), (page - 1) * PAGE);
    int to = Math.min(all.size(), from + PAGE);
    ArrayNode items = JSON.createArrayNode();
    all.subList(from, to).forEach(items::add);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Page", Integer.toString(page));
    h.put("X-Per-Page", Integer.toString(PAGE));
    h.put("X-Total", Integer.toString(all.size()));
    h.put("X-Total-Pages", Integer.toString(pages));
    h.put("X-Next-Page", page < pages ? Integer.toString(page + 1) : "");
    h.put("X-Prev-Page", page > 1 ? Integer.toString(page - 1) : "");
    send(ex, 200, h, items.toString());
  }

  private static Map<String, String> params(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static void notFound(HttpExchange ex) throws IOException {
    send(ex, 404, Map.of(), "{\"message\":\"404 Not Found\"}");
  }

  private static void send(HttpExchange ex, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  static ObjectNode fixture(String name) {
    try (InputStream in = FakeGitLab.class.getResourceAsStream("/fixtures/gitlab/rest/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture fixtures/gitlab/rest/" + name);
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode position(ObjectNode discussion) {
    return discussion.path("notes").path(0).path("position");
  }

  @Override
  public void close() {
    server.stop(0);
    git.close();
  }
}
