package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.ApplyRequest;
import dev.schemawarden.app.apply.ApplyResult;
import dev.schemawarden.app.apply.ApplyService;
import dev.schemawarden.app.apply.ApplySettings;
import dev.schemawarden.app.apply.Target;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.config.ProductionConnections;
import dev.schemawarden.app.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "apply",
    description = {
      "Apply the merged migrations to each environment in order, under guardrails: the policy decision for "
          + "the commit must be allow with approvals given on that commit; the objects touched must look as "
          + "reviewed; one applier at a time; lock_timeout with bounded retries. Every outcome is written to the "
          + "audit log first.",
      "Exit codes: 0 applied or up to date, 1 refused or failed, 2 usage, configuration or infrastructure "
          + "error."
    },
    sortOptions = false)
public final class ApplyCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The merged checkout.")
  Path repo;

  @ArgGroup(exclusive = true)
  ApplyCli.Where where;

  @ArgGroup(exclusive = false, heading = "%nAuthority and audit:%n")
  ApplyCli.Authority authority = new ApplyCli.Authority();

  @Option(
      names = "--lock-timeout",
      paramLabel = "MS",
      defaultValue = "3000",
      description = "The lock_timeout per statement in milliseconds (default 3000).")
  long lockTimeoutMs;

  @Option(
      names = "--statement-timeout",
      paramLabel = "MS",
      defaultValue = "0",
      description = "The statement_timeout in milliseconds (default 0: none).")
  long statementTimeoutMs;

  @Option(
      names = "--attempts",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Tries per transactional migration on lock timeout, with exponential backoff (default 4).")
  int attempts;

  @Option(
      names = "--dry-run",
      description = "Show what is pending and what blocks it; change nothing.")
  boolean dryRun;

  @Option(
      names = "--resolve",
      paramLabel = "MIGRATION",
      description =
          "A migration that stopped part-way outside a transaction, after a person checked it.")
  String resolve;

  @Option(
      names = "--as",
      paramLabel = "applied|not-applied",
      description =
          "With --resolve: 'applied' (you finished it by hand) or 'not-applied' (you undid it; it runs "
              + "again).")
  String resolveAs;

  @Override
  public Integer call() {
    CliContext ctx = parent.context();
    String sha = authority.sha != null ? authority.sha : ApplyCli.headSha(repo);
    ApplySettings settings =
        new ApplySettings(
            Duration.ofMillis(lockTimeoutMs),
            Duration.ofMillis(statementTimeoutMs),
            attempts,
            ApplySettings.defaults().initialBackoff());
    // the read timeout follows --statement-timeout: none without one, since a migration may run for
    // hours
    List<Target> targets =
        ApplyCli.targets(repo, where).stream()
            .map(
                t ->
                    t.withTimeouts(
                        ProductionConnections.Timeouts.forApply(
                            t.timeouts().connect(),
                            settings.statementTimeout(),
                            settings.lockTimeout())))
            .toList();
    try (StateStore store = ApplyCli.state(authority)) {
      ApplyService service = ApplyCli.service(ctx, AuditLog.open(store));
      ApplyRequest request =
          ApplyCli.request(
              repo, targets, authority, sha, ApplyCli.approvals(authority, sha), settings);
      if (resolve != null) {
        if (targets.size() != 1
            || resolveAs == null
            || !List.of("applied", "not-applied").contains(resolveAs)) {
          throw new WardenException(
              ErrorCode.USAGE,
              "--resolve needs exactly one --env (or --url) and --as applied|not-applied");
        }
        ctx.out()
            .println(
                service.resolve(request, targets.get(0), resolve, resolveAs.equals("applied")));
        return 0;
      }
      if (dryRun) {
        for (Target t : targets) {
          var p = service.pending(request, t);
          ctx.out()
              .println(
                  t.name()
                      + ": "
                      + p.migrations().size()
                      + " pending"
                      + (p.migrations().isEmpty()
                          ? ""
                          : ": "
                              + String.join(
                                  ", ", p.migrations().stream().map(m -> m.label()).toList())));
          p.blockers().forEach(b -> ctx.out().println("  blocked: " + b));
        }
        return 0;
      }
      List<ApplyResult> results = service.apply(request);
      ApplyCli.print(ctx, results);
      return results.stream().allMatch(ApplyResult::ok) ? 0 : 1;
    }
  }
}
