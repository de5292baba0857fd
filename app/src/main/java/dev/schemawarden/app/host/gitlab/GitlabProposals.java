package dev.schemawarden.app.host.gitlab;

import dev.schemawarden.app.host.BotPullRequests;
import dev.schemawarden.app.host.BranchHead;
import dev.schemawarden.app.host.ProposalStatus;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.RepositoryRef;
import java.util.List;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.CommitAction;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestParams;
import org.gitlab4j.api.models.Project;

/**
 * What {@code warden watch} writes on GitLab: a branch ({@code POST /repository/branches}), a commit per file
 * (commits API, create or update action) and the merge request ({@code POST /merge_requests}, "Draft: " for a draft);
 * later ticks read it ({@code GET /merge_requests/<iid>}), edit its description or close it
 * ({@code PUT /merge_requests/<iid>}) and comment on it ({@code POST /merge_requests/<iid>/notes}).
 */
final class GitlabProposals implements BotPullRequests {
  private final GitLabApi api;

  GitlabProposals(GitLabApi api) {
    this.api = api;
  }

  @Override
  public BranchHead defaultBranch(RepositoryRef repo) {
    try {
      Project p = api.getProjectApi().getProject(repo.repository());
      String name = p.getDefaultBranch();
      return new BranchHead(
          name, api.getRepositoryApi().getBranch(repo.repository(), name).getCommit().getId());
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("read the default branch of " + repo, e);
    }
  }

  @Override
  public boolean createBranch(RepositoryRef repo, String branch, String sha) {
    try {
      api.getRepositoryApi().createBranch(repo.repository(), branch, sha);
      return true;
    } catch (GitLabApiException e) {
      if (e.getHttpStatus() == 400 && String.valueOf(e.getMessage()).contains("already exists")) {
        return false; // an earlier tick (or instance) made it
      }
      throw GitlabErrors.map("create branch " + branch + " in " + repo, e);
    } catch (RuntimeException e) {
      throw GitlabErrors.map("create branch " + branch + " in " + repo, e);
    }
  }

  @Override
  public String commitFile(
      RepositoryRef repo, String branch, String path, String content, String message) {
    try {
      boolean exists =
          api.getRepositoryFileApi()
              .getOptionalFileInfo(repo.repository(), path, branch)
              .isPresent();
      CommitAction action =
          new CommitAction()
              .withAction(exists ? CommitAction.Action.UPDATE : CommitAction.Action.CREATE)
              .withFilePath(path)
              .withContent(content);
      return api.getCommitsApi()
          .createCommit(repo.repository(), branch, message, null, null, null, List.of(action))
          .getId();
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("commit " + path + " to " + branch + " in " + repo, e);
    }
  }

  @Override
  public PullRequestRef openPullRequest(
      RepositoryRef repo, String branch, String base, String title, String body, boolean draft) {
    try {
      MergeRequest mr =
          api.getMergeRequestApi()
              .createMergeRequest(
                  repo.repository(), branch, base, (draft ? "Draft: " : "") + title, body, null);
      return repo.pullRequest(Math.toIntExact(mr.getIid()));
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("open a merge request from " + branch + " in " + repo, e);
    }
  }

  @Override
  public ProposalStatus proposalStatus(RepositoryRef repo, int iid) {
    try {
      String state =
          String.valueOf(
              api.getMergeRequestApi().getMergeRequest(repo.repository(), (long) iid).getState());
      return switch (state) {
        case "opened", "locked" -> ProposalStatus.OPEN; // locked: a merge in progress
        case "merged" -> ProposalStatus.MERGED;
        default -> ProposalStatus.CLOSED;
      };
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("read merge request !" + iid + " in " + repo, e);
    }
  }

  @Override
  public void updatePullRequestBody(RepositoryRef repo, int iid, String body) {
    try {
      api.getMergeRequestApi()
          .updateMergeRequest(
              repo.repository(), (long) iid, new MergeRequestParams().withDescription(body));
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("update merge request !" + iid + " in " + repo, e);
    }
  }

  @Override
  public void commentOnPullRequest(RepositoryRef repo, int iid, String body) {
    try {
      api.getNotesApi().createMergeRequestNote(repo.repository(), (long) iid, body, null, null);
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("comment on merge request !" + iid + " in " + repo, e);
    }
  }

  @Override
  public void closePullRequest(RepositoryRef repo, int iid) {
    try {
      api.getMergeRequestApi()
          .updateMergeRequest(
              repo.repository(),
              (long) iid,
              new MergeRequestParams()
                  .withStateEvent(org.gitlab4j.models.Constants.StateEvent.CLOSE));
    } catch (GitLabApiException | RuntimeException e) {
      throw GitlabErrors.map("close merge request !" + iid + " in " + repo, e);
    }
  }
}
