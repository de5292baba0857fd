package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditRecord;
import dev.schemawarden.app.state.StateStore;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A human's approval of an agent's proposal ({@code warden proposal approve}), bound to the proposal's SQL and
 * audited. Separation of duties: the person the agent acts for, and any agent, cannot approve it; request_apply
 * checks that again.
 */
public final class ProposalApproval {
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private ProposalApproval() {}

  /** Records the approval; returns one line saying what was recorded. */
  public static String approve(StateStore store, String id, String login) {
    if (!LOGIN.matcher(login).matches()) {
      throw new WardenException(
          ErrorCode.USAGE,
          "'"
              + login
              + "' is not a login: --as names the human who approves"
              + " (an agent cannot approve)");
    }
    Proposals proposals = new Proposals(store);
    Proposals.Proposal p =
        proposals
            .find(id)
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.USAGE,
                        "no proposal "
                            + id
                            + ": an agent's get_proposal_status or warden audit list names them"));
    if (p.actsFor().equalsIgnoreCase(login)) {
      throw new WardenException(
          ErrorCode.USAGE,
          login
              + " cannot approve proposal "
              + id
              + ": agent "
              + p.agent()
              + " acts for "
              + login
              + " (separation of duties: someone else must approve it)");
    }
    if (p.status() == Proposals.Status.DENIED) {
      throw new WardenException(
          ErrorCode.USAGE,
          "proposal "
              + id
              + " is denied by the policy ("
              + p.reason()
              + "): an approval cannot lift a deny");
    }
    proposals.approve(id, login, p.sqlSha256());
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("proposal_id", id);
    d.put("sql_sha256", p.sqlSha256());
    d.put("agent", p.agent());
    d.put("acts_for", p.actsFor());
    AuditLog.open(store)
        .append(
            AuditRecord.of(AuditEvent.APPROVED, p.repository(), "")
                .withPr(0, p.actsFor())
                .withDecision(d, List.of(login))
                .withNote("proposal " + id + " (" + p.path() + ") approved by " + login)
                .withActor(login));
    return "approved proposal "
        + id
        + " ("
        + p.path()
        + ", sql sha256 "
        + p.sqlSha256().substring(0, 12)
        + ") as "
        + login
        + "; the agent's request_apply now reviews it with this approval";
  }
}
