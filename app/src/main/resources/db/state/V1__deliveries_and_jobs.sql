-- The bot's own state: webhook deliveries (deduplicated by the host's delivery id), the job queue, and the
-- overrides reviewers asked for. Managed by Flyway from classpath:db/state; never edit a released version.

CREATE TABLE deliveries (
  host         text        NOT NULL,
  delivery_id  text        NOT NULL,
  event        text        NOT NULL,
  action       text        NOT NULL DEFAULT '',
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (host, delivery_id)
);

CREATE TABLE jobs (
  id            bigserial   PRIMARY KEY,
  host          text        NOT NULL,
  delivery_id   text        NOT NULL,
  -- Jobs with the same key (one pull request) never run at the same time: see jobs_one_running_per_key.
  job_key       text        NOT NULL,
  kind          text        NOT NULL,
  payload       text        NOT NULL,
  status        text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts      integer     NOT NULL DEFAULT 0,
  max_attempts  integer     NOT NULL,
  run_after     timestamptz NOT NULL DEFAULT now(),
  lease_until   timestamptz,
  lease_owner   text,
  last_error    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  FOREIGN KEY (host, delivery_id) REFERENCES deliveries (host, delivery_id)
);

CREATE INDEX jobs_ready ON jobs (run_after, id) WHERE status IN ('queued', 'running');
-- Coalescing looks for a queued review of the same pull request on every delivery.
CREATE INDEX jobs_queued_by_key ON jobs (job_key) WHERE status = 'queued';
-- Two workers that claim two jobs of one pull request at once: the second commit fails here and backs off.
CREATE UNIQUE INDEX jobs_one_running_per_key ON jobs (job_key) WHERE status = 'running';

CREATE TABLE overrides (
  id          bigserial   PRIMARY KEY,
  host        text        NOT NULL,
  repository  text        NOT NULL,
  pr_number   integer     NOT NULL,
  username    text        NOT NULL,
  target_id   text        NOT NULL,
  reason      text        NOT NULL,
  head_sha    text        NOT NULL,
  delivery_id text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (host, delivery_id)
);
