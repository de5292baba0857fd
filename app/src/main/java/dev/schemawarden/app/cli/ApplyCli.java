package dev.schemawarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.ApplyRequest;
import dev.schemawarden.app.apply.ApplyResult;
import dev.schemawarden.app.apply.ApplyService;
import dev.schemawarden.app.apply.ApplySettings;
import dev.schemawarden.app.apply.PreApplyCheck;
import dev.schemawarden.app.apply.Target;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.CanonicalJson;
import dev.schemawarden.app.config.EnvironmentsConfig;
import dev.schemawarden.app.config.ProductionConnections;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.git.GitCli;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.policy.api.Approval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Options and wiring shared by {@code apply}, {@code rollback} and {@code doctor}. */
final class ApplyCli {
  private ApplyCli() {}

  /** Where to apply: named environments from the config, or one JDBC URL. */
  static final class Where {
    @Option(
        names = "--env",
        paramLabel = "NAME",
        split = ",",
        description =
            "Environment(s) from .schemawarden.yml, applied in the order given (default: all, in file "
                + "order).")
    List<String> envs = new ArrayList<>();

    @Option(
        names = "--url",
        paramLabel = "JDBC_URL",
        description =
            "Apply to this database instead of a configured environment (named 'manual').")
    String url;
  }

  /** The state store and who approved. */
  static final class Authority {
    @Option(
        names = "--state-url",
        paramLabel = "URL",
        description =
            "The state store holding the audit log (default: $WARDEN_STATE_URL, else embedded in"
                + " $WARDEN_STATE_DIR or ~/.local/share/schema-warden/state, as root /var/lib/schema-warden/state).")
    String stateUrl;

    @ArgGroup(exclusive = true)
    Approvals approvals;

    @Option(
        names = "--repository",
        paramLabel = "OWNER/NAME",
        description = "Repository name for the audit log.")
    String repository;

    @Option(
        names = "--pr",
        paramLabel = "N",
        defaultValue = "0",
        description = "Pull request number (0: manual).")
    int pr;

    @Option(
        names = "--author",
        paramLabel = "LOGIN",
        defaultValue = "${env:USER:-unknown}",
        description = "Who authored the change (cannot approve it).")
    String author;

    @Option(
        names = "--sha",
        paramLabel = "SHA",
        description =
            "The reviewed and merged commit approvals must name (default: git HEAD of --repo).")
    String sha;
  }

  static final class Approvals {
    @Option(
        names = "--approvals",
        paramLabel = "FILE",
        description = "JSON list of reviews: [{\"user\", \"sha\", \"submitted_at\", \"state\"}].")
    Path file;

    @Option(
        names = "--approved-by",
        paramLabel = "LOGIN",
        split = ",",
        description =
            "People who approved the commit being applied (recorded in the audit log by name).")
    List<String> users;
  }

  static StateStore state(Authority a) {
    return StateStore.open(Optional.ofNullable(a.stateUrl), System.getenv());
  }

  static ApplyService service(CliContext ctx, AuditLog audit) {
    return new ApplyService(
        audit,
        ctx.service().configLoader(),
        Engines::forName,
        PreApplyCheck.objects(),
        Clock.systemUTC());
  }

  /**
   * The environments to act on, with apply's timeouts ({@link Target#APPLY_TIMEOUTS}) and the connect timeout of
   * {@code WARDEN_PG_CONNECT_TIMEOUT} when set; callers that run other statements set their own.
   */
  static List<Target> targets(Path repo, Where w) {
    ProductionConnections.Timeouts base = Target.APPLY_TIMEOUTS;
    ProductionConnections.Timeouts timeouts =
        ProductionConnections.Timeouts.forApply(
            base.withEnvironment(System::getenv).connect(), base.statement(), base.lock());
    return resolveTargets(repo, w).stream().map(t -> t.withTimeouts(timeouts)).toList();
  }

  private static List<Target> resolveTargets(Path repo, Where w) {
    if (w != null && w.url != null) {
      return List.of(
          new Target("manual", w.url, Optional.empty(), Optional.empty(), Optional.empty()));
    }
    List<EnvironmentsConfig.Environment> envs =
        EnvironmentsConfig.load(repo.resolve(WardenConfig.FILE_NAME));
    if (envs.isEmpty()) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "no environments in "
              + repo.resolve(WardenConfig.FILE_NAME)
              + ": add an environments: section (docs/configuration.md#apply) or pass --url JDBC_URL");
    }
    Map<String, String> vars = System.getenv();
    if (w == null || w.envs.isEmpty()) {
      return envs.stream().map(e -> Target.fromEnvironment(e, vars)).toList();
    }
    List<Target> out = new ArrayList<>();
    for (String name : w.envs) {
      EnvironmentsConfig.Environment e =
          EnvironmentsConfig.require(envs, name, WardenConfig.FILE_NAME);
      out.add(Target.fromEnvironment(e, vars));
    }
    return out;
  }

  static String headSha(Path repo) {
    GitCli.Result r = new GitCli(repo).run(List.of("rev-parse", "HEAD"), Map.of());
    if (!r.ok()) {
      throw new WardenException(
          ErrorCode.USAGE,
          repo + " is not a git checkout: pass --sha with the reviewed and" + " merged commit");
    }
    return r.out().trim();
  }

  static List<Approval> approvals(Authority a, String sha) {
    if (a.approvals == null) {
      return List.of();
    }
    if (a.approvals.users != null) {
      Instant now = Instant.now();
      return a.approvals.users.stream().map(u -> Approval.approved(u, sha, now)).toList();
    }
    try {
      JsonNode list = CanonicalJson.MAPPER.readTree(Files.readString(a.approvals.file));
      List<Approval> out = new ArrayList<>();
      for (JsonNode n : list) {
        out.add(
            new Approval(
                n.path("user").asText(),
                n.path("sha").asText(),
                Instant.parse(n.path("submitted_at").asText()),
                Approval.State.valueOf(
                    n.path("state").asText("approved").toUpperCase(Locale.ROOT))));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new WardenException(
          ErrorCode.INPUT,
          a.approvals.file
              + ": not a JSON list of approvals ("
              + e.getMessage()
              + "): write [{\"user\": \"bob\", \"sha\": \"<commit>\", \"submitted_at\":"
              + " \"2026-01-05T10:00:00Z\", \"state\": \"approved\"}]",
          e);
    }
  }

  static ApplyRequest request(
      Path repo,
      List<Target> targets,
      Authority a,
      String sha,
      List<Approval> approvals,
      ApplySettings settings) {
    String repository =
        a.repository != null
            ? a.repository
            : repo.toAbsolutePath().normalize().getFileName().toString();
    return new ApplyRequest(
        repo,
        Optional.empty(),
        targets,
        repository,
        a.pr,
        a.author,
        Set.of(a.author),
        "",
        sha,
        sha,
        approvals,
        settings);
  }

  static void print(CliContext ctx, List<ApplyResult> results) {
    for (ApplyResult r : results) {
      ctx.out()
          .println(
              r.environment()
                  + ": "
                  + r.status().label()
                  + " - "
                  + r.message()
                  + r.auditSeq().stream()
                      .mapToObj(s -> " (audit entry " + s + ")")
                      .findFirst()
                      .orElse(""));
      r.statements()
          .forEach(
              s ->
                  ctx.out()
                      .println(
                          "  "
                              + s.outcome().label()
                              + " "
                              + s.millis()
                              + " ms"
                              + (s.attempts() > 1 ? " (" + s.attempts() + " attempts)" : "")
                              + "  "
                              + s.migration()
                              + (s.line() > 0 ? ":" + s.line() : "")
                              + "  "
                              + firstLine(s.sql())));
      r.warnings()
          .forEach(w -> ctx.err().println("warden: warning: " + r.environment() + ": " + w));
    }
  }

  static Duration millis(long ms) {
    return Duration.ofMillis(ms);
  }

  private static String firstLine(String sql) {
    String l = sql.strip().lines().findFirst().orElse("");
    return l.length() > 100 ? l.substring(0, 100) + "..." : l;
  }
}
