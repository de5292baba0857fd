package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.ApplyResult;
import dev.schemawarden.app.apply.ApplyService;
import dev.schemawarden.app.apply.ApplySettings;
import dev.schemawarden.app.apply.Target;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "rollback",
    description = {
      "Run the rollback plan recorded in an 'applied' audit entry, through the same policy and approval "
          + "path as apply. Approvals must name the plan: audit-<hash of the entry> (printed with --show-"
          + "identity).",
      "Exit codes: 0 rolled back, 1 refused or failed, 2 usage, configuration or infrastructure error."
    },
    sortOptions = false)
public final class RollbackCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--audit-entry",
      paramLabel = "N",
      required = true,
      description = "The applied entry to undo.")
  long entry;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The checkout (its policy applies).")
  Path repo;

  @ArgGroup(exclusive = true)
  ApplyCli.Where where;

  @ArgGroup(exclusive = false, heading = "%nAuthority and audit:%n")
  ApplyCli.Authority authority = new ApplyCli.Authority();

  @Option(
      names = "--show-identity",
      description = "Print what approvals of this rollback must name, and exit.")
  boolean showIdentity;

  @Override
  public Integer call() {
    CliContext ctx = parent.context();
    try (StateStore store = ApplyCli.state(authority)) {
      ApplyService service = ApplyCli.service(ctx, AuditLog.open(store));
      String identity = service.rollbackIdentity(entry);
      if (showIdentity) {
        ctx.out().println(identity);
        return 0;
      }
      List<Target> targets = ApplyCli.targets(repo, where);
      if (targets.size() != 1) {
        throw new WardenException(
            ErrorCode.USAGE, "name the one environment to roll back with --env (or --url)");
      }
      var request =
          ApplyCli.request(
              repo,
              targets,
              authority,
              identity,
              ApplyCli.approvals(authority, identity),
              ApplySettings.defaults());
      ApplyResult r = service.rollback(request, targets.get(0), entry);
      ApplyCli.print(ctx, List.of(r));
      return r.ok() ? 0 : 1;
    }
  }
}
