package dev.schemawarden.app.host.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.host.PullRequestRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code mergeCommit} on GitLab, against the recorded merge request: what an agent's request_apply waits for. */
class GitlabMergeStateTest {
  private static final String PROJECT = "acme/shop";

  @Test
  void a_merged_merge_request_names_its_commit_and_an_open_one_none() {
    try (FakeGitLab gitlab = new FakeGitLab(PROJECT, 7, "base", "start", "head")) {
      GitlabCodeHost host =
          new GitlabCodeHost(
              new GitlabSettings(
                  gitlab.url(), "glpat-test", "", GitlabSettings.DEFAULT_STATUS_NAME));
      PullRequestRef ref = new PullRequestRef("gitlab", PROJECT, 7, Optional.empty());

      assertThat(host.mergeCommit(ref))
          .as("the recorded merge request was squashed on merge: its squash commit")
          .contains("37a1f246848c3dc2bb82964a183417e2e72fe1a7");
      gitlab.mrState = "opened";
      assertThat(host.mergeCommit(ref)).as("open: not merged").isEmpty();
      gitlab.mrState = "closed";
      assertThat(host.mergeCommit(ref)).as("closed without a merge").isEmpty();
    }
  }
}
