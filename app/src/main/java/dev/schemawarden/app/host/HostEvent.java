package dev.schemawarden.app.host;

import java.util.Objects;

/** What a verified webhook delivery asks of the bot. Host JSON stops at the parser; this is what crosses. */
public sealed interface HostEvent {

  /** The host checks the hook is wired up. */
  record Ping() implements HostEvent {}

  /** Nothing for the bot to do; {@code why} is logged and returned to the host. */
  record Ignored(String why) implements HostEvent {
    public Ignored {
      Objects.requireNonNull(why, "why");
    }
  }

  /**
   * (Re-)review the pull request as it is now.
   *
   * @param trigger what caused it, e.g. {@code pull_request.opened}, {@code check_run.rerequested}
   */
  record Review(PullRequestRef pr, String trigger) implements HostEvent {
    public Review {
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(trigger, "trigger");
    }
  }

  /** {@code /warden recheck} from {@code user}: re-review if the user may write to the repository. */
  record Recheck(PullRequestRef pr, String user) implements HostEvent {
    public Recheck {
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(user, "user");
    }
  }

  /** {@code /warden override <target> <reason>} from {@code user}: record it, then re-review. */
  record Override(PullRequestRef pr, String user, String target, String reason)
      implements HostEvent {
    public Override {
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The pull request was merged: apply its migrations to the environments with {@code apply: auto}.
   *
   * @param mergeSha the merged commit on the target branch (what is applied)
   * @param headSha the pull request's head when it was merged (what was reviewed and approved)
   */
  record Merged(PullRequestRef pr, String mergeSha, String headSha) implements HostEvent {
    public Merged {
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeSha, "mergeSha");
      Objects.requireNonNull(headSha, "headSha");
    }
  }
}
