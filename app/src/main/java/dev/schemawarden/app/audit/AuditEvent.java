package dev.schemawarden.app.audit;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an audit entry records. Every decision and every outcome is one of these, written before it is reported. */
public enum AuditEvent {
  REVIEWED,
  APPROVED,
  DENIED,
  OVERRIDDEN,
  APPLIED,
  FAILED,
  REFUSED,
  ROLLED_BACK,
  /** An agent's MCP tool call that was allowed and answered (a refused one is {@link #REFUSED}); see docs/mcp.md. */
  TOOL_CALLED,
  /** {@code warden watch} opened a pull request for a problem it found in production (docs/watch.md). */
  PROPOSAL_OPENED,
  /** {@code warden watch} rewrote its proposal's body (and files) because the evidence changed. */
  PROPOSAL_UPDATED,
  /** {@code warden watch} closed its proposal with a comment because the problem is gone in production. */
  PROPOSAL_CLOSED,
  /** {@code warden watch} did not open (or keep) a proposal: the cap, a blocked review, a person closed it. */
  PROPOSAL_SUPPRESSED;

  /** As stored and as the CLI spells it: {@code rolled_back}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AuditEvent parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (AuditEvent e : values()) {
      if (e.name().equals(t)) {
        return e;
      }
    }
    throw new WardenException(
        ErrorCode.USAGE,
        "unknown audit event '"
            + text
            + "': use one of "
            + Arrays.stream(values()).map(AuditEvent::label).collect(Collectors.joining(", ")));
  }
}
