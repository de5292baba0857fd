-- Every review the service ran, for the console (`/`, `/reviews/{id}`, `/api/reviews`): one row per completed
-- review, written by the review job after it published. `report` is the JSON report (docs/report-format.md) as the
-- renderer wrote it; the other columns are copies of its fields for filtering and listing without parsing it.
CREATE TABLE reviews (
  id           bigserial   PRIMARY KEY,
  host         text        NOT NULL,
  repository   text        NOT NULL,
  pr_number    integer     NOT NULL,
  pr_title     text        NOT NULL DEFAULT '',
  pr_url       text        NOT NULL DEFAULT '',
  head_sha     text        NOT NULL,
  base_sha     text        NOT NULL,
  -- allow, needs_approval, deny, or none (no policy decision)
  decision     text        NOT NULL,
  errors       integer     NOT NULL,
  warnings     integer     NOT NULL,
  started_at   timestamptz NOT NULL,
  duration_ms  bigint      NOT NULL,
  report       text        NOT NULL
);

-- The list is newest first and keyset-paginated on (started_at, id), alone or within one repository or decision.
CREATE INDEX reviews_newest ON reviews (started_at DESC, id DESC);
CREATE INDEX reviews_by_repository ON reviews (repository, started_at DESC, id DESC);
CREATE INDEX reviews_by_decision ON reviews (decision, started_at DESC, id DESC);
