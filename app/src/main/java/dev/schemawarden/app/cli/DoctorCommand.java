package dev.schemawarden.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.app.apply.Privileges;
import dev.schemawarden.app.apply.Target;
import dev.schemawarden.app.config.ProductionConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "doctor",
    description = {
      "Report the privileges of the role each configured environment connects as, and warn where they are "
          + "broader than applying migrations needs (superuser, CREATEROLE, BYPASSRLS, REPLICATION).",
      "Exit codes: 0 least privilege, 1 warnings, 2 cannot connect or bad configuration."
    })
public final class DoctorCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The checkout with .schemawarden.yml.")
  Path repo;

  @ArgGroup(exclusive = true)
  ApplyCli.Where where;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Text (default) or json.")
  String format;

  @Mixin OutputOption output;

  @Override
  public Integer call() throws SQLException {
    CliContext ctx = parent.context();
    output.format("doctor", format, List.of("text", "json"));
    int warnings = 0;
    StringBuilder text = new StringBuilder();
    ArrayNode json = JsonNodeFactory.instance.arrayNode();
    // doctor only reads catalogs: the snapshot limits (statement 60 s), WARDEN_PG_*_TIMEOUT to
    // change them
    ProductionConnections.Timeouts timeouts =
        ProductionConnections.Timeouts.defaults().withEnvironment(System::getenv);
    for (Target t : ApplyCli.targets(repo, where)) {
      try (Connection c = t.withTimeouts(timeouts).connect("schema-warden-doctor")) {
        Privileges p = Privileges.of(c);
        text.append(t.name()).append(" (").append(t.display()).append("):\n");
        p.details().forEach(d -> text.append("  ").append(d).append('\n'));
        p.warnings().forEach(w -> text.append("  WARNING: ").append(w).append('\n'));
        if (p.warnings().isEmpty()) {
          text.append("  ok: no privilege beyond what applying needs\n");
        }
        ObjectNode env = json.addObject();
        env.put("environment", t.name());
        env.put("connection", t.display());
        p.details().forEach(env.putArray("details")::add);
        p.warnings().forEach(env.putArray("warnings")::add);
        warnings += p.warnings().size();
      }
    }
    String result =
        format.equals("json")
            ? JsonNodeFactory.instance
                    .objectNode()
                    .<ObjectNode>set("environments", json)
                    .toPrettyString()
                + "\n"
            : text.toString();
    output.write(ctx, result, format + " privilege report", warnings + " warning(s)");
    return warnings == 0 ? 0 : 1;
  }
}
