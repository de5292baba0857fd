-- Migrations an agent proposed through the MCP gateway (docs/mcp.md): reviewed when proposed, never applied by the
-- gateway. A human approves one with `warden proposal approve`; request_apply records an apply request only when the
-- policy, with those approvals, allows it.

CREATE TABLE agent_proposals (
  id            text        PRIMARY KEY,
  repository    text        NOT NULL,
  agent         text        NOT NULL,
  acts_for      text        NOT NULL,
  path          text        NOT NULL,
  sql_text      text        NOT NULL,
  sql_sha256    text        NOT NULL,
  outcome       text        NOT NULL,
  reason        text        NOT NULL DEFAULT '',
  status        text        NOT NULL DEFAULT 'proposed'
    CHECK (status IN ('proposed', 'needs_approval', 'denied', 'apply_requested')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- An approval is bound to the SQL it was given on: a proposal whose SQL differs is another proposal.
CREATE TABLE agent_proposal_approvals (
  proposal_id   text        NOT NULL REFERENCES agent_proposals (id),
  approver      text        NOT NULL,
  sql_sha256    text        NOT NULL,
  approved_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, approver)
);
