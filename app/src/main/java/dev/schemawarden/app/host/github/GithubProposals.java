package dev.schemawarden.app.host.github;

import dev.schemawarden.app.host.BotPullRequests;
import dev.schemawarden.app.host.BranchHead;
import dev.schemawarden.app.host.ProposalStatus;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.RepositoryRef;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHContentBuilder;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.HttpException;

/**
 * What {@code warden watch} writes on GitHub: a branch (git data API, {@code POST /git/refs}), a file on it (contents
 * API, {@code PUT /contents/<path>}, one commit per file) and the pull request ({@code POST /pulls}); later ticks read
 * it ({@code GET /pulls/<n>}), edit its body or close it ({@code PATCH /pulls/<n>}) and comment on it
 * ({@code POST /issues/<n>/comments}).
 */
final class GithubProposals implements BotPullRequests {
  /** Opens the repository with the token that may write to it. */
  interface Repositories {
    GHRepository open(RepositoryRef repo) throws IOException;
  }

  private final Repositories repositories;

  GithubProposals(Repositories repositories) {
    this.repositories = repositories;
  }

  @Override
  public BranchHead defaultBranch(RepositoryRef repo) {
    try {
      GHRepository r = repositories.open(repo);
      String name = r.getDefaultBranch();
      return new BranchHead(name, r.getRef("heads/" + name).getObject().getSha());
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("read the default branch of " + repo, e);
    }
  }

  @Override
  public boolean createBranch(RepositoryRef repo, String branch, String sha) {
    try {
      repositories.open(repo).createRef("refs/heads/" + branch, sha);
      return true;
    } catch (HttpException e) {
      if (e.getResponseCode()
          == 422) { // "Reference already exists": an earlier tick (or instance) made it
        return false;
      }
      throw GithubErrors.map("create branch " + branch + " in " + repo, e);
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("create branch " + branch + " in " + repo, e);
    }
  }

  @Override
  public String commitFile(
      RepositoryRef repo, String branch, String path, String content, String message) {
    try {
      GHRepository r = repositories.open(repo);
      GHContentBuilder b =
          r.createContent()
              .path(path)
              .branch(branch)
              .message(message)
              .content(content.getBytes(StandardCharsets.UTF_8));
      existingSha(r, path, branch)
          .ifPresent(b::sha); // replacing a file (a Liquibase master) names its blob
      return b.commit().getCommit().getSHA1();
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("commit " + path + " to " + branch + " in " + repo, e);
    }
  }

  @Override
  public PullRequestRef openPullRequest(
      RepositoryRef repo, String branch, String base, String title, String body, boolean draft) {
    try {
      GHPullRequest p =
          repositories.open(repo).createPullRequest(title, branch, base, body, true, draft);
      return repo.pullRequest(p.getNumber());
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("open a pull request from " + branch + " in " + repo, e);
    }
  }

  @Override
  public ProposalStatus proposalStatus(RepositoryRef repo, int number) {
    try {
      GHPullRequest p = repositories.open(repo).getPullRequest(number);
      if (p.isMerged()) {
        return ProposalStatus.MERGED;
      }
      return p.getState() == org.kohsuke.github.GHIssueState.OPEN
          ? ProposalStatus.OPEN
          : ProposalStatus.CLOSED;
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("read pull request #" + number + " in " + repo, e);
    }
  }

  @Override
  public void updatePullRequestBody(RepositoryRef repo, int number, String body) {
    try {
      repositories.open(repo).getPullRequest(number).setBody(body);
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("update pull request #" + number + " in " + repo, e);
    }
  }

  @Override
  public void commentOnPullRequest(RepositoryRef repo, int number, String body) {
    try {
      repositories.open(repo).getPullRequest(number).comment(body);
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("comment on pull request #" + number + " in " + repo, e);
    }
  }

  @Override
  public void closePullRequest(RepositoryRef repo, int number) {
    try {
      repositories.open(repo).getPullRequest(number).close();
    } catch (IOException | org.kohsuke.github.GHException e) {
      throw GithubErrors.map("close pull request #" + number + " in " + repo, e);
    }
  }

  private static java.util.Optional<String> existingSha(GHRepository r, String path, String branch)
      throws IOException {
    try {
      GHContent c = r.getFileContent(path, branch);
      return java.util.Optional.ofNullable(c.getSha());
    } catch (FileNotFoundException e) {
      return java.util.Optional.empty();
    }
  }
}
