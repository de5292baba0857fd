package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.ApplyResult.Status;
import dev.schemawarden.app.audit.AuditEntry;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditRecord;
import dev.schemawarden.app.audit.Secrets;
import dev.schemawarden.policy.api.Decision;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code warden rollback --audit-entry N}: runs the rollback plan recorded in an {@code applied} entry through the
 * same gate as an apply. The plan's statements are decided by the policy like any change, and approvals count
 * only when given for this exact plan, identified as {@code audit-<hash of entry N>}; the apply lock, timeouts
 * and retries are the same, and the outcome is recorded as {@code rolled_back} or {@code failed}.
 */
final class Rollbacks {
  private Rollbacks() {}

  /** The identity approvals of a rollback must name: {@code audit-} plus the applied entry's hash. */
  static String identity(AuditEntry applied) {
    return "audit-" + applied.hash();
  }

  static ApplyResult rollback(
      ApplyService.Project p, AuditLog audit, ApplyRequest req, Target t, long seq, Clock clock) {
    AuditEntry entry =
        audit
            .show(seq)
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.USAGE,
                        "audit entry "
                            + seq
                            + " does not exist: list entries with `warden audit list --event applied`"));
    if (entry.event() != AuditEvent.APPLIED) {
      throw new WardenException(
          ErrorCode.USAGE,
          "audit entry "
              + seq
              + " is '"
              + entry.event().label()
              + "', not 'applied': only an applied entry has a plan to roll back");
    }
    if (!entry.environment().equals(t.name())) {
      throw new WardenException(
          ErrorCode.USAGE,
          "audit entry "
              + seq
              + " was applied to "
              + entry.environment()
              + ", not "
              + t.name()
              + ": pass --env "
              + entry.environment());
    }
    RollbackPlan plan = RollbackPlan.fromJson(entry.field("rollback_plan"));
    AuditRecord rec =
        AuditRecord.of(AuditEvent.ROLLED_BACK, entry.repository(), t.name())
            .withPr(entry.pr(), req.author())
            .withShas("", identity(entry), entry.mergeSha())
            .withRollbackPlan(plan.toJson());
    if (MysqlApply.isMysql(t)) {
      // The runner speaks PostgreSQL (SET LOCAL, transactional DDL); a MySQL rollback would be
      // non-atomic too.
      return refuse(
          audit,
          t,
          rec,
          "rolling back on MySQL/MariaDB targets is not supported yet: run the plan"
              + " from `warden audit show "
              + seq
              + "` by hand, or write a forward migration (nothing was changed)");
    }
    if (!plan.reversible()) {
      return refuse(
          audit,
          t,
          rec,
          "the plan of entry "
              + seq
              + " is not reversible: "
              + String.join(
                  "; ",
                  plan.steps().stream()
                      .filter(
                          s ->
                              s.kind() == RollbackPlan.Kind.IRREVERSIBLE
                                  || s.kind() == RollbackPlan.Kind.MANUAL)
                      .map(s -> s.migration() + ":" + s.line() + " " + s.note())
                      .toList())
              + " (write a forward migration instead)");
    }
    SqlParser.ParsedSql parsed =
        p.engine()
            .parser()
            .parse(
                "rollback-of-entry-" + seq + ".sql", String.join(";\n", plan.statements()) + ";\n");
    Migration m =
        new Migration(
            "rollback-of-entry-" + seq + ".sql",
            MigrationTool.PLAIN,
            Migration.Kind.PLAIN,
            Optional.empty(),
            "rollback of audit entry " + seq,
            false,
            parsed.statements(),
            parsed.comments());
    PolicyGate.Verdict v =
        PolicyGate.decide(
            req,
            p.config(),
            p.engine(),
            new PolicyGate.Subject(List.of(m), t, entry.repository(), entry.pr(), identity(entry)),
            clock.instant());
    rec = rec.withDecision(v.decisionJson(), v.approvers()).withFindings(v.findingsSummary());
    if (v.decision().outcome() != Decision.Outcome.ALLOW) {
      return refuse(
          audit,
          t,
          rec,
          "the policy decision for rolling back entry "
              + seq
              + " is "
              + v.decision().outcome().label()
              + ": "
              + String.join("; ", v.decision().reasons())
              + " (approvals must be given for "
              + identity(entry)
              + ")");
    }
    try (Connection lock = t.connect("schema-warden-apply-lock");
        Connection c = t.connect()) {
      if (!ApplyService.tryLock(lock)) {
        return refuse(
            audit, t, rec, "another Schema Warden apply holds the apply lock on " + t.name());
      }
      String before = SchemaFingerprint.bestEffort(lock, java.time.Duration.ofSeconds(1));
      List<SqlStatement> statements = m.statements();
      boolean tx =
          statements.stream()
              .noneMatch(s -> p.engine().mustRunOutsideTransaction(s, p.config().engineVersion()));
      StatementRunner.UnitResult r =
          tx
              ? p.runner().transactional(c, m.label(), statements, conn -> {})
              : p.runner().autocommit(c, m.label(), statements, done -> {});
      String after = SchemaFingerprint.bestEffort(lock, java.time.Duration.ofSeconds(1));
      String note =
          r.ok()
              ? "rolled back entry " + seq + " on " + t.name()
              : "rollback of entry " + seq + " failed on " + t.name() + ": " + r.error();
      AuditEntry e =
          audit.append(
              rec.withEvent(r.ok() ? AuditEvent.ROLLED_BACK : AuditEvent.FAILED)
                  .withExecution(r.outcomes(), before, after)
                  .withNote(note));
      return new ApplyResult(
          t.name(),
          r.ok() ? Status.APPLIED : Status.FAILED,
          r.outcomes(),
          OptionalLong.of(e.seq()),
          note,
          List.of());
    } catch (SQLException e) {
      AuditEntry a =
          audit.append(
              rec.withEvent(AuditEvent.FAILED)
                  .withNote(
                      "rollback of entry "
                          + seq
                          + " failed on "
                          + t.name()
                          + ": "
                          + Secrets.redact(e.getMessage())));
      return new ApplyResult(
          t.name(),
          Status.FAILED,
          List.of(),
          OptionalLong.of(a.seq()),
          Secrets.redact(e.getMessage()),
          List.of());
    }
  }

  private static ApplyResult refuse(AuditLog audit, Target t, AuditRecord rec, String why) {
    AuditEntry e =
        audit.append(
            rec.withEvent(AuditEvent.REFUSED).withNote("refused on " + t.name() + ": " + why));
    return new ApplyResult(
        t.name(),
        Status.REFUSED,
        List.of(),
        OptionalLong.of(e.seq()),
        "refused: " + why,
        List.of());
  }
}
