package dev.schemawarden.app.watch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditRecord;
import dev.schemawarden.app.host.RepositoryRef;

/**
 * Where {@code warden watch} records what it did with each proposal: the audit log's hash chain
 * ({@code AuditLog::append}), the same one the apply path writes.
 */
@FunctionalInterface
public interface WatchAudit {
  /** Records nothing: a dry run, or a caller without a state store. */
  WatchAudit NONE = r -> {};

  /** Who acted, in the entry's {@code actor}: the bot, not a person. */
  String ACTOR = "warden:watch";

  void append(AuditRecord record);

  /** Builds one tick's entries. */
  final class Writer {
    private final WatchAudit audit;
    private final RepositoryRef repo;
    private final String environment;

    Writer(WatchAudit audit, RepositoryRef repo, String environment) {
      this.audit = audit;
      this.repo = repo;
      this.environment = environment;
    }

    /**
     * One entry: the event, the pull request, the branch's head (when a commit was made) and in {@code findings} the
     * problem's key, the evidence's SHA-256, the main number and the status; {@code note} says what and why.
     */
    void append(AuditEvent event, String key, WatchState.Entry entry, String headSha, String note) {
      ObjectNode f = JsonNodeFactory.instance.objectNode();
      f.put("problem", key)
          .put("evidence_sha256", entry.evidenceHash())
          .put("measure", entry.measure())
          .put("status", entry.status().name().toLowerCase(java.util.Locale.ROOT))
          .put("branch", entry.branch())
          .put("round", entry.round());
      audit.append(
          AuditRecord.of(event, repo.repository(), environment)
              .withPr(entry.number(), "")
              .withShas("", headSha, "")
              .withFindings(f)
              .withNote(key + ": " + note)
              .withActor(ACTOR));
    }
  }
}
