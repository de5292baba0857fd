package dev.schemawarden.app.cli;

import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "snapshot",
    description = {
      "Read production's schema (catalogs and statistics, never row data) in one read-only transaction and "
          + "write it as a versioned JSON snapshot. Needs only CONNECT on PostgreSQL; SELECT, SHOW VIEW and SHOW "
          + "CREATE ROUTINE on MySQL/MariaDB, whose URL's database is the one read (see "
          + "docs/snapshot-and-drift.md for the GRANTs).",
      "Connect, socket (read), statement and lock timeouts bound every wait (defaults 10s, 90s, 60s, 10s; "
          + "also WARDEN_PG_CONNECT_TIMEOUT, ..._SOCKET_..., ..._STATEMENT_..., ..._LOCK_...; a flag wins).",
      "Exit codes: 0 written, 2 usage, connection, timeout or permission error."
    },
    sortOptions = false)
public final class SnapshotCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(
      names = "--url",
      required = true,
      paramLabel = "JDBC_URL",
      description =
          "E.g. jdbc:postgresql://db.internal:5432/shop, jdbc:mariadb://db.internal:3306/shop or"
              + " jdbc:mysql://... (a password in it is used, never written).")
  String url;

  @Option(
      names = "--schemas",
      split = ",",
      paramLabel = "a,b",
      description = "Schemas to read (default: all).")
  List<String> schemas = List.of();

  @Option(
      names = "--no-statistics",
      description = "Leave out per relation sizes, rows and counters.")
  boolean noStatistics;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FILE",
      description = "The snapshot file to write (its directory must exist).")
  Path output;

  @Mixin ProductionOptions production;

  @Override
  public Integer call() {
    OutputFile.checkWritable(output, "--output"); // before production is read, not after
    SchemaSnapshot snapshot =
        production.readOnly(
            url,
            "schemawarden-snapshot",
            "cannot take a snapshot of",
            c -> Snapshots.take(c, new SnapshotOptions(schemas, !noStatistics)));
    OutputFile.write(output, Snapshots.toJson(snapshot), "--output");
    CliContext ctx = parent.context();
    ctx.err()
        .println(
            "warden: snapshot of "
                + snapshot.tables().size()
                + " tables, "
                + snapshot.views().size()
                + " views, "
                + snapshot.routines().size()
                + " routines written to "
                + output);
    snapshot.unreadable().forEach(u -> ctx.err().println("warden: could not read " + u));
    return 0;
  }
}
