package dev.schemawarden.app.host.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.git.GitRemote;
import dev.schemawarden.app.host.BotPullRequests;
import dev.schemawarden.app.host.CheckResult;
import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.FindingMarker;
import dev.schemawarden.app.host.InlineComment;
import dev.schemawarden.app.host.PrFile;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.UnifiedDiff;
import dev.schemawarden.app.host.WebhookDelivery;
import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.TeamDirectory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHPullRequestReviewComment;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub through hub4j github-api. One client per App installation (or one for a plain token); hub4j's own
 * rate-limit waiting is replaced by failing the job so the queue retries after the reset.
 */
public final class GithubCodeHost implements CodeHost {
  private static final Logger LOG = LoggerFactory.getLogger(GithubCodeHost.class);

  /** GitHub's limit on issue comment and check summary bodies, in characters. */
  public static final int COMMENT_LIMIT = 65_536;

  private final GithubSettings settings;
  private final GithubWebhooks webhooks;
  private final Optional<InstallationTokens> tokens;
  private final Map<Long, GitHub> clients = new ConcurrentHashMap<>();
  private final GithubRest rest;
  private volatile String botLogin;
  private final GithubProposals proposals = new GithubProposals(r -> repo(r.pullRequest(0)));

  public GithubCodeHost(GithubSettings settings) {
    this.settings = settings;
    this.webhooks = new GithubWebhooks(settings.webhookSecret(), settings.checkName());
    this.tokens =
        settings.auth() instanceof GithubAuth.App app
            ? Optional.of(new InstallationTokens(app, settings.apiUrl(), Clock.systemUTC()))
            : Optional.empty();
    this.rest = new GithubRest(settings.apiUrl());
  }

  @Override
  public String id() {
    return GithubWebhooks.HOST;
  }

  @Override
  public int maxCommentLength() {
    return COMMENT_LIMIT;
  }

  @Override
  public boolean verify(Map<String, String> headers, byte[] body) {
    return webhooks.verify(headers, body);
  }

  @Override
  public WebhookDelivery parseWebhook(Map<String, String> headers, byte[] body) {
    return webhooks.parse(headers, body);
  }

  private GitHub client(PullRequestRef pr) throws IOException {
    long key = pr.installation().orElse(-1L);
    GitHub existing = clients.get(key);
    if (existing != null) {
      return existing;
    }
    GitHubBuilder b =
        new GitHubBuilder()
            .withEndpoint(settings.apiUrl())
            .withRateLimitHandler(GithubErrors.RATE_LIMIT)
            .withAbuseLimitHandler(GithubErrors.ABUSE_LIMIT);
    if (settings.auth() instanceof GithubAuth.Token t) {
      b.withOAuthToken(t.token());
    } else {
      long installation =
          pr.installation()
              .orElseThrow(
                  () ->
                      new IOException(
                          "the delivery for "
                              + pr
                              + " names no App installation: with WARDEN_GITHUB_APP_ID the webhook must"
                              + " come from the App"));
      InstallationTokens t = tokens.orElseThrow();
      b.withAuthorizationProvider(() -> "token " + t.token(installation));
    }
    GitHub gh = b.build();
    clients.put(key, gh);
    return gh;
  }

  private GHRepository repo(PullRequestRef pr) throws IOException {
    return client(pr).getRepository(pr.repository());
  }

  private GHPullRequest ghPull(PullRequestRef pr) throws IOException {
    return repo(pr).getPullRequest(pr.number());
  }

  @Override
  public PullRequest pullRequest(PullRequestRef ref) {
    try {
      GHPullRequest p = ghPull(ref);
      return new PullRequest(
          ref,
          p.getUser().getLogin(),
          p.getBase().getRef(),
          p.getBase().getSha(),
          p.getHead().getRef(),
          p.getHead().getSha(),
          Optional.ofNullable(p.getTitle()).orElse(""));
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("read pull request " + ref, e);
    }
  }

  /** {@code merged} and {@code merge_commit_sha} of the pull request (GitHub sets the sha on open ones too). */
  @Override
  public Optional<String> mergeCommit(PullRequestRef ref) {
    try {
      GHPullRequest p = ghPull(ref);
      return p.isMerged()
          ? Optional.ofNullable(p.getMergeCommitSha()).filter(s -> !s.isBlank())
          : Optional.empty();
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("read the merge state of pull request " + ref, e);
    }
  }

  @Override
  public GitRemote gitRemote(PullRequestRef ref) {
    try {
      // clone_url is asked of the API only when WARDEN_GITHUB_GIT_URL does not say where git lives
      Optional<String> cloneUrl =
          settings.gitUrl().isPresent()
              ? Optional.empty()
              : Optional.ofNullable(repo(ref).getHttpTransportUrl());
      String token =
          settings.auth() instanceof GithubAuth.Token t
              ? t.token()
              : tokens
                  .orElseThrow()
                  .token(
                      ref.installation()
                          .orElseThrow(
                              () ->
                                  new IOException(
                                      "the delivery for " + ref + " names no App installation")));
      return GitRemote.github(ref.repository(), cloneUrl, settings.gitUrl(), Optional.of(token));
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("read the clone URL of " + ref.repository(), e);
    }
  }

  @Override
  public List<PrFile> changedFiles(PullRequest pr) {
    try {
      List<PrFile> files = new ArrayList<>();
      for (GHPullRequestFileDetail f : ghPull(pr.ref()).listFiles().withPageSize(100)) {
        PrFile.Status status =
            switch (f.getStatus().toLowerCase(Locale.ROOT)) {
              case "added" -> PrFile.Status.ADDED;
              case "removed" -> PrFile.Status.REMOVED;
              case "renamed" -> PrFile.Status.RENAMED;
              default -> PrFile.Status.MODIFIED;
            };
        files.add(
            new PrFile(
                f.getFilename(),
                status,
                Optional.ofNullable(f.getPreviousFilename()),
                commentable(status, f.getPatch())));
      }
      return List.copyOf(files);
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("list files of " + pr.ref(), e);
    }
  }

  /** The head-side lines each hunk shows (see {@link UnifiedDiff#commentableLines}). */
  static List<PrFile.LineRange> commentable(PrFile.Status status, String patch) {
    return UnifiedDiff.commentableLines(status, patch);
  }

  @Override
  public Optional<String> fileAt(PullRequestRef pr, String path, String sha) {
    try {
      GHContent content = repo(pr).getFileContent(path, sha);
      try (InputStream in = content.read()) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("read " + path + " at " + sha + " in " + pr.repository(), e);
    }
  }

  @Override
  public String startCheck(PullRequest pr, String runId) {
    try {
      GHRepository repo = repo(pr.ref());
      // A retried job finds the check its earlier attempt created (same external id) instead of
      // adding another.
      for (GHCheckRun run :
          repo.getCheckRuns(pr.headSha(), Map.of("check_name", settings.checkName()))) {
        if (runId.equals(run.getExternalId())) {
          return Long.toString(run.getId());
        }
      }
      GHCheckRun run =
          repo.createCheckRun(settings.checkName(), pr.headSha())
              .withExternalID(runId)
              .withStatus(GHCheckRun.Status.IN_PROGRESS)
              .create();
      return Long.toString(run.getId());
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("start check on " + pr.headSha() + " in " + pr.ref().repository(), e);
    }
  }

  @Override
  public void completeCheck(PullRequest pr, String checkId, CheckResult result) {
    try {
      GHCheckRunBuilder.Output output =
          new GHCheckRunBuilder.Output(
              truncate(result.title(), 1_000), truncate(result.summary(), COMMENT_LIMIT - 1));
      for (CheckResult.Annotation a : result.annotations()) {
        output.add(
            new GHCheckRunBuilder.Annotation(
                    a.path(),
                    a.startLine(),
                    a.endLine(),
                    GHCheckRun.AnnotationLevel.valueOf(a.level().toUpperCase(Locale.ROOT)),
                    truncate(a.message(), 60_000))
                .withTitle(truncate(a.title(), 255)));
      }
      // hub4j sends the first 50 annotations with the update and the rest in further updates of 50
      // each.
      repo(pr.ref())
          .updateCheckRun(Long.parseLong(checkId))
          .withStatus(GHCheckRun.Status.COMPLETED)
          .withConclusion(GHCheckRun.Conclusion.valueOf(result.conclusion().name()))
          .add(output)
          .create();
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("complete check " + checkId + " in " + pr.ref().repository(), e);
    }
  }

  @Override
  public String upsertSummaryComment(PullRequestRef pr, String marker, String body) {
    try {
      GHPullRequest p = ghPull(pr);
      for (GHIssueComment c : p.listComments()) {
        if (c.getBody() != null && c.getBody().contains(marker)) {
          if (!c.getBody().equals(body)) {
            c.update(body);
          }
          return Long.toString(c.getId());
        }
      }
      return Long.toString(p.comment(body).getId());
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("upsert the summary comment on " + pr, e);
    }
  }

  @Override
  public int postInlineComments(PullRequest pr, List<InlineComment> comments) {
    if (comments.isEmpty()) {
      return 0;
    }
    try {
      GHPullRequest p = ghPull(pr.ref());
      Set<String> posted = new HashSet<>();
      for (GHPullRequestReviewComment c : p.listReviewComments()) {
        FindingMarker.collect(c.getBody(), posted);
      }
      int count = 0;
      for (InlineComment c : comments) {
        if (posted.contains(c.marker())) {
          continue;
        }
        var builder =
            p.createReviewComment()
                .commitId(pr.headSha())
                .path(c.path())
                .body(c.body() + "\n" + FindingMarker.of(c.marker()));
        if (c.startLine() == c.endLine()) {
          builder.line(c.endLine());
        } else {
          builder.lines(c.startLine(), c.endLine());
        }
        try {
          builder.create();
          posted.add(c.marker());
          count++;
        } catch (HttpException e) {
          if (e.getResponseCode() != 422) {
            throw e;
          }
          // The lines are outside the diff GitHub shows: the finding is still in the summary and
          // annotations.
          LOG.info(
              "{}: GitHub refused a comment on {}:{} (not in the diff)",
              pr.ref(),
              c.path(),
              c.endLine());
        }
      }
      return count;
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("post review comments on " + pr.ref(), e);
    }
  }

  @Override
  public BotPullRequests botPullRequests() {
    return proposals;
  }

  @Override
  public boolean canWrite(PullRequestRef pr, String user) {
    try {
      GHPermissionType permission = repo(pr).getPermission(user);
      return permission == GHPermissionType.ADMIN || permission == GHPermissionType.WRITE;
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("read " + user + "'s permission on " + pr.repository(), e);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private GithubRest.Authorization authorization(PullRequestRef pr) {
    return () -> {
      if (settings.auth() instanceof GithubAuth.Token t) {
        return "token " + t.token();
      }
      long installation =
          pr.installation()
              .orElseThrow(
                  () -> new IOException("the delivery for " + pr + " names no App installation"));
      return "token " + tokens.orElseThrow().token(installation);
    };
  }

  @Override
  public Set<String> committers(PullRequest pr) {
    String path = "/repos/" + pr.ref().repository() + "/pulls/" + pr.ref().number() + "/commits";
    Set<String> logins = new TreeSet<>();
    for (JsonNode c :
        rest.all(path, authorization(pr.ref()), "list commits of " + pr.ref()).orElse(List.of())) {
      // The top-level author/committer are GitHub accounts; commit.author is only a name and an
      // e-mail.
      for (String role : List.of("author", "committer")) {
        String login = c.path(role).path("login").asText("");
        if (!login.isEmpty()) {
          logins.add(login);
        }
      }
    }
    return Set.copyOf(logins);
  }

  /**
   * Each reviewer's latest review that decides something (comments and pending reviews do not): an approval
   * counts on its {@code commit_id}; a later change request or a dismissal (GitHub turns the dismissed review's
   * state into DISMISSED) cancels it. Reviews by bot accounts are left out: only people approve.
   */
  @Override
  public List<Approval> approvals(PullRequest pr) {
    String path = "/repos/" + pr.ref().repository() + "/pulls/" + pr.ref().number() + "/reviews";
    return latestPerUser(
        rest.all(path, authorization(pr.ref()), "list reviews of " + pr.ref()).orElse(List.of()));
  }

  static List<Approval> latestPerUser(List<JsonNode> reviews) {
    Map<String, Approval> latest = new LinkedHashMap<>();
    for (JsonNode r : reviews) {
      String login = r.path("user").path("login").asText("");
      String state = r.path("state").asText("").toUpperCase(Locale.ROOT);
      if (login.isEmpty() || r.path("user").path("type").asText("").equals("Bot")) {
        continue;
      }
      Approval.State s =
          switch (state) {
            case "APPROVED" -> Approval.State.APPROVED;
            case "CHANGES_REQUESTED" -> Approval.State.CHANGES_REQUESTED;
            case "DISMISSED" -> Approval.State.DISMISSED;
            default -> null;
          };
      if (s == null) {
        continue;
      }
      Instant at =
          r.hasNonNull("submitted_at")
              ? Instant.parse(r.path("submitted_at").asText())
              : Instant.EPOCH;
      Approval a = new Approval(login, r.path("commit_id").asText(""), at, s);
      // GitHub lists reviews oldest first; the submission time breaks ties when pages arrive out of
      // order.
      latest.merge(
          login.toLowerCase(Locale.ROOT),
          a,
          (old, now) -> now.submittedAt().isBefore(old.submittedAt()) ? old : now);
    }
    return List.copyOf(latest.values());
  }

  @Override
  public Set<String> labels(PullRequest pr) {
    try {
      Set<String> out = new TreeSet<>();
      ghPull(pr.ref()).getLabels().forEach(l -> out.add(l.getName()));
      return Set.copyOf(out);
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("read the labels of " + pr.ref(), e);
    }
  }

  /**
   * {@code org/slug} resolved with {@code GET /orgs/{org}/teams/{slug}/members} when the policy first asks, then
   * kept for this review only. A team the token cannot see (404, or 403: the token lacks {@code read:org} /
   * the App lacks "Members: read") has no members, so its requirement stays unmet rather than being guessed.
   */
  @Override
  public TeamDirectory teams(PullRequestRef pr) {
    Map<String, Set<String>> cache = new ConcurrentHashMap<>();
    return team ->
        cache.computeIfAbsent(
            TeamDirectory.normaliseTeam(team),
            t -> {
              int slash = t.indexOf('/');
              if (slash <= 0 || slash == t.length() - 1) {
                return Set.of();
              }
              String path =
                  "/orgs/"
                      + t.substring(0, slash)
                      + "/teams/"
                      + t.substring(slash + 1)
                      + "/members";
              Optional<List<JsonNode>> members =
                  rest.all(path, authorization(pr), "list members of team " + t);
              if (members.isEmpty()) {
                LOG.warn(
                    "{}: team {} is not visible to the bot (404/403): it counts as having no members",
                    pr,
                    t);
              }
              Set<String> logins = new TreeSet<>();
              members
                  .orElse(List.of())
                  .forEach(m -> logins.add(m.path("login").asText("").toLowerCase(Locale.ROOT)));
              logins.remove("");
              return Set.copyOf(logins);
            });
  }

  /** With a token, the token's user ({@code GET /user}); with an App, the default name (App reviews are Bot accounts, which never count). */
  @Override
  public String botLogin(PullRequestRef pr) {
    if (!(settings.auth() instanceof GithubAuth.Token)) {
      return "schema-warden[bot]"; // and reviews by any Bot account are left out of approvals()
    }
    String known = botLogin;
    if (known != null) {
      return known;
    }
    try {
      botLogin = client(pr).getMyself().getLogin();
      return botLogin;
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("read the token's own login", e);
    }
  }

  /** github.com for the public API, the server's root for Enterprise ({@code /api/v3} off), else the API root. */
  @Override
  public Optional<String> webUrl(PullRequestRef pr) {
    String api = settings.apiUrl();
    String web =
        api.equals(GithubSettings.PUBLIC_API)
            ? "https://github.com"
            : api.endsWith("/api/v3") ? api.substring(0, api.length() - "/api/v3".length()) : api;
    return Optional.of(web + "/" + pr.repository() + "/pull/" + pr.number());
  }
}
