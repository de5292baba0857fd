-- request_apply applies an allowed, approved (and, with a code host, merged) proposal through the apply path when the
-- agents file names an apply target (docs/mcp.md): such a proposal is then 'applied'. Numbered 6.1 so that it sorts
-- after V6 without taking a whole version number.

ALTER TABLE agent_proposals DROP CONSTRAINT agent_proposals_status_check;
ALTER TABLE agent_proposals ADD CONSTRAINT agent_proposals_status_check
  CHECK (status IN ('proposed', 'needs_approval', 'denied', 'apply_requested', 'applied'));
