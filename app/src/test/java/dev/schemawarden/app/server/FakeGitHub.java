package dev.schemawarden.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.schemawarden.app.testing.GitHttpServer;
import dev.schemawarden.app.testing.ScenarioGit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local GitHub REST API for one repository and pull request. Every answer is built from a recorded real GitHub
 * response ({@code fixtures/github/rest/*.json}, see the README there) with only the fields that identify this
 * scenario changed, and the state (check runs, comments) is kept so re-runs see what earlier runs posted. Every
 * call is recorded; failures and hangs can be injected per route.
 */
public final class FakeGitHub implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Small on purpose, so listing files and comments follows {@code Link: rel="next"} pagination. */
  private static final int PAGE = 2;

  record Call(
      String method, String path, String query, String body, Instant at, String authorization) {
    String route() {
      return method + " " + path;
    }
  }

  record Injected(int status, Map<String, String> headers, String body) {}

  private record Fault(Predicate<String> route, Injected response, int[] remaining) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final Map<String, CountDownLatch> hangs = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(9_000_000);
  private volatile Outage outage;

  /** Calls answered by the outage. */
  final java.util.concurrent.atomic.AtomicInteger refused =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Further pull request numbers answered like {@link #number} (same files; comments shared). */
  final java.util.Set<Integer> alsoPulls = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private record Outage(
      java.time.Clock clock, Instant until, Predicate<String> when, Injected response) {}

  final String repository;
  final int number;
  final String baseSha;
  final String headSha;
  final String author = "Codertocat";
  final List<ObjectNode> files = new CopyOnWriteArrayList<>();
  final Map<String, String> contents = new java.util.concurrent.ConcurrentHashMap<>();
  final Map<Long, ObjectNode> checkRuns = new java.util.concurrent.ConcurrentSkipListMap<>();
  final List<ObjectNode> issueComments = new CopyOnWriteArrayList<>();
  final List<ObjectNode> reviewComments = new CopyOnWriteArrayList<>();
  final Map<String, String> permissions = new java.util.concurrent.ConcurrentHashMap<>();
  final List<ObjectNode> reviews = new CopyOnWriteArrayList<>();
  final List<ObjectNode> commits = new CopyOnWriteArrayList<>();
  final Map<String, List<ObjectNode>> teamMembers = new java.util.concurrent.ConcurrentHashMap<>();

  /** Branches, commits and pull requests the bot proposes itself ({@code warden watch}). */
  public final FakeGitHubProposals proposals;

  /** Those pull requests read back, reviewed, pushed to and merged (an agent's request_apply). */
  public final FakeGitHubPulls pulls;

  /** The token's own login ({@code GET /user}). */
  final String botLogin = "warden-bot";

  /** The repository's real git, served by {@code git http-backend} at {@code <url>/git/<owner>/<repo>.git}. */
  private final ScenarioGit git;

  private volatile ScenarioGit.Commits scenario;
  private volatile boolean changed = true;

  /**
   * {@code baseSha} and {@code headSha} name the two sides in the scenario ({@link #file}, {@link #content},
   * {@link #review}, webhook payloads); the pull request itself answers with the real commits of the served
   * repository, built from the scenario's files ({@link #gitBase()}, {@link #gitHead()}).
   */
  public FakeGitHub(String repository, int number, String baseSha, String headSha) {
    this.repository = repository;
    this.number = number;
    this.baseSha = baseSha;
    this.headSha = headSha;
    this.proposals = new FakeGitHubProposals(repository);
    this.pulls = new FakeGitHubPulls(repository, proposals);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    git = new ScenarioGit(server, "/git/" + repository.split("/")[0], repository.split("/")[1]);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** What {@code WARDEN_GITHUB_GIT_URL} names: the root the service clones {@code owner/repo.git} from. */
  String gitUrl() {
    return url() + "/git";
  }

  /** The git requests served so far (clone, fetches). */
  List<GitHttpServer.Request> gitRequests() {
    return git.requests();
  }

  /** The real base commit of the pull request (the scenario's base files). */
  String gitBase() {
    return commitScenario().base();
  }

  /** The real head commit: the base plus the pull request's files. */
  String gitHead() {
    return commitScenario().head();
  }

  /** Commits the scenario into the served repository when it changed since the last time (see ScenarioGit). */
  private synchronized ScenarioGit.Commits commitScenario() {
    if (changed || scenario == null) {
      changed = false;
      List<String> removed = new ArrayList<>();
      for (ObjectNode f : files) {
        if (f.path("status").asText().equals("removed")) {
          removed.add(f.path("filename").asText());
        } else if (f.has("previous_filename")) {
          removed.add(f.path("previous_filename").asText());
        }
      }
      scenario =
          git.commit(
              ScenarioGit.side(contents, baseSha),
              ScenarioGit.side(contents, headSha),
              removed,
              "main",
              "refs/pull/" + number + "/head");
    }
    return scenario;
  }

  /** The scenario's name for a real commit ({@link #baseSha}, {@link #headSha}), or the commit itself. */
  private String scenarioSha(String sha) {
    ScenarioGit.Commits c = commitScenario();
    return sha.equals(c.head()) ? headSha : sha.equals(c.base()) ? baseSha : sha;
  }

  /** The real commit for a scenario's name. */
  private String realSha(String sha) {
    ScenarioGit.Commits c = commitScenario();
    return sha.equals(headSha) ? c.head() : sha.equals(baseSha) ? c.base() : sha;
  }

  // ---- scenario set-up
  // -------------------------------------------------------------------------------------

  /** A file of the pull request; {@code headText} is served at the head commit, {@code baseText} at the base. */
  void file(String path, String status, String patch, String headText, String baseText) {
    ObjectNode f = fixture("pull-file.json");
    f.put("filename", path).put("status", status).put("patch", patch);
    files.add(f);
    if (headText != null) {
      contents.put(headSha + ":" + path, headText);
    }
    if (baseText != null) {
      contents.put(baseSha + ":" + path, baseText);
    }
    changed = true;
  }

  /** A file that the pull request does not touch but the review reads (the configuration). */
  void content(String sha, String path, String text) {
    contents.put(sha + ":" + path, text);
    changed = true;
  }

  /** A review on the pull request ({@code state} APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED). */
  void review(String user, String state, String sha) {
    ObjectNode r = fixture("review.json");
    r.put("id", ids.incrementAndGet())
        .put("state", state)
        .put("commit_id", sha)
        .put(
            "submitted_at",
            Instant.parse("2024-01-01T00:00:00Z").plusSeconds(reviews.size()).toString());
    ((ObjectNode) r.get("user")).put("login", user).put("type", "User");
    reviews.add(r);
  }

  /** A commit of the pull request, authored and committed by these GitHub accounts. */
  void commit(String authorLogin, String committerLogin) {
    ObjectNode c = fixture("pull-commit.json");
    ((ObjectNode) c.get("author")).put("login", authorLogin);
    ((ObjectNode) c.get("committer")).put("login", committerLogin);
    commits.add(c);
  }

  /** A member of {@code org/slug}; the team exists once it has one. */
  void teamMember(String team, String login) {
    ObjectNode m = fixture("team-member.json");
    m.put("login", login);
    teamMembers
        .computeIfAbsent(team.toLowerCase(java.util.Locale.ROOT), t -> new CopyOnWriteArrayList<>())
        .add(m);
  }

  /** The next {@code times} calls whose {@code METHOD /path} matches answer {@code response}. */
  void fail(String routeRegex, int times, Injected response) {
    Pattern p = Pattern.compile(routeRegex);
    faults.add(new Fault(r -> p.matcher(r).matches(), response, new int[] {times}));
  }

  /** The next call matching {@code routeRegex} blocks until the returned latch is released, then answers 502. */
  CountDownLatch hang(String routeRegex) {
    CountDownLatch latch = new CountDownLatch(1);
    synchronized (hangs) {
      hangs.put(routeRegex, latch);
    }
    return latch;
  }

  /**
   * Every call answers {@code response} while {@code clock} (the service's, simulated) is before {@code until},
   * and also afterwards each time {@code randomly} says so: an outage in simulated time, and flakiness.
   */
  void outage(java.time.Clock clock, Instant until, Predicate<String> randomly, Injected response) {
    outage = new Outage(clock, until, randomly, response);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls that changed something (POST, PATCH, PUT, DELETE), as {@code METHOD /path}. */
  List<String> writes() {
    return calls.stream().filter(c -> !c.method().equals("GET")).map(Call::route).toList();
  }

  // ---- the API
  // ---------------------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
    String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!alsoPulls.isEmpty()) {
      Matcher pm =
          Pattern.compile(
                  "^(/repos/" + Pattern.quote(repository) + "/(?:pulls|issues))/(\\d+)(/.*)?$")
              .matcher(path);
      if (pm.matches() && alsoPulls.contains(Integer.parseInt(pm.group(2)))) {
        path = pm.group(1) + "/" + number + (pm.group(3) == null ? "" : pm.group(3));
      }
    }
    String route = method + " " + path;
    Outage down = outage;
    if (down != null
        && (down.clock().instant().isBefore(down.until()) || down.when().test(route))) {
      refused.incrementAndGet(); // not in calls(): nothing happened on the host
      send(ex, down.response().status(), down.response().headers(), down.response().body());
      return;
    }
    calls.add(
        new Call(
            method,
            path,
            query,
            body,
            Instant.now(),
            String.valueOf(ex.getRequestHeaders().getFirst("Authorization"))));
    CountDownLatch hang = takeHang(route);
    if (hang != null) {
      try {
        hang.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      send(ex, 502, Map.of(), "{\"message\":\"Server Error\"}");
      return;
    }
    for (Fault f : faults) {
      synchronized (f) {
        if (f.remaining()[0] > 0 && f.route().test(route)) {
          f.remaining()[0]--;
          send(ex, f.response().status(), f.response().headers(), f.response().body());
          return;
        }
      }
    }
    try {
      answer(ex, method, path, query, body);
    } catch (RuntimeException e) {
      send(ex, 500, Map.of(), "{\"message\":\"fake: " + e + "\"}");
    }
  }

  private CountDownLatch takeHang(String route) {
    synchronized (hangs) {
      for (var it = hangs.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (route.matches(e.getKey())) {
          it.remove();
          return e.getValue();
        }
      }
    }
    return null;
  }

  private void answer(HttpExchange ex, String method, String path, String query, String body)
      throws IOException {
    String repo = "/repos/" + repository;
    if (pulls.answer(method, path, query, (status, text) -> send(ex, status, Map.of(), text))) {
      return;
    }
    if (proposals.answer(
        method, path, query, body, (status, text) -> send(ex, status, Map.of(), text))) {
      return;
    }
    Matcher m;
    if (method.equals("POST")
        && (m = Pattern.compile("/app/installations/(\\d+)/access_tokens").matcher(path))
            .matches()) {
      ObjectNode t = fixture("installation-token.json");
      t.put("token", "ghs_installation_" + m.group(1))
          .put("expires_at", Instant.now().plusSeconds(3600).toString());
      send(ex, 201, Map.of(), t.toString());
    } else if (method.equals("GET") && path.equals("/user")) {
      send(ex, 200, Map.of(), fixture("user.json").put("login", botLogin).toString());
    } else if (method.equals("GET")
        && (m = Pattern.compile("/orgs/([^/]+)/teams/([^/]+)/members").matcher(path)).matches()) {
      List<ObjectNode> members =
          teamMembers.get((m.group(1) + "/" + m.group(2)).toLowerCase(java.util.Locale.ROOT));
      if (members == null) {
        notFound(ex);
      } else {
        page(ex, path, query, new ArrayList<>(members));
      }
    } else if (!path.startsWith(repo)) {
      notFound(ex);
    } else if (method.equals("GET") && path.equals(repo + "/pulls/" + number + "/reviews")) {
      List<ObjectNode> onCommits = new ArrayList<>();
      reviews.forEach(
          r -> onCommits.add(r.deepCopy().put("commit_id", realSha(r.path("commit_id").asText()))));
      page(ex, path, query, onCommits);
    } else if (method.equals("GET") && path.equals(repo + "/pulls/" + number + "/commits")) {
      page(ex, path, query, new ArrayList<>(commits));
    } else if (method.equals("GET") && path.equals(repo)) {
      ObjectNode r = fixture("repository.json");
      r.put("full_name", repository).put("name", repository.split("/")[1]);
      ((ObjectNode) r.get("owner")).put("login", repository.split("/")[0]);
      send(ex, 200, Map.of(), r.toString());
    } else if (method.equals("GET") && path.equals(repo + "/pulls/" + number)) {
      send(ex, 200, Map.of(), pull().toString());
    } else if (method.equals("GET") && path.equals(repo + "/pulls/" + number + "/files")) {
      page(ex, path, query, new ArrayList<>(files));
    } else if (method.equals("GET") && path.startsWith(repo + "/contents/")) {
      String file = path.substring((repo + "/contents/").length());
      String ref = scenarioSha(String.valueOf(param(query, "ref")));
      String text = contents.get(ref + ":" + file);
      if (text == null) {
        notFound(ex);
        return;
      }
      ObjectNode c = fixture("content.json");
      c.put("name", file.substring(file.lastIndexOf('/') + 1))
          .put("path", file)
          .put("size", text.length())
          .put(
              "content",
              Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
      send(ex, 200, Map.of(), c.toString());
    } else if (method.equals("GET")
        && (m = Pattern.compile(Pattern.quote(repo) + "/commits/([^/]+)/check-runs").matcher(path))
            .matches()) {
      String sha = m.group(1);
      String name = param(query, "check_name");
      ArrayNode runs = JSON.createArrayNode();
      checkRuns.values().stream()
          .filter(r -> r.path("head_sha").asText().equals(sha))
          .filter(r -> name == null || r.path("name").asText().equals(name))
          .forEach(runs::add);
      ObjectNode list = JSON.createObjectNode().put("total_count", runs.size());
      list.set("check_runs", runs);
      send(ex, 200, Map.of(), list.toString());
    } else if (method.equals("POST") && path.equals(repo + "/check-runs")) {
      JsonNode req = JSON.readTree(body);
      ObjectNode run = fixture("check-run.json");
      long id = ids.incrementAndGet();
      run.put("id", id)
          .put("head_sha", req.path("head_sha").asText())
          .put("name", req.path("name").asText())
          .put("external_id", req.path("external_id").asText())
          .put("status", req.path("status").asText("queued"))
          .putNull("conclusion");
      run.set("request", req);
      checkRuns.put(id, run);
      send(ex, 201, Map.of(), run.toString());
    } else if (method.equals("PATCH")
        && (m = Pattern.compile(Pattern.quote(repo) + "/check-runs/(\\d+)").matcher(path))
            .matches()) {
      ObjectNode run = checkRuns.get(Long.parseLong(m.group(1)));
      if (run == null) {
        notFound(ex);
        return;
      }
      JsonNode req = JSON.readTree(body);
      req.fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("output")) {
                  run.set(e.getKey(), e.getValue());
                }
              });
      if (req.has("output")) {
        ObjectNode out = JSON.createObjectNode();
        out.put("title", req.path("output").path("title").asText())
            .put("summary", req.path("output").path("summary").asText());
        ArrayNode annotations =
            run.has("all_annotations")
                ? (ArrayNode) run.get("all_annotations")
                : run.putArray("all_annotations");
        req.path("output").path("annotations").forEach(annotations::add);
        run.set("output", out);
      }
      send(ex, 200, Map.of(), run.toString());
    } else if (method.equals("GET") && path.equals(repo + "/issues/" + number + "/comments")) {
      page(ex, path, query, new ArrayList<>(issueComments));
    } else if (method.equals("POST") && path.equals(repo + "/issues/" + number + "/comments")) {
      ObjectNode c = fixture("issue-comment.json");
      c.put("id", ids.incrementAndGet()).put("body", JSON.readTree(body).path("body").asText());
      issueComments.add(c);
      send(ex, 201, Map.of(), c.toString());
    } else if (method.equals("PATCH")
        && (m = Pattern.compile(Pattern.quote(repo) + "/issues/comments/(\\d+)").matcher(path))
            .matches()) {
      long id = Long.parseLong(m.group(1));
      ObjectNode c =
          issueComments.stream().filter(x -> x.path("id").asLong() == id).findFirst().orElse(null);
      if (c == null) {
        notFound(ex);
        return;
      }
      c.put("body", JSON.readTree(body).path("body").asText());
      send(ex, 200, Map.of(), c.toString());
    } else if (method.equals("GET") && path.equals(repo + "/pulls/" + number + "/comments")) {
      page(ex, path, query, new ArrayList<>(reviewComments));
    } else if (method.equals("POST") && path.equals(repo + "/pulls/" + number + "/comments")) {
      JsonNode req = JSON.readTree(body);
      ObjectNode c = fixture("review-comment.json");
      c.put("id", ids.incrementAndGet())
          .put("body", req.path("body").asText())
          .put("path", req.path("path").asText())
          .put("commit_id", req.path("commit_id").asText())
          .put("line", req.path("line").asInt());
      if (req.has("start_line")) {
        c.put("start_line", req.path("start_line").asInt());
      } else {
        c.putNull("start_line");
      }
      reviewComments.add(c);
      send(ex, 201, Map.of(), c.toString());
    } else if (method.equals("GET")
        && (m =
                Pattern.compile(Pattern.quote(repo) + "/collaborators/([^/]+)/permission")
                    .matcher(path))
            .matches()) {
      ObjectNode p =
          JSON.createObjectNode().put("permission", permissions.getOrDefault(m.group(1), "read"));
      p.putObject("user").put("login", m.group(1)).put("id", 1).put("type", "User");
      send(ex, 200, Map.of(), p.toString());
    } else {
      notFound(ex);
    }
  }

  private ObjectNode pull() {
    ObjectNode p = fixture("pull.json");
    ObjectNode repo = fixture("repository.json");
    repo.put("full_name", repository).put("name", repository.split("/")[1]);
    ((ObjectNode) repo.get("owner")).put("login", repository.split("/")[0]);
    p.put("number", number);
    ((ObjectNode) p.get("user")).put("login", author);
    ObjectNode head = (ObjectNode) p.get("head");
    head.put("sha", gitHead()).put("ref", "add-order-status");
    head.set("repo", repo);
    ObjectNode base = (ObjectNode) p.get("base");
    base.put("sha", gitBase()).put("ref", "main");
    base.set("repo", repo);
    return p;
  }

  private void page(HttpExchange ex, String path, String query, List<ObjectNode> all)
      throws IOException {
    int page =
        Math.max(
            1, Integer.parseInt(java.util.Optional.ofNullable(param(query, "page")).orElse("1")));
    int from = Math.min(all.size(), (page - 1) * PAGE);
    int to = Math.min(all.size(), from + PAGE);
    ArrayNode items = JSON.createArrayNode();
    all.subList(from, to).forEach(items::add);
    Map<String, String> headers = new LinkedHashMap<>();
    if (to < all.size()) {
      headers.put("Link", "<" + url() + path + "?page=" + (page + 1) + ">; rel=\"next\"");
    }
    send(ex, 200, headers, items.toString());
  }

  private static String param(String query, String name) {
    for (String kv : query.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).equals(name)) {
        return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void notFound(HttpExchange ex) throws IOException {
    send(
        ex,
        404,
        Map.of(),
        "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}");
  }

  private static void send(HttpExchange ex, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  static ObjectNode fixture(String name) {
    try (InputStream in = FakeGitHub.class.getResourceAsStream("/fixtures/github/rest/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture fixtures/github/rest/" + name);
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    synchronized (hangs) {
      hangs.values().forEach(CountDownLatch::countDown);
    }
    server.stop(0);
    git.close();
  }
}
