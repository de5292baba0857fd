package dev.schemawarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.JsonReportRenderer;
import dev.schemawarden.policy.api.CodeOwners;
import dev.schemawarden.policy.api.Decision;
import dev.schemawarden.policy.api.PolicyExplainer;
import dev.schemawarden.policy.api.PolicyLoader;
import dev.schemawarden.policy.api.PolicyProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code warden policy check} and {@code warden policy explain}: see docs/policy.md. */
@Command(
    name = "policy",
    description =
        "Validate policy and context files, or explain the decision in a saved JSON report.",
    subcommands = {PolicyCommand.Check.class, PolicyCommand.Explain.class})
public final class PolicyCommand implements HasContext, Runnable {

  @ParentCommand HasContext parent;

  @Override
  public CliContext context() {
    return parent.context();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "name a subcommand: check [FILE] or explain --report FILE");
  }

  @Command(
      name = "check",
      description = {
        "Validate a policy: .schemawarden.yml (its policy: and context: sections or the files they name), or "
            + "a separate policy file. Prints every problem as file:line: what is wrong; how to fix it.",
        "Exit codes: 0 valid, 2 problems found."
      })
  static final class Check implements Callable<Integer> {
    @ParentCommand PolicyCommand parent;

    @Parameters(
        arity = "0..1",
        paramLabel = "FILE",
        description = ".schemawarden.yml (default) or a separate policy file.")
    Path file;

    @Option(
        names = "--context",
        paramLabel = "FILE",
        description = "Also check this separate context file.")
    Path context;

    @Override
    public Integer call() {
      CliContext ctx = parent.context();
      Path target = file != null ? file : Path.of(WardenConfig.FILE_NAME);
      if (!Files.isRegularFile(target)) {
        throw new WardenException(
            ErrorCode.USAGE,
            target
                + ": no such file: name a policy file or run in the"
                + " directory holding "
                + WardenConfig.FILE_NAME);
      }
      List<PolicyProblem> problems = new ArrayList<>();
      List<String> checked = new ArrayList<>();
      Optional<WardenConfig> config = asConfig(ctx, target, problems);
      if (config.isPresent()) {
        // The config's own sections (inline or naming a file): PolicyLoader follows a path to its
        // file.
        if (config.get().policy().isPresent()) {
          problems.addAll(PolicyLoader.check(target));
          checked.add("policy");
        }
        if (config.get().context().isPresent()) {
          problems.addAll(PolicyLoader.checkContext(target));
          checked.add("context");
        }
        codeOwners(target.toAbsolutePath().getParent())
            .ifPresent(
                co -> {
                  problems.addAll(co.problems());
                  checked.add(co.file());
                });
      } else if (problems.isEmpty()) {
        problems.addAll(PolicyLoader.check(target));
        checked.add("policy");
      }
      if (context != null) {
        problems.addAll(PolicyLoader.checkContext(context));
        checked.add("context " + context);
      }
      problems.forEach(p -> ctx.out().println(p));
      if (!problems.isEmpty()) {
        ctx.err().println("warden: " + problems.size() + " problem(s)");
        return ErrorCode.CONFIG.exitCode();
      }
      ctx.out()
          .println(
              target
                  + ": ok"
                  + (checked.isEmpty()
                      ? " (no policy: section: the default policy applies; POL001 and POL002 always run)"
                      : " (" + String.join(", ", checked) + ")"));
      return 0;
    }

    /**
     * The repository's CODEOWNERS next to the config (the first of {@link CodeOwners#LOCATIONS}): reviews skip its
     * bad lines with a warning, so {@code policy check} is where they surface, with their lines.
     */
    private static Optional<CodeOwners> codeOwners(Path root) {
      for (String location : CodeOwners.LOCATIONS) {
        // Inside the repository only, as reviews read it: a link out, a FIFO or a device is a
        // CONFIG error.
        Optional<String> text =
            new RepositoryFile(root, location).readIfExists(1L << 20, ErrorCode.CONFIG);
        if (text.isPresent()) {
          return Optional.of(CodeOwners.parse(location, text.get()));
        }
      }
      return Optional.empty();
    }

    /**
     * The file as {@code .schemawarden.yml} when it is one (named so, or with a top-level policy:/context: key
     * next to other config keys); a config error becomes a problem with its line.
     */
    private static Optional<WardenConfig> asConfig(
        CliContext ctx, Path target, List<PolicyProblem> problems) {
      boolean named = target.getFileName().toString().equals(WardenConfig.FILE_NAME);
      if (!named && !looksLikeConfig(target)) {
        return Optional.empty();
      }
      try {
        return Optional.of(ctx.service().configLoader().load(target, target.toString()));
      } catch (WardenException e) {
        problems.add(problemOf(target, e.getMessage()));
        return Optional.empty();
      }
    }

    private static boolean looksLikeConfig(Path target) {
      try {
        return RepositoryFile.named(target)
            .readIfExists(1L << 20, ErrorCode.CONFIG)
            .orElse("")
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "(engine|engine-version|migrations|fail-on|snapshot|environments)\\s*:.*"));
      } catch (WardenException e) {
        return false; // the policy loader reports the same file with its reason
      }
    }

    /** ConfigLoader's messages start with {@code file:line: }; keep the line for the problem. */
    private static PolicyProblem problemOf(Path target, String message) {
      String prefix = target + ":";
      if (message.startsWith(prefix)) {
        String rest = message.substring(prefix.length());
        int colon = rest.indexOf(": ");
        if (colon > 0 && rest.substring(0, colon).chars().allMatch(Character::isDigit)) {
          return new PolicyProblem(
              target.toString(),
              Integer.parseInt(rest.substring(0, colon)),
              rest.substring(colon + 2),
              "");
        }
      }
      return new PolicyProblem(target.toString(), 1, message, "");
    }
  }

  @Command(
      name = "explain",
      description = {
        "Show which policies fired and why, from a report written by warden review --format json.",
        "Exit codes: 0 printed, 2 the file is not such a report."
      })
  static final class Explain implements Callable<Integer> {
    @ParentCommand PolicyCommand parent;

    @Option(
        names = "--report",
        paramLabel = "FILE",
        required = true,
        description = "A JSON report (warden review --format json --output FILE).")
    Path report;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "text",
        description =
            "Text (default) or json (the decision object of the report, checked and rewritten).")
    String format;

    @Mixin OutputOption output;

    @Override
    public Integer call() {
      CliContext ctx = parent.context();
      output.format("policy explain", format, List.of("text", "json"));
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(Files.readString(report, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new WardenException(
            ErrorCode.INPUT,
            report
                + ": cannot read a JSON report: "
                + e.getMessage()
                + "; write one with warden review --format json --output "
                + report,
            e);
      }
      Decision d = decision(root, report.toString());
      output.write(
          ctx,
          explain(d, format.equals("json")),
          format + " policy explanation",
          "decision " + d.outcome().label());
      return 0;
    }
  }

  /**
   * The decision of a JSON report ({@code warden review --format json}), checked; {@code source} names it in the
   * error. {@code warden policy explain} and the MCP tool {@code explain_decision} both read reports this way.
   */
  public static Decision decision(JsonNode root, String source) {
    JsonNode decision = root == null ? null : root.get("decision");
    if (decision == null || decision.isNull()) {
      throw new WardenException(
          ErrorCode.INPUT,
          source
              + ": the report has no decision (a lint report, or a"
              + " review without the policy stage): run warden review --format json to get one");
    }
    return JsonReportRenderer.readDecision(decision, source);
  }

  /** Which policies fired and why: text, or the decision object as JSON ({@code --format json}). */
  public static String explain(Decision d, boolean json) {
    return json
        ? JsonReportRenderer.decisionJson(d).toPrettyString() + "\n"
        : PolicyExplainer.explain(d);
  }
}
