package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RuleCatalog;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.Target;
import dev.schemawarden.app.config.DiagnoseConfig;
import dev.schemawarden.app.config.EnvironmentsConfig;
import dev.schemawarden.app.config.ProductionConnections;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.DiagnoseJsonRenderer;
import dev.schemawarden.app.report.DiagnoseReport;
import dev.schemawarden.app.report.DiagnoseTextRenderer;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "diagnose",
    description = {
      "One read-only pass over a live PostgreSQL, MySQL or MariaDB database (catalogs and statistics, never rows):"
          + " unused, "
          + "duplicate, overlapping and invalid indexes, foreign keys without an index, sequences near their "
          + "limit, tables without a primary key, transaction-ID age, inactive replication slots. Each problem "
          + "comes with its evidence and a proposed fix in its safe form (docs/diagnose.md; MySQL/MariaDB run the"
          + " checks that mean the same there: docs/diagnose.md#mysql-and-mariadb).",
      "Thresholds: the diagnose: section of .schemawarden.yml in --repo. Connection limits as for snapshot.",
      "Exit codes: 0 no problem at or above --fail-on, 1 some, 2 usage, configuration, connection or permission"
          + " error."
    },
    sortOptions = false)
public final class DiagnoseCommand implements Callable<Integer> {
  private static final List<String> FORMATS = List.of("text", "markdown", "json", "sarif");

  @ParentCommand HasContext parent;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Where where;

  static final class Where {
    @Option(
        names = "--url",
        paramLabel = "JDBC_URL",
        description =
            "The database, e.g. jdbc:postgresql://db.internal:5432/shop or jdbc:mariadb://db:3306/shop (a"
                + " password in it is used, never written); the report names it 'manual'.")
    String url;

    @Option(
        names = "--env",
        paramLabel = "NAME",
        description =
            "An environment of .schemawarden.yml: its url-env, user-env and password-env variables.")
    String env;
  }

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "The checkout whose .schemawarden.yml holds the thresholds and environments (default: .).")
  Path repo;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description =
          "How long the statistics counters must have counted before an index without scans is judged"
              + " unused, e.g. 7d (default: diagnose.window, else 7d); 0 judges on the counters as they are.")
  String window;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "error",
      description = "Error (default), warning or info: exit 1 when a problem is at or above it.")
  String failOn;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Text (default), markdown, json or sarif.")
  String format;

  @Mixin OutputOption output;

  @Mixin ProductionOptions production;

  @Override
  public Integer call() {
    CliContext ctx = parent.context();
    output.format("diagnose", format, FORMATS);
    Severity threshold = Severity.parse(failOn);
    if (threshold == Severity.OFF) {
      throw new WardenException(
          ErrorCode.USAGE, "--fail-on off would never block: use error, warning or info");
    }
    Path configFile = repo.resolve(WardenConfig.FILE_NAME);
    WardenConfig config =
        ctx.service().configLoader().loadFromRepo(repo); // validates the whole file, rules: too
    DiagnoseSettings settings = DiagnoseConfig.load(configFile);
    if (window != null) {
      settings = settings.withWindow(ProductionConnections.parse(window, "--window"));
    }
    DiagnoseSettings chosen = settings;
    String name;
    Diagnosis diagnosis;
    if (where.url != null) {
      name = "manual";
      diagnosis =
          production.readOnly(
              where.url, "schemawarden-diagnose", "cannot diagnose", c -> Diagnoses.run(c, chosen));
    } else {
      if (production.user().isPresent() || production.passwordEnv != null) {
        throw new WardenException(
            ErrorCode.USAGE,
            "--user and --password-env go with --url; the environment "
                + where.env
                + " takes its role from its user-env and password-env in .schemawarden.yml");
      }
      Target t = target(configFile, where.env);
      name = t.name();
      diagnosis =
          ProductionConnections.with(
              t.url(),
              t.user(),
              t.password(),
              "schemawarden-diagnose",
              true,
              production.timeouts(),
              "cannot diagnose",
              c -> Diagnoses.run(c, chosen));
    }
    DiagnoseReport report =
        new DiagnoseReport(name, withRules(diagnosis, config.rules()), threshold);
    ToolInfo tool = ToolInfo.current();
    String text =
        switch (format) {
          case "markdown" -> new DiagnoseTextRenderer(tool).markdown(report);
          case "json" -> new DiagnoseJsonRenderer(tool, RuleCatalog::find).json(report);
          case "sarif" -> new DiagnoseJsonRenderer(tool, RuleCatalog::find).sarif(report);
          default -> new DiagnoseTextRenderer(tool).text(report);
        };
    output.write(
        ctx,
        text,
        format + " diagnose report",
        report.diagnosis().problems().size()
            + " problem(s), "
            + (report.blocked() ? "blocked" : "passes"));
    return report.blocked() ? 1 : 0;
  }

  private static Target target(Path configFile, String env) {
    List<EnvironmentsConfig.Environment> envs = EnvironmentsConfig.load(configFile);
    EnvironmentsConfig.Environment e = EnvironmentsConfig.require(envs, env, configFile);
    return Target.fromEnvironment(e, System.getenv());
  }

  /** {@code rules:} of {@code .schemawarden.yml} applies to diagnose ids too: a new severity, or off. */
  public static Diagnosis withRules(Diagnosis d, Map<String, Severity> rules) {
    return d.withProblems(
        d.problems().stream()
            .map(p -> Optional.ofNullable(rules.get(p.check())).map(p::withSeverity).orElse(p))
            .filter(p -> p.severity() != Severity.OFF)
            .toList());
  }
}
