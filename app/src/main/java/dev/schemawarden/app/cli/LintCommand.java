package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.app.report.ReportFormat;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.review.LintRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "lint",
    description = {
      "Check SQL files with the static rules only (no git, no database): the fast path for editors and pre-"
          + "commit hooks. Files of any migration tool are read as plain SQL. Each file is checked on its own "
          + "against an existing database, as other linters do; --as-one-change checks them as one ordered change"
          + " instead.",
      "Exit codes: 0 passes, 1 findings at or above --fail-on, 2 usage or input error."
    },
    sortOptions = false)
public final class LintCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description =
          "SQL files to check; a directory stands for every *.sql file under it (recursively, in path "
              + "order).")
  List<Path> files;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "The database engine the files are written for: postgres, mysql or mariadb, or a JDBC URL of one"
              + " (default: engine in config, else postgres).")
  String engine;

  @Option(
      names = "--engine-version",
      paramLabel = "N",
      description =
          "The server version the findings are judged for, e.g. 16 or 8.0.29 (default: engine-version in "
              + "config, else the engine's newest long-term release: PostgreSQL 17, MySQL 8.4, MariaDB 11.4).")
  String engineVersion;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: .schemawarden.yml in the current directory, if any).")
  Path config;

  @Option(
      names = "--as-one-change",
      description =
          "Check the files as one change applied in the order given: a table created in an earlier file "
              + "is new in a later one, so locking it is not reported (default: each file on its own).")
  boolean asOneChange;

  @Mixin ReportOptions report;

  @Override
  public Integer call() {
    CliContext ctx = parent.context();
    ReportFormat format = report.format();
    Optional<ServerVersion> version = Optional.ofNullable(engineVersion).map(ServerVersion::parse);
    LintRequest request =
        new LintRequest(
            files,
            Optional.ofNullable(config),
            Optional.ofNullable(engine),
            version,
            report.failOn(),
            asOneChange);
    ReviewReport result = ctx.service().lint(request, ctx.progress());
    return report.write(ctx, result, format);
  }
}
