-- Periodic work (retention) that one instance at a time runs under an advisory lock (ScheduledWork): when each task
-- last ran, so several instances run it once per period between them. (V3 is the reviews table, another change.)

CREATE TABLE scheduled_work (
  name         text        PRIMARY KEY,
  last_run_at  timestamptz NOT NULL,
  last_result  text        NOT NULL DEFAULT ''
);
