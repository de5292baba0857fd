package dev.schemawarden.app.host.gitlab;

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
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.CommitStatus;
import org.gitlab4j.api.models.Diff;
import org.gitlab4j.api.models.DiffRef;
import org.gitlab4j.api.models.Discussion;
import org.gitlab4j.api.models.Member;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.Note;
import org.gitlab4j.api.models.Position;
import org.gitlab4j.api.models.User;
import org.gitlab4j.models.Constants.CommitBuildState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitLab through GitLab4J. The "check" is a commit status ({@code pending}, then {@code success} or
 * {@code failed}) named {@code schema-warden}; the summary is one MR note found by its hidden marker and edited in
 * place; line comments are diff discussions positioned with the merge request's {@code diff_refs}, each carrying a
 * hidden per-finding marker so a re-run never posts one twice.
 */
public final class GitlabCodeHost implements CodeHost {
  private static final Logger LOG = LoggerFactory.getLogger(GitlabCodeHost.class);

  /** GitLab's limit on a note body, in characters. */
  public static final int NOTE_LIMIT = 1_000_000;

  /** GitLab's limit on a commit status description. */
  private static final int DESCRIPTION_LIMIT = 255;

  private static final int PER_PAGE = 100;

  private final GitlabSettings settings;
  private final GitlabWebhooks webhooks;
  private final GitLabApi api;
  private final GitlabProposals proposals;
  private final Clock clock;
  private volatile String botLogin;

  /** Head-side path to base-side path of renamed files, per pull request and head commit (from changedFiles). */
  private final Map<String, Map<String, String>> renames = new ConcurrentHashMap<>();

  public GitlabCodeHost(GitlabSettings settings) {
    this(settings, Clock.systemUTC());
  }

  GitlabCodeHost(GitlabSettings settings, Clock clock) {
    this.settings = settings;
    this.webhooks = new GitlabWebhooks(settings.webhookToken());
    this.api = new GitLabApi(settings.url(), settings.token());
    this.proposals = new GitlabProposals(api);
    this.api.setRequestTimeout(10_000, 60_000);
    this.clock = clock;
  }

  @Override
  public String id() {
    return GitlabWebhooks.HOST;
  }

  @Override
  public int maxCommentLength() {
    return NOTE_LIMIT;
  }

  @Override
  public boolean verify(Map<String, String> headers, byte[] body) {
    return webhooks.verify(headers, body);
  }

  @Override
  public WebhookDelivery parseWebhook(Map<String, String> headers, byte[] body) {
    return webhooks.parse(headers, body);
  }

  private MergeRequest mergeRequest(PullRequestRef ref) throws GitLabApiException {
    return api.getMergeRequestApi().getMergeRequest(ref.repository(), (long) ref.number());
  }

  @Override
  public PullRequest pullRequest(PullRequestRef ref) {
    try {
      MergeRequest mr = mergeRequest(ref);
      DiffRef refs = mr.getDiffRefs();
      String head = refs != null && refs.getHeadSha() != null ? refs.getHeadSha() : mr.getSha();
      // base_sha is the merge base GitLab diffs against: the same comparison the MR page shows.
      String base = refs != null && refs.getBaseSha() != null ? refs.getBaseSha() : "";
      if (head == null || base.isEmpty()) {
        throw new dev.schemawarden.app.jobs.RetryLater(
            "GitLab: "
                + ref
                + " has no diff_refs yet (the merge request"
                + " is still being prepared)",
            dev.schemawarden.app.jobs.RetryLater.Cause.NOT_READY,
            Optional.empty(),
            Optional.empty(),
            null);
      }
      String author = mr.getAuthor() == null ? "" : mr.getAuthor().getUsername();
      return new PullRequest(
          ref,
          author,
          mr.getTargetBranch(),
          base,
          mr.getSourceBranch(),
          head,
          Optional.ofNullable(mr.getTitle()).orElse(""));
    } catch (GitLabApiException | RuntimeException e) {
      if (e instanceof dev.schemawarden.app.jobs.RetryLater r) {
        throw r;
      }
      throw GitlabErrors.map("read merge request " + ref, e);
    }
  }

  /** A merged merge request's merge commit (its squash commit when it was squashed without one). */
  @Override
  public Optional<String> mergeCommit(PullRequestRef ref) {
    try {
      MergeRequest mr = mergeRequest(ref);
      if (!"merged".equals(mr.getState())) {
        return Optional.empty();
      }
      return Optional.ofNullable(mr.getMergeCommitSha())
          .or(() -> Optional.ofNullable(mr.getSquashCommitSha()))
          .filter(s -> !s.isBlank());
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("read the merge state of merge request " + ref, e);
    }
  }

  @Override
  public GitRemote gitRemote(PullRequestRef ref) {
    return GitRemote.gitlab(ref.repository(), settings.url(), Optional.of(settings.token()));
  }

  @Override
  public List<PrFile> changedFiles(PullRequest pr) {
    try {
      List<PrFile> files = new ArrayList<>();
      Map<String, String> renamed = new ConcurrentHashMap<>();
      for (Diff d :
          api.getMergeRequestApi()
              .getDiffs(pr.ref().repository(), (long) pr.ref().number(), PER_PAGE)
              .all()) {
        PrFile.Status status =
            Boolean.TRUE.equals(d.getNewFile())
                ? PrFile.Status.ADDED
                : Boolean.TRUE.equals(d.getDeletedFile())
                    ? PrFile.Status.REMOVED
                    : Boolean.TRUE.equals(d.getRenamedFile())
                        ? PrFile.Status.RENAMED
                        : PrFile.Status.MODIFIED;
        Optional<String> previous =
            status == PrFile.Status.RENAMED
                ? Optional.ofNullable(d.getOldPath())
                : Optional.empty();
        previous.ifPresent(p -> renamed.put(d.getNewPath(), p));
        files.add(new PrFile(d.getNewPath(), status, previous, commentable(status, d.getDiff())));
      }
      renames.put(pr.ref().key() + "@" + pr.headSha(), renamed);
      return List.copyOf(files);
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("list the diffs of " + pr.ref(), e);
    }
  }

  /** The head-side lines each hunk shows (see {@link UnifiedDiff#commentableLines}). */
  static List<PrFile.LineRange> commentable(PrFile.Status status, String diff) {
    return UnifiedDiff.commentableLines(status, diff);
  }

  @Override
  public Optional<String> fileAt(PullRequestRef pr, String path, String sha) {
    try {
      return Optional.of(
          api.getRepositoryFileApi()
              .getFile(pr.repository(), path, sha)
              .getDecodedContentAsString());
    } catch (GitLabApiException e) {
      if (e.getHttpStatus() == 404) {
        return Optional.empty();
      }
      throw GitlabErrors.map("read " + path + " at " + sha + " in " + pr.repository(), e);
    } catch (RuntimeException e) {
      throw GitlabErrors.map("read " + path + " at " + sha + " in " + pr.repository(), e);
    }
  }

  /** Sets the commit status to {@code pending}; the status is keyed by commit and name, so its id is the SHA. */
  @Override
  public String startCheck(PullRequest pr, String runId) {
    setStatus(pr, CommitBuildState.PENDING, "Schema Warden is reviewing the migrations");
    return pr.headSha();
  }

  @Override
  public void completeCheck(PullRequest pr, String checkId, CheckResult result) {
    CommitBuildState state =
        switch (result.conclusion()) {
          case SUCCESS, NEUTRAL -> CommitBuildState.SUCCESS;
          case FAILURE, ACTION_REQUIRED -> CommitBuildState.FAILED;
        };
    String description =
        result.conclusion() == CheckResult.Conclusion.ACTION_REQUIRED
            ? "Approval required: " + result.title()
            : result.title();
    setStatus(pr, state, description);
  }

  private void setStatus(PullRequest pr, CommitBuildState state, String description) {
    CommitStatus status =
        new CommitStatus()
            .withName(settings.statusName())
            .withRef(pr.headRef())
            .withDescription(truncate(description, DESCRIPTION_LIMIT));
    try {
      api.getCommitsApi().addCommitStatus(pr.ref().repository(), pr.headSha(), state, status);
    } catch (GitLabApiException e) {
      // A retried job sets the state it already set; GitLab refuses that transition, and the state
      // is right.
      if (e.getHttpStatus() == 400
          && String.valueOf(e.getMessage()).contains("Cannot transition status")) {
        LOG.debug("{}: commit status already {}", pr.ref(), state);
        return;
      }
      throw GitlabErrors.map(
          "set commit status " + state + " on " + pr.headSha() + " in " + pr.ref().repository(), e);
    } catch (RuntimeException e) {
      throw GitlabErrors.map(
          "set commit status on " + pr.headSha() + " in " + pr.ref().repository(), e);
    }
  }

  @Override
  public String upsertSummaryComment(PullRequestRef pr, String marker, String body) {
    try {
      var notes = api.getNotesApi();
      for (Note n :
          notes.getMergeRequestNotes(pr.repository(), (long) pr.number(), PER_PAGE).all()) {
        if (n.getBody() != null
            && n.getBody().contains(marker)
            && !Boolean.TRUE.equals(n.getSystem())) {
          if (!n.getBody().equals(body)) {
            notes.updateMergeRequestNote(pr.repository(), (long) pr.number(), n.getId(), body);
          }
          return Long.toString(n.getId());
        }
      }
      return Long.toString(
          notes
              .createMergeRequestNote(pr.repository(), (long) pr.number(), body, null, null)
              .getId());
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("upsert the summary note on " + pr, e);
    }
  }

  @Override
  public int postInlineComments(PullRequest pr, List<InlineComment> comments) {
    if (comments.isEmpty()) {
      return 0;
    }
    String project = pr.ref().repository();
    long iid = pr.ref().number();
    try {
      var discussions = api.getDiscussionsApi();
      Set<String> posted = new HashSet<>();
      for (Discussion d :
          discussions.getMergeRequestDiscussionsPager(project, iid, PER_PAGE).all()) {
        for (Note n : d.getNotes() == null ? List.<Note>of() : d.getNotes()) {
          FindingMarker.collect(n.getBody(), posted);
        }
      }
      // The position must name the MR version's three commits, exactly as diff_refs gives them.
      DiffRef refs = mergeRequest(pr.ref()).getDiffRefs();
      if (refs == null || !pr.headSha().equals(refs.getHeadSha())) {
        LOG.info(
            "{}: head moved past {} while reviewing; line comments wait for the next run",
            pr.ref(),
            pr.headSha());
        return 0;
      }
      Map<String, String> renamed =
          renames.getOrDefault(pr.ref().key() + "@" + pr.headSha(), Map.of());
      int count = 0;
      for (InlineComment c : comments) {
        if (posted.contains(c.marker())) {
          continue;
        }
        Position position =
            new Position()
                .withPositionType(Position.PositionType.TEXT)
                .withBaseSha(refs.getBaseSha())
                .withStartSha(refs.getStartSha())
                .withHeadSha(refs.getHeadSha())
                .withNewPath(c.path())
                .withOldPath(renamed.getOrDefault(c.path(), c.path()))
                .withNewLine(c.endLine());
        try {
          discussions.createMergeRequestDiscussion(project, iid, body(c), null, null, position);
          posted.add(c.marker());
          count++;
        } catch (GitLabApiException e) {
          if (e.getHttpStatus() != 400) {
            throw e;
          }
          // The line is outside the diff GitLab shows: the finding is still in the summary note.
          LOG.info(
              "{}: GitLab refused a discussion on {}:{} ({})",
              pr.ref(),
              c.path(),
              c.endLine(),
              e.getMessage());
        }
      }
      return count;
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("post diff discussions on " + pr.ref(), e);
    }
  }

  /**
   * The discussion body with the hidden marker. The comment sits on the statement's last line; a multi-line
   * suggestion says how many lines above it it replaces ({@code suggestion:-N+0}, GitLab's syntax).
   */
  static String body(InlineComment c) {
    String text = c.body();
    int above = c.endLine() - c.startLine();
    if (above > 0) {
      text = text.replace("```suggestion\n", "```suggestion:-" + above + "+0\n");
    }
    return text + "\n" + FindingMarker.of(c.marker());
  }

  @Override
  public BotPullRequests botPullRequests() {
    return proposals;
  }

  /** Developer (30) or higher, directly or through a group, may run {@code /warden} commands. */
  @Override
  public boolean canWrite(PullRequestRef pr, String user) {
    try {
      User u = api.getUserApi().getUser(user);
      if (u == null) {
        return false;
      }
      Member m = api.getProjectApi().getMember(pr.repository(), u.getId(), true);
      return m != null
          && m.getAccessLevel() != null
          && m.getAccessLevel().value != null
          && m.getAccessLevel().value >= 30;
    } catch (GitLabApiException e) {
      if (e.getHttpStatus() == 404) {
        return false;
      }
      throw GitlabErrors.map("read " + user + "'s access to " + pr.repository(), e);
    } catch (RuntimeException e) {
      throw GitlabErrors.map("read " + user + "'s access to " + pr.repository(), e);
    }
  }

  /**
   * Who approved the merge request. GitLab's approvals API does not say on which commit an approval was given; a
   * project that resets approvals on push (the recommended setting) only ever reports approvals of the head, so
   * each one is reported against the head commit, at the time it was read.
   */
  @Override
  public List<Approval> approvals(PullRequest pr) {
    try {
      MergeRequest a =
          api.getMergeRequestApi().getApprovals(pr.ref().repository(), (long) pr.ref().number());
      List<Approval> out = new ArrayList<>();
      for (User u : a.getApprovedBy() == null ? List.<User>of() : a.getApprovedBy()) {
        out.add(Approval.approved(u.getUsername(), pr.headSha(), clock.instant()));
      }
      return List.copyOf(out);
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("read the approvals of " + pr.ref(), e);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  @Override
  public Set<String> labels(PullRequest pr) {
    try {
      List<String> labels = mergeRequest(pr.ref()).getLabels();
      return labels == null ? Set.of() : Set.copyOf(labels);
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("read the labels of " + pr.ref(), e);
    }
  }

  /**
   * A team is a group's full path ({@code acme/dba}); its members are the group's members, inherited ones
   * included, with Developer access or more. Asked when the policy first needs the team, kept for this review
   * only; a group the token cannot see (404/403) has no members, so its requirement stays unmet.
   */
  @Override
  public TeamDirectory teams(PullRequestRef pr) {
    Map<String, Set<String>> cache = new ConcurrentHashMap<>();
    return team ->
        cache.computeIfAbsent(
            TeamDirectory.normaliseTeam(team),
            group -> {
              try {
                Set<String> out = new TreeSet<>();
                for (Member m : api.getGroupApi().getAllMembers(group)) {
                  if (m.getAccessLevel() != null
                      && m.getAccessLevel().value != null
                      && m.getAccessLevel().value >= 30
                      && m.getUsername() != null) {
                    out.add(m.getUsername().toLowerCase(Locale.ROOT));
                  }
                }
                return Set.copyOf(out);
              } catch (GitLabApiException e) {
                if (e.getHttpStatus() == 404 || e.getHttpStatus() == 403) {
                  LOG.warn(
                      "{}: group {} is not visible to the bot: it counts as having no members",
                      pr,
                      group);
                  return Set.of();
                }
                throw GitlabErrors.map("list members of group " + group, e);
              } catch (RuntimeException e) {
                throw GitlabErrors.map("list members of group " + group, e);
              }
            });
  }

  /** The token's own user ({@code GET /user}), asked once. */
  @Override
  public String botLogin(PullRequestRef pr) {
    String known = botLogin;
    if (known != null) {
      return known;
    }
    try {
      botLogin = api.getUserApi().getCurrentUser().getUsername();
      return botLogin;
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("read the token's own user", e);
    }
  }

  @Override
  public Optional<String> webUrl(PullRequestRef pr) {
    return Optional.of(settings.url() + "/" + pr.repository() + "/-/merge_requests/" + pr.number());
  }
}
