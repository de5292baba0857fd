package dev.schemawarden.app;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Linter;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RuleCatalog;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.cli.HasContext;
import dev.schemawarden.app.cli.LintCommand;
import dev.schemawarden.app.cli.Logging;
import dev.schemawarden.app.cli.Renderers;
import dev.schemawarden.app.cli.ReviewCommand;
import dev.schemawarden.app.cli.RulesCommand;
import dev.schemawarden.app.cli.ServeCommand;
import dev.schemawarden.app.cli.Terminal;
import dev.schemawarden.app.cli.VersionCommand;
import dev.schemawarden.app.review.Components;
import dev.schemawarden.app.review.ConcernsStage;
import dev.schemawarden.app.review.DriftStage;
import dev.schemawarden.app.review.EngineTracers;
import dev.schemawarden.app.review.LintStage;
import dev.schemawarden.app.review.MysqlReplicaTracer;
import dev.schemawarden.app.review.PolicyDecider;
import dev.schemawarden.app.review.PolicyStage;
import dev.schemawarden.app.review.PredictStage;
import dev.schemawarden.app.review.ProductionSchemaStage;
import dev.schemawarden.app.review.ReplicaHolder;
import dev.schemawarden.app.review.ReplicaTracer;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.review.RollbackPlanStage;
import dev.schemawarden.app.review.SnapshotDrift;
import dev.schemawarden.app.review.SourcesStage;
import dev.schemawarden.app.review.TraceStage;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The composition root: wires the review pipeline by hand (no DI container) and runs the {@code warden} command
 * line. Only the CLI writes stdout; logs go to stderr and are quiet unless {@code --verbose}.
 */
@Command(
    name = "warden",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT, // -h/--help (and -V) on every subcommand too
    versionProvider = VersionCommand.Provider.class,
    description =
        "Schema Warden reviews database migrations the way a database reliability engineer would.",
    // no subcommands = {...}: COMMANDS lists them, and commandLine(...) registers only the one a
    // run names
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:passes",
      "1:blocked (findings at or above --fail-on, or the decision is not allow)",
      "2:usage, configuration or infrastructure error (the message says what to fix)"
    })
public final class Main implements HasContext, Runnable {

  /**
   * Every subcommand, in the order help lists them (one per line, so parallel additions merge cleanly). Building a
   * picocli command reflects over its class, options and nested commands: doing that for all of them cost a short
   * {@code warden lint} about a third of its run, so a run that names one gets only that one.
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          ReviewCommand.class,
          LintCommand.class,
          RulesCommand.class,
          VersionCommand.class,
          dev.schemawarden.app.cli.SnapshotCommand.class,
          dev.schemawarden.app.cli.DriftCommand.class,
          dev.schemawarden.app.cli.DiagnoseCommand.class,
          dev.schemawarden.app.cli.WatchCommand.class,
          ServeCommand.class,
          dev.schemawarden.app.cli.PolicyCommand.class,
          dev.schemawarden.app.cli.ApplyCommand.class,
          dev.schemawarden.app.cli.AuditCommand.class,
          dev.schemawarden.app.cli.JobsCommand.class,
          dev.schemawarden.app.cli.DoctorCommand.class,
          dev.schemawarden.app.cli.RollbackCommand.class,
          dev.schemawarden.app.cli.CompletionCommand.class,
          dev.schemawarden.app.cli.McpCommand.class,
          dev.schemawarden.app.cli.ProposalCommand.class,
          dev.schemawarden.app.cli.GithubEventCommand.class,
          dev.schemawarden.app.cli.SetupCommand.class,
          CommandLine.HelpCommand.class);

  /** Commands that read the whole tree (help lists it, completion scripts it): they get every command. */
  private static final Set<String> WHOLE_TREE = Set.of("help", "completion");

  private final CliContext context;
  private boolean verbose;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log what happens (to stderr), with the stack trace of an error.")
  void verbose(boolean on) {
    verbose = on;
    Logging.configure(on);
  }

  Main(CliContext context) {
    this.context = context;
  }

  @Override
  public CliContext context() {
    return context;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this),
        "name a command: review, lint, rules or version (warden --help lists them)");
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err, Terminal.detect(System.getenv())));
  }

  /** Runs one command line with the production wiring; {@code interactive}: both streams are a terminal. */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean interactive) {
    return run(args, out, err, interactive ? new Terminal(true, true, false) : Terminal.NONE);
  }

  /** Runs one command line with the production wiring; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, Terminal terminal) {
    // One replica provider per process, started only when a stage needs it, stopped when the
    // command ends.
    try (ReplicaHolder replicas = ReplicaHolder.embedded(ReplicaSettings.defaults())) {
      MysqlReplicaTracer mysql =
          MysqlReplicaTracer.standard(
              longRunning(args)
                  ? MysqlReplicaProvider.Pool.defaults()
                  : MysqlReplicaProvider.Pool.off());
      try (ReviewService service =
          reviewService(replicas, mysql, SnapshotDrift.Settings.defaults(), Clock.systemUTC())) {
        return run(args, new CliContext(out, err, service, renderers(service), terminal, replicas));
      }
    } catch (RuntimeException e) {
      // Wiring or stopping the replica provider failed: the same one line as any other error.
      boolean verbose =
          java.util.Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
      return failed(e, verbose, err);
    }
  }

  /** {@code serve} and {@code mcp} run until stopped: worth keeping spare MySQL sandboxes for the next review. */
  static boolean longRunning(String[] args) {
    return java.util.Arrays.stream(args)
        .filter(a -> !a.startsWith("-"))
        .findFirst()
        .filter(c -> c.equals("serve") || c.equals("mcp"))
        .isPresent();
  }

  /** Runs one command line with the given wiring (tests substitute parts); returns the exit code. */
  public static int run(String[] args, CliContext context) {
    Logging.configure(false); // --verbose, when given, turns it up while the arguments are parsed
    Main main = new Main(context);
    CommandLine cli = commandLine(main, args);
    // Help is wrapped to the terminal's width (80 columns in a pipe or when it cannot tell), never
    // by breaks in the text; picocli asks the terminal (stty), so only when there is one.
    cli.setUsageHelpAutoWidth(context.terminal().stdoutIsTerminal());
    // Colour only on a terminal and never with NO_COLOR: decided here, not by picocli's own guess.
    cli.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            context.terminal().colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cli.setOut(new PrintWriter(context.out(), true));
    cli.setErr(new PrintWriter(context.err(), true));
    Errors errors = new Errors(main);
    cli.setParameterExceptionHandler(errors);
    cli.setExecutionExceptionHandler(errors);
    try {
      return cli.execute(args);
    } catch (RuntimeException e) {
      return failed(
          e,
          main.verbose,
          context.err()); // thrown outside a command (e.g. while picocli set it up)
    }
  }

  /**
   * How a usage error and a failed command end: one line on stderr and an exit code. A named class, not two lambdas:
   * picocli's class files are Java 5, and the start-up archive (docs/benchmarks.md) cannot hold an old class that a
   * lambda linked while the archive was made, so lambdas here left picocli's largest class out of it.
   */
  private static final class Errors
      implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    private final Main main;

    Errors(Main main) {
      this.main = main;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      main.context
          .err()
          .println(
              "warden: error: "
                  + oneLine(e.getMessage())
                  + " (run '"
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for usage)");
      return ErrorCode.USAGE.exitCode();
    }

    @Override
    public int handleExecutionException(
        Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
      return failed(e, main.verbose, main.context.err());
    }
  }

  /**
   * The command line for {@code args}: {@code main} with the one subcommand its first word names, or with every
   * subcommand when it names none, an unknown one (so picocli's usage error and suggestions see them all) or one of
   * {@link #WHOLE_TREE}. Parsing, help and errors of the named command are the same either way.
   */
  static CommandLine commandLine(Main main, String... args) {
    CommandLine cli = new CommandLine(main);
    Optional<String> word = Optional.empty();
    for (String a : args) {
      if (a.equals("--")) {
        break; // end of options: let picocli read the rest with every command present
      }
      if (!a.startsWith(
          "-")) { // warden's own options take no value, so the first word names the command
        word = Optional.of(a);
        break;
      }
    }
    Optional<Class<?>> only =
        word.filter(w -> !WHOLE_TREE.contains(w))
            .flatMap(w -> COMMANDS.stream().filter(c -> named(c, w)).findFirst());
    for (Class<?> command : only.isPresent() ? List.of(only.get()) : COMMANDS) {
      cli.addSubcommand(
          command); // a loop, not cli::addSubcommand: see Errors on picocli and the start-up
      // archive
    }
    return cli;
  }

  private static boolean named(Class<?> command, String word) {
    Command c = command.getAnnotation(Command.class);
    return c.name().equals(word) || List.of(c.aliases()).contains(word);
  }

  /**
   * Every error ends here: one line {@code warden: error: ...} on stderr, whatever the message held, and the stack
   * trace only with {@code --verbose}. Returns the exit code.
   */
  static int failed(Exception e, boolean verbose, PrintStream err) {
    if (e instanceof WardenException w) {
      err.println("warden: error: " + oneLine(w.getMessage()));
    } else {
      err.println(
          "warden: error: internal error: "
              + oneLine(e.toString())
              + " (a bug: please report it with the command you ran; --verbose shows the stack trace)");
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    return e instanceof WardenException w ? w.code().exitCode() : ErrorCode.INTERNAL.exitCode();
  }

  /** A message on one line: "3 problem(s):\na\nb" becomes "3 problem(s): a; b". */
  public static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    StringBuilder b = new StringBuilder();
    for (String line : message.strip().split("\\R")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append(b.charAt(b.length() - 1) == ':' ? " " : "; ");
      }
      b.append(l);
    }
    return b.toString();
  }

  /**
   * The production wiring, and the one place the review's stages are listed in order: sources and change
   * selection, production's schema (resolved once), lint, lock prediction, trace, one finding per concern, drift,
   * policy. Trace and drift share {@code replicas}, so a review starts one PostgreSQL cluster at most.
   */
  public static ReviewService reviewService(
      ReplicaHolder replicas, SnapshotDrift.Settings drift, Clock clock) {
    return reviewService(replicas, MysqlReplicaTracer.standard(), drift, clock);
  }

  /** The production wiring with {@code mysql} tracing engines mysql and mariadb (tests bring an embedded MariaDB). */
  public static ReviewService reviewService(
      ReplicaHolder replicas, MysqlReplicaTracer mysql, SnapshotDrift.Settings drift, Clock clock) {
    Components components = defaultComponents();
    return new ReviewService(
        components,
        List.of(
            new SourcesStage(components.sources()),
            new ProductionSchemaStage(new SnapshotDrift(replicas, mysql, drift)),
            new LintStage(components),
            new PredictStage(),
            new TraceStage(
                new EngineTracers(
                    new ReplicaTracer(replicas, ReplicaTracer.StatisticsSource.SNAPSHOT), mysql)),
            new RollbackPlanStage(components),
            new ConcernsStage(),
            new DriftStage(),
            new PolicyStage(new PolicyDecider(clock, Engines::forName))));
  }

  /** Engines, sources, the built-in linter and the rule catalog (tests pair them with their own later stages). */
  public static Components defaultComponents() {
    Components.Engines engines = Engines::forName;
    Components components =
        new Components(
            engines,
            new Components.Sources() {
              @Override
              public MigrationSource forTool(MigrationTool tool) {
                return MigrationSources.forTool(tool);
              }

              @Override
              public Optional<MigrationSources.Detection> detect(
                  Path root, MigrationSettings settings) {
                return Optional.of(
                    MigrationSources.detection(
                        root, settings)); // its error names every layout it tried
              }
            },
            new BuiltInLinter(engines),
            RuleCatalog::all);
    return components;
  }

  /**
   * The built-in rules, one runner per set of options: {@code warden lint} asks once per file with the same options,
   * and a runner sorts out its rules (severity, engine, version) when it is made, not on each call.
   */
  private static final class BuiltInLinter implements Components.StaticLinter {
    private final Components.Engines engines;
    private volatile Map.Entry<Components.LintOptions, Linter> last;

    BuiltInLinter(Components.Engines engines) {
      this.engines = engines;
    }

    @Override
    public List<Finding> lint(List<Migration> migrations, Components.LintOptions options) {
      Map.Entry<Components.LintOptions, Linter> runner = last;
      if (runner == null || !runner.getKey().equals(options)) {
        runner =
            Map.entry(
                options,
                Linter.builtIn(
                    engines.forName(options.engine()),
                    new LintSettings(options.serverVersion(), options.severities(), Set.of())));
        last = runner;
      }
      return runner.getValue().lint(migrations);
    }
  }

  /** The report renderers, with rule metadata from the service's catalog. */
  public static Renderers renderers(ReviewService service) {
    Map<String, RuleMeta> byId =
        service.catalog().stream().collect(Collectors.toMap(RuleMeta::id, r -> r, (a, b) -> a));
    return Renderers.standard(id -> Optional.ofNullable(byId.get(id)));
  }
}
