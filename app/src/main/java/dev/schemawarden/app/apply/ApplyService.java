package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSource;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.ApplyResult.Status;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditRecord;
import dev.schemawarden.app.audit.Secrets;
import dev.schemawarden.app.config.ConfigLoader;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.review.Components;
import dev.schemawarden.policy.api.Decision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies merged migrations to each environment in order, under guardrails, recording every outcome in the audit
 * log before it is reported. Per environment: (1) the tool's history says what is pending and whether a person must
 * first resolve a partial apply; (2) the policy decision for the merged commit must be {@code allow} with
 * approvals bound to that commit; (3) a session advisory lock makes this the only applier; (4) the credentials are
 * checked for more privilege than needed; (5) the pre-apply drift check; (6) the rollback plan is computed; then
 * the migrations run with timeouts and retries and the audit entry records statements, timings and schema hashes.
 */
public final class ApplyService {
  /** Session advisory lock key every Schema Warden applier takes on the target ("warden-apply"). */
  public static final long APPLY_LOCK = 0x77617264656e6170L;

  /** Catalog functions wait for locks on the tables they describe: the fingerprint waits this long at most. */
  private static final java.time.Duration FINGERPRINT_WAIT = java.time.Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(ApplyService.class);

  private final AuditLog audit;
  private final ConfigLoader configLoader;
  private final Components.Engines engines;
  private final PreApplyCheck check;
  private final Clock clock;
  private final StatementRunner.Sleeper sleeper;

  public ApplyService(
      AuditLog audit,
      ConfigLoader configLoader,
      Components.Engines engines,
      PreApplyCheck check,
      Clock clock) {
    this(audit, configLoader, engines, check, clock, d -> Thread.sleep(d.toMillis()));
  }

  ApplyService(
      AuditLog audit,
      ConfigLoader configLoader,
      Components.Engines engines,
      PreApplyCheck check,
      Clock clock,
      StatementRunner.Sleeper sleeper) {
    this.audit = audit;
    this.configLoader = configLoader;
    this.engines = engines;
    this.check = check;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Applies to every target in order; stops at the first one refused or failed (the rest are SKIPPED). */
  public List<ApplyResult> apply(ApplyRequest request) {
    Project p = project(request);
    List<ApplyResult> results = new ArrayList<>();
    boolean stop = false;
    for (Target t : request.targets()) {
      if (stop) {
        results.add(
            new ApplyResult(
                t.name(),
                Status.SKIPPED,
                List.of(),
                OptionalLong.empty(),
                "not attempted: an earlier environment did not apply",
                List.of()));
        continue;
      }
      ApplyResult r = applyOne(request, p, t);
      results.add(r);
      stop = !r.ok();
    }
    return List.copyOf(results);
  }

  /** Marks a partially applied migration as dealt with by a person, and records who did it in the audit log. */
  public String resolve(ApplyRequest request, Target target, String migration, boolean applied) {
    Project p = project(request);
    String msg = p.executor().resolve(target, migration, applied);
    audit.append(base(request, AuditEvent.OVERRIDDEN, target).withNote("resolved by hand: " + msg));
    return msg;
  }

  /**
   * Records the policy decision for the migrations pending on {@code target} as the review sees it: {@code reviewed}
   * (needs approval), {@code approved} (allow) or {@code denied}. The webhook service calls this on review and
   * approval events, before it publishes the outcome.
   */
  public AuditEntry recordDecision(ApplyRequest req, Target target) {
    Project p = project(req);
    List<Migration> pending = p.executor().pending(target).migrations();
    String sha = req.headSha().isEmpty() ? req.mergeSha() : req.headSha();
    PolicyGate.Verdict v =
        PolicyGate.decide(
            req,
            p.config(),
            p.engine(),
            new PolicyGate.Subject(pending, target, req.repository(), req.pr(), sha),
            clock.instant());
    AuditEvent event =
        switch (v.decision().outcome()) {
          case ALLOW -> v.approvers().isEmpty() ? AuditEvent.REVIEWED : AuditEvent.APPROVED;
          case NEEDS_APPROVAL -> AuditEvent.REVIEWED;
          case DENY -> AuditEvent.DENIED;
        };
    return audit.append(
        base(req, event, target)
            .withDecision(v.decisionJson(), v.approvers())
            .withFindings(v.findingsSummary())
            .withRollbackPlan(RollbackPlanner.plan(req.repo(), pending).toJson())
            .withNote(
                v.decision().outcome().label() + ": " + String.join("; ", v.decision().reasons())));
  }

  /** Runs the rollback plan recorded in applied entry {@code seq} on {@code target}, through the same gate. */
  public ApplyResult rollback(ApplyRequest req, Target target, long seq) {
    return Rollbacks.rollback(project(req), audit, req, target, seq, clock);
  }

  /** The sha approvals of a rollback of entry {@code seq} must be bound to. */
  public String rollbackIdentity(long seq) {
    return audit
        .show(seq)
        .map(Rollbacks::identity)
        .orElseThrow(() -> usage("audit entry " + seq + " does not exist"));
  }

  /** What {@code apply --dry-run} shows: pending migrations and blockers per target, nothing is changed. */
  public Executor.Pending pending(ApplyRequest request, Target target) {
    Project p = project(request);
    if (MysqlApply.isMysql(target)
        && !(p.executor() instanceof FlywayExecutor || p.executor() instanceof LiquibaseExecutor)) {
      throw new WardenException(ErrorCode.CONFIG, flywayOrLiquibaseOnly(target));
    }
    return p.executor().pending(target);
  }

  record Project(
      WardenConfig config,
      DatabaseEngine engine,
      List<Migration> migrations,
      Executor executor,
      StatementRunner runner) {}

  Project project(ApplyRequest request) {
    WardenConfig config =
        request
            .config()
            .map(c -> configLoader.load(c, c.toString()))
            .orElseGet(() -> configLoader.loadFromRepo(request.repo()));
    DatabaseEngine engine = engines.forName(config.engine());
    MigrationSource source = MigrationSources.detect(request.repo(), config.migrations());
    List<Migration> all = source.load(request.repo(), config.migrations(), engine.parser());
    StatementRunner runner = new StatementRunner(request.settings(), sleeper);
    String by =
        "schema-warden ("
            + (request.pr() > 0 ? "PR #" + request.pr() : "manual")
            + ", "
            + abbrev(request.mergeSha())
            + ")";
    PlainExecutor plain = new PlainExecutor(all, engine, config.engineVersion(), runner, by);
    Executor executor =
        switch (source.tool()) {
          case FLYWAY ->
              new FlywayExecutor(
                  request.repo(),
                  all.stream().filter(m -> m.kind() != Migration.Kind.UNDO).toList(),
                  config.migrations(),
                  request.settings(),
                  sleeper,
                  plain,
                  m ->
                      m.runInTransaction()
                          && m.statements().stream()
                              .noneMatch(
                                  s ->
                                      engine.mustRunOutsideTransaction(s, config.engineVersion())));
          case LIQUIBASE ->
              new LiquibaseExecutor(
                  request.repo(), all, config.migrations(), request.settings(), sleeper, plain);
          default -> plain;
        };
    LOG.debug("{} project with {} migration(s)", source.tool().configName(), all.size());
    return new Project(config, engine, all, executor, runner);
  }

  private ApplyResult applyOne(ApplyRequest req, Project p, Target t) {
    boolean mysql = MysqlApply.isMysql(t);
    if (mysql
        && !(p.executor() instanceof FlywayExecutor || p.executor() instanceof LiquibaseExecutor)) {
      return refuse(req, t, base(req, AuditEvent.REFUSED, t), flywayOrLiquibaseOnly(t), List.of());
    }
    Executor.Pending pending = p.executor().pending(t);
    if (!pending.blockers().isEmpty()) {
      return refuse(
          req,
          t,
          base(req, AuditEvent.REFUSED, t),
          "needs a person first: " + String.join("; ", pending.blockers()),
          List.of());
    }
    if (pending.migrations().isEmpty()) {
      return new ApplyResult(
          t.name(),
          Status.UP_TO_DATE,
          List.of(),
          OptionalLong.empty(),
          t.name() + " is up to date: nothing to apply",
          List.of());
    }
    String sha = req.headSha().isEmpty() ? req.mergeSha() : req.headSha();
    PolicyGate.Verdict v =
        PolicyGate.decide(
            req,
            p.config(),
            p.engine(),
            new PolicyGate.Subject(pending.migrations(), t, req.repository(), req.pr(), sha),
            clock.instant());
    RollbackPlan plan = RollbackPlanner.plan(req.repo(), pending.migrations());
    AuditRecord rec =
        base(req, AuditEvent.APPLIED, t)
            .withDecision(v.decisionJson(), v.approvers())
            .withFindings(v.findingsSummary())
            .withRollbackPlan(plan.toJson());
    Decision d = v.decision();
    if (d.outcome() != Decision.Outcome.ALLOW) {
      return refuse(
          req,
          t,
          rec,
          "the policy decision for "
              + abbrev(sha)
              + " on "
              + t.name()
              + " is "
              + d.outcome().label()
              + ", not allow: "
              + String.join("; ", d.reasons())
              + (d.outcome() == Decision.Outcome.NEEDS_APPROVAL
                  ? " (approvals count only when given on " + abbrev(sha) + ")"
                  : ""),
          List.of());
    }
    try (Connection lock = t.connect("schema-warden-apply-lock")) {
      if (!(mysql ? MysqlApply.tryLock(lock) : tryLock(lock))) {
        return refuse(
            req,
            t,
            rec,
            "another Schema Warden apply holds the apply lock on "
                + t.name()
                + ": wait for it to finish (nothing was changed)",
            List.of());
      }
      // The privilege check reads PostgreSQL's catalogs; on MySQL/MariaDB the drift check and the
      // fingerprint read information_schema, and Flyway's validation or Liquibase's checksums and
      // our needs-human marker guard the history (docs/apply-and-audit.md#mysql-and-mariadb).
      Privileges privileges =
          mysql ? new Privileges("", List.of(), List.of()) : Privileges.of(lock);
      privileges.warnings().forEach(w -> LOG.warn("{}: {}", t.name(), w));
      List<String> drift = check.problems(lock, pending.migrations());
      if (!drift.isEmpty()) {
        return refuse(
            req,
            t,
            rec,
            "pre-apply drift check failed: " + String.join("; ", drift),
            privileges.warnings());
      }
      String before = SchemaFingerprint.bestEffort(lock, FINGERPRINT_WAIT);
      Executor.Execution ex = p.executor().execute(t, pending.migrations());
      String after = SchemaFingerprint.bestEffort(lock, FINGERPRINT_WAIT);
      String labels =
          String.join(", ", pending.migrations().stream().map(Migration::label).toList());
      String note =
          ex.ok()
              ? "applied " + labels + " to " + t.name()
              : "failed on "
                  + t.name()
                  + ": "
                  + ex.error()
                  + (ex.needsHuman()
                      ? "; needs-human: stopped part-way outside a transaction: a person must check the database and resolve it"
                          + " (warden apply --resolve MIGRATION --as applied|not-applied) before the next apply"
                      : "");
      if (!privileges.warnings().isEmpty()) {
        note += " [warning: " + String.join("; ", privileges.warnings()) + "]";
      }
      AuditEntry e =
          audit.append(
              rec.withEvent(ex.ok() ? AuditEvent.APPLIED : AuditEvent.FAILED)
                  .withExecution(ex.statements(), before, after)
                  .withNote(note));
      return new ApplyResult(
          t.name(),
          ex.ok() ? Status.APPLIED : ex.needsHuman() ? Status.NEEDS_HUMAN : Status.FAILED,
          ex.statements(),
          OptionalLong.of(e.seq()),
          note,
          privileges.warnings());
    } catch (SQLException e) {
      AuditEntry entry =
          audit.append(
              rec.withEvent(AuditEvent.FAILED)
                  .withNote("failed on " + t.name() + ": " + Secrets.redact(e.getMessage())));
      return new ApplyResult(
          t.name(),
          Status.FAILED,
          List.of(),
          OptionalLong.of(entry.seq()),
          "failed on " + t.name() + ": " + Secrets.redact(e.getMessage()),
          List.of());
    }
  }

  private static String flywayOrLiquibaseOnly(Target t) {
    return "environment "
        + t.name()
        + " is MySQL/MariaDB, where Schema Warden applies Flyway and Liquibase projects"
        + " only (their history tables record each migration; a plain file of several DDL statements could not be"
        + " resumed): set migrations.tool: flyway or liquibase, or apply this project with its own tool";
  }

  private ApplyResult refuse(
      ApplyRequest req, Target t, AuditRecord rec, String why, List<String> warnings) {
    AuditEntry e =
        audit.append(
            rec.withEvent(AuditEvent.REFUSED).withNote("refused on " + t.name() + ": " + why));
    return new ApplyResult(
        t.name(), Status.REFUSED, List.of(), OptionalLong.of(e.seq()), "refused: " + why, warnings);
  }

  static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, APPLY_LOCK);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  static AuditRecord base(ApplyRequest req, AuditEvent event, Target t) {
    return AuditRecord.of(event, req.repository(), t.name())
        .withPr(req.pr(), req.author())
        .withShas(req.baseSha(), req.headSha(), req.mergeSha())
        .withActor(req.actor());
  }

  static String abbrev(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha.isEmpty() ? "(no commit)" : sha;
  }

  static WardenException usage(String msg) {
    return new WardenException(ErrorCode.USAGE, msg);
  }

  static boolean isFlyway(MigrationTool tool) {
    return tool == MigrationTool.FLYWAY;
  }
}
