package dev.schemawarden.app.cli;

import dev.schemawarden.app.apply.Privileges;
import dev.schemawarden.app.apply.Target;
import dev.schemawarden.app.config.ProductionConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "doctor",
    description = {
      "Report the privileges of the role each configured environment connects as, and warn where they are broader",
      "than applying migrations needs (superuser, CREATEROLE, BYPASSRLS, REPLICATION).",
      "Exit codes: 0 least privilege, 1 warnings, 2 cannot connect or bad configuration."
    })
public final class DoctorCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "the checkout with .schemawarden.yml")
  Path repo;

  @ArgGroup(exclusive = true)
  ApplyCli.Where where;

  @Override
  public Integer call() throws SQLException {
    CliContext ctx = parent.context();
    int warnings = 0;
    // doctor only reads catalogs: the snapshot limits (statement 60 s), WARDEN_PG_*_TIMEOUT to change them
    ProductionConnections.Timeouts timeouts = ProductionConnections.Timeouts.defaults().withEnvironment(System::getenv);
    for (Target t : ApplyCli.targets(repo, where)) {
      try (Connection c = t.withTimeouts(timeouts).connect("schema-warden-doctor")) {
        Privileges p = Privileges.of(c);
        ctx.out().println(t.name() + " (" + t.display() + "):");
        p.details().forEach(d -> ctx.out().println("  " + d));
        p.warnings().forEach(w -> ctx.out().println("  WARNING: " + w));
        if (p.warnings().isEmpty()) {
          ctx.out().println("  ok: no privilege beyond what applying needs");
        }
        warnings += p.warnings().size();
      }
    }
    return warnings == 0 ? 0 : 1;
  }
}
