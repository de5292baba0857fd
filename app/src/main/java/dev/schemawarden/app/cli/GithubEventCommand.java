package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.publish.GithubEvent;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * For the GitHub Action's script (action/warden-action.sh), which has no JSON parser it can count on: the pull
 * request of the job's event file as checked {@code key=value} lines. Hidden: not a user command.
 */
@Command(
    name = "github-event",
    hidden = true,
    description =
        "Print the pull request of a GitHub Actions event file as key=value lines (for the Action).")
public final class GithubEventCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--event",
      paramLabel = "FILE",
      description = "The event file (default: GITHUB_EVENT_PATH).")
  Path event;

  @Override
  public Integer call() {
    Path file =
        Optional.ofNullable(event)
            .or(
                () ->
                    Optional.ofNullable(System.getenv("GITHUB_EVENT_PATH"))
                        .filter(s -> !s.isBlank())
                        .map(Path::of))
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.USAGE,
                        "GITHUB_EVENT_PATH is not set and --event was not given: this command reads a GitHub Actions event"));
    parent.context().out().print(GithubEvent.read(file).toProperties());
    parent.context().out().flush();
    return 0;
  }
}
