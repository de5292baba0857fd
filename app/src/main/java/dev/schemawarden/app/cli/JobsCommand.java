package dev.schemawarden.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.jobs.JobAdmin;
import dev.schemawarden.app.jobs.JobView;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "jobs",
    description = {
      "See and requeue the service's review and apply jobs in the state store (what `warden serve` runs).",
      "A job fails for good only past its retry horizon (WARDEN_JOB_RETRY_HORIZON) or on the repository's "
          + "own error; `retry` queues it again with a fresh horizon."
    },
    subcommands = {JobsCommand.ListCmd.class, JobsCommand.Retry.class, JobsCommand.Cancel.class})
public final class JobsCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand HasContext parent;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "name a subcommand: list, retry, cancel");
  }

  /** The state store option every subcommand takes, opened as {@code warden audit} opens it. */
  static final class Store extends StateStoreOption {
    <T> T with(Function<JobAdmin, T> f) {
      return open(s -> f.apply(new JobAdmin(s, Clock.systemUTC())));
    }
  }

  @Command(
      name = "list",
      description = "Jobs, newest first: id, status, attempts, kind, key, last error.")
  static final class ListCmd implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @Mixin Store store;

    @Option(
        names = "--status",
        paramLabel = "STATUS",
        description = "Only jobs in this status: queued, running, done, failed, cancelled.")
    String status;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "100",
        description = "At most N jobs (default 100).")
    int limit;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "Text or json.")
    String format;

    @Override
    public Integer call() {
      if (!format.equals("text") && !format.equals("json")) {
        throw new WardenException(
            ErrorCode.USAGE, "unknown --format '" + format + "': use text or json");
      }
      if (limit < 1 || limit > JobAdmin.MAX_LIST) {
        throw new WardenException(
            ErrorCode.USAGE, "--limit must be between 1 and " + JobAdmin.MAX_LIST);
      }
      Optional<String> s = Optional.ofNullable(status).map(JobAdmin::status);
      List<JobView> list = store.with(a -> a.list(s, limit));
      PrintStream out = jobs.parent.context().out();
      if (format.equals("json")) {
        ArrayNode arr = JSON.createArrayNode();
        list.forEach(j -> arr.add(j.json()));
        out.println(arr.toPrettyString());
      } else if (list.isEmpty()) {
        jobs.parent
            .context()
            .err()
            .println("warden: no jobs" + s.map(x -> " with status " + x).orElse(""));
      } else {
        list.forEach(j -> out.println(text(j)));
      }
      return 0;
    }
  }

  @Command(
      name = "retry",
      description = "Queue a failed or cancelled job again (attempts and horizon start over).")
  static final class Retry implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @Mixin Store store;

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
      @Parameters(paramLabel = "ID", description = "The job's id (from `warden jobs list`).")
      Long id;

      @Option(names = "--all-failed", description = "Every failed job.")
      boolean allFailed;
    }

    @Override
    public Integer call() {
      PrintStream out = jobs.parent.context().out();
      if (which.allFailed) {
        int n = store.with(JobAdmin::retryAllFailed);
        out.println("requeued " + n + " failed job(s)");
      } else {
        JobView j = store.with(a -> a.retry(which.id));
        out.println("requeued job " + j.id() + " (" + j.kind() + " " + j.key() + ")");
      }
      return 0;
    }
  }

  @Command(
      name = "cancel",
      description = "Cancel a queued or running job (a running job's result is discarded).")
  static final class Cancel implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @Mixin Store store;

    @Parameters(paramLabel = "ID", description = "The job's id (from `warden jobs list`).")
    long id;

    @Override
    public Integer call() {
      JobView j = store.with(a -> a.cancel(id));
      jobs.parent
          .context()
          .out()
          .println("cancelled job " + j.id() + " (" + j.kind() + " " + j.key() + ")");
      return 0;
    }
  }

  /** One line: the error is cut to its first line, so a list stays a list. */
  static String text(JobView j) {
    String error =
        j.lastError()
            .map(e -> e.lines().findFirst().orElse(""))
            .map(e -> e.length() > 160 ? e.substring(0, 160) + "..." : e)
            .orElse("");
    return String.format(
            "%-6d %-9s %3d  %-6s %-40s %s  %s",
            j.id(),
            j.status(),
            j.attempts(),
            j.kind(),
            j.key(),
            j.finishedAt().orElse(j.runAfter()),
            error)
        .stripTrailing();
  }
}
