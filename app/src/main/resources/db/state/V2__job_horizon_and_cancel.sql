-- Jobs are retried over a time horizon (counted from their first attempt) rather than a fixed number of attempts,
-- and an operator may cancel one. max_attempts is no longer read; it stays so older rows keep their meaning.

ALTER TABLE jobs ALTER COLUMN max_attempts DROP NOT NULL;
ALTER TABLE jobs ADD COLUMN first_attempt_at timestamptz;
-- Set when a job's host breaker pushed it back (its attempt was not made): released at once when the breaker closes.
ALTER TABLE jobs ADD COLUMN deferred boolean NOT NULL DEFAULT false;

ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
  CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled'));

-- warden jobs list --status failed, GET /api/jobs?status=failed
CREATE INDEX jobs_by_status ON jobs (status, id);
