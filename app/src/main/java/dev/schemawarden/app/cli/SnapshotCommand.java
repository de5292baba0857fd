package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "snapshot",
    description = {
      "Read production's schema (catalogs and statistics, never row data) in one read-only transaction and write",
      "it as a versioned JSON snapshot. Needs only CONNECT (see docs/snapshot-and-drift.md for the GRANTs).",
      "Exit codes: 0 written, 2 usage, connection or permission error."
    },
    sortOptions = false)
public final class SnapshotCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Option(names = "--url", required = true, paramLabel = "JDBC_URL",
      description = "e.g. jdbc:postgresql://db.internal:5432/shop (a password in it is used, never written)")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "the snapshot role")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the password")
  String passwordEnv;

  @Option(names = "--schemas", split = ",", paramLabel = "a,b", description = "schemas to read (default: all)")
  List<String> schemas = List.of();

  @Option(names = "--no-statistics", description = "leave out per relation sizes, rows and counters")
  boolean noStatistics;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "the snapshot file to write (its directory must exist)")
  Path output;

  @Override
  public Integer call() {
    OutputFile.checkWritable(output, "--output"); // before production is read, not after
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (passwordEnv != null) {
      String password = System.getenv(passwordEnv);
      if (password == null) {
        throw new WardenException(ErrorCode.USAGE, "--password-env " + passwordEnv + " names an unset environment"
            + " variable; export it or leave the option out");
      }
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "schemawarden-snapshot");
    props.setProperty("readOnly", "true");
    SchemaSnapshot snapshot;
    try (Connection c = DriverManager.getConnection(url, props)) {
      snapshot = Snapshots.take(c, new SnapshotOptions(schemas, !noStatistics));
    } catch (SQLException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot connect to " + redact(url) + ": "
          + e.getMessage() + "; check the URL, --user and --password-env", e);
    }
    OutputFile.write(output, Snapshots.toJson(snapshot), "--output");
    CliContext ctx = parent.context();
    ctx.err().println("warden: snapshot of " + snapshot.tables().size() + " tables, " + snapshot.views().size()
        + " views, " + snapshot.routines().size() + " routines written to " + output);
    snapshot.unreadable().forEach(u -> ctx.err().println("warden: could not read " + u));
    return 0;
  }

  /** The URL without a password parameter, for messages. */
  static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }
}
