package dev.schemawarden.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Objects;

/**
 * What a caller appends to the audit log; the log adds the sequence number, the time and the hash chain. Text
 * fields are {@code ""} when unknown; JSON fields are {@code null} JSON when absent. Secrets are scrubbed from every
 * text field on append ({@link Secrets}), so a connection URL with a password never reaches the table.
 *
 * @param pr the pull/merge request number, {@code 0} for a manual run
 * @param approvers the logins whose approvals counted
 * @param decision the policy decision with its evaluated rules, as JSON
 * @param findings a summary of the review's findings (counts by severity, rule ids)
 * @param statements what ran, with timings and outcomes
 * @param schemaHashBefore a hash of the target's schema before the apply
 * @param rollbackPlan the plan computed before applying, as JSON
 * @param note one sentence a person reads first: why it was refused, what failed, who overrode
 * @param actor who acted when it was not a person on the host: {@code agent:NAME} for an MCP tool call; {@code ""}
 *     otherwise (then the body has no {@code actor} key, as entries written before it existed)
 */
public record AuditRecord(
    AuditEvent event,
    String repository,
    int pr,
    String baseSha,
    String headSha,
    String mergeSha,
    String author,
    List<String> approvers,
    JsonNode decision,
    JsonNode findings,
    String environment,
    List<StatementOutcome> statements,
    String schemaHashBefore,
    String schemaHashAfter,
    JsonNode rollbackPlan,
    String note,
    String actor) {

  public AuditRecord {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(baseSha, "baseSha");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(mergeSha, "mergeSha");
    Objects.requireNonNull(author, "author");
    approvers = List.copyOf(approvers);
    decision = decision == null ? NullNode.getInstance() : decision.deepCopy();
    findings = findings == null ? NullNode.getInstance() : findings.deepCopy();
    Objects.requireNonNull(environment, "environment");
    statements = List.copyOf(statements);
    Objects.requireNonNull(schemaHashBefore, "schemaHashBefore");
    Objects.requireNonNull(schemaHashAfter, "schemaHashAfter");
    rollbackPlan = rollbackPlan == null ? NullNode.getInstance() : rollbackPlan.deepCopy();
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(actor, "actor");
  }

  /** Without an actor: a person on the host or the CLI acted. */
  public AuditRecord(
      AuditEvent event,
      String repository,
      int pr,
      String baseSha,
      String headSha,
      String mergeSha,
      String author,
      List<String> approvers,
      JsonNode decision,
      JsonNode findings,
      String environment,
      List<StatementOutcome> statements,
      String schemaHashBefore,
      String schemaHashAfter,
      JsonNode rollbackPlan,
      String note) {
    this(
        event,
        repository,
        pr,
        baseSha,
        headSha,
        mergeSha,
        author,
        approvers,
        decision,
        findings,
        environment,
        statements,
        schemaHashBefore,
        schemaHashAfter,
        rollbackPlan,
        note,
        "");
  }

  /** A record with only the event, repository and environment set; fill the rest with the {@code with} methods. */
  public static AuditRecord of(AuditEvent event, String repository, String environment) {
    return new AuditRecord(
        event,
        repository,
        0,
        "",
        "",
        "",
        "",
        List.of(),
        null,
        null,
        environment,
        List.of(),
        "",
        "",
        null,
        "");
  }

  public AuditRecord withPr(int number, String author) {
    return new AuditRecord(
        event,
        repository,
        number,
        baseSha,
        headSha,
        mergeSha,
        author,
        approvers,
        decision,
        findings,
        environment,
        statements,
        schemaHashBefore,
        schemaHashAfter,
        rollbackPlan,
        note,
        actor);
  }

  public AuditRecord withShas(String base, String head, String merge) {
    return new AuditRecord(
        event,
        repository,
        pr,
        base,
        head,
        merge,
        author,
        approvers,
        decision,
        findings,
        environment,
        statements,
        schemaHashBefore,
        schemaHashAfter,
        rollbackPlan,
        note,
        actor);
  }

  public AuditRecord withDecision(JsonNode decisionJson, List<String> approvedBy) {
    return new AuditRecord(
        event,
        repository,
        pr,
        baseSha,
        headSha,
        mergeSha,
        author,
        approvedBy,
        decisionJson,
        findings,
        environment,
        statements,
        schemaHashBefore,
        schemaHashAfter,
        rollbackPlan,
        note,
        actor);
  }

  public AuditRecord withFindings(JsonNode summary) {
    return new AuditRecord(
        event,
        repository,
        pr,
        baseSha,
        headSha,
        mergeSha,
        author,
        approvers,
        decision,
        summary,
        environment,
        statements,
        schemaHashBefore,
        schemaHashAfter,
        rollbackPlan,
        note,
        actor);
  }

  public AuditRecord withExecution(
      List<StatementOutcome> ran, String hashBefore, String hashAfter) {
    return new AuditRecord(
        event,
        repository,
        pr,
        baseSha,
        headSha,
        mergeSha,
        author,
        approvers,
        decision,
        findings,
        environment,
        ran,
        hashBefore,
        hashAfter,
        rollbackPlan,
        note,
        actor);
  }

  public AuditRecord withRollbackPlan(JsonNode plan) {
    return new AuditRecord(
        event,
        repository,
        pr,
        baseSha,
        headSha,
        mergeSha,
        author,
        approvers,
        decision,
        findings,
        environment,
        statements,
        schemaHashBefore,
        schemaHashAfter,
        plan,
        note,
        actor);
  }

  public AuditRecord withNote(String text) {
    return new AuditRecord(
        event,
        repository,
        pr,
        baseSha,
        headSha,
        mergeSha,
        author,
        approvers,
        decision,
        findings,
        environment,
        statements,
        schemaHashBefore,
        schemaHashAfter,
        rollbackPlan,
        text,
        actor);
  }

  public AuditRecord withActor(String who) {
    return new AuditRecord(
        event,
        repository,
        pr,
        baseSha,
        headSha,
        mergeSha,
        author,
        approvers,
        decision,
        findings,
        environment,
        statements,
        schemaHashBefore,
        schemaHashAfter,
        rollbackPlan,
        note,
        who);
  }

  public AuditRecord withEvent(AuditEvent e) {
    return new AuditRecord(
        e,
        repository,
        pr,
        baseSha,
        headSha,
        mergeSha,
        author,
        approvers,
        decision,
        findings,
        environment,
        statements,
        schemaHashBefore,
        schemaHashAfter,
        rollbackPlan,
        note,
        actor);
  }
}
