-- The files a proposal planned besides its migration (docs/mcp.md): a golang-migrate down file, the next pairs of a
-- split one, a Liquibase master changelog with the include of the new changelog (changes_existing: its full new
-- text). request_apply reviews them as stored, and on a pull request checks that its head still carries each one.

CREATE TABLE agent_proposal_files (
  proposal_id       text    NOT NULL REFERENCES agent_proposals (id),
  position          integer NOT NULL CHECK (position > 0),
  path              text    NOT NULL,
  content           text    NOT NULL,
  changes_existing  boolean NOT NULL DEFAULT false,
  PRIMARY KEY (proposal_id, position),
  UNIQUE (proposal_id, path)
);
