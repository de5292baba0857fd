-- The pull (merge) request propose_migration opened for a proposal, when warden mcp runs with a code host
-- (docs/mcp.md): its number and host reference (github:owner/name#12). Null: none was opened (no host configured).

ALTER TABLE agent_proposals ADD COLUMN pull_request_number integer;
ALTER TABLE agent_proposals ADD COLUMN pull_request text;
