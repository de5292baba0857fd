-- What warden watch proposed when warden serve runs it (docs/watch.md#state): one row per problem of a repository's
-- environment, the entry as JSON (pull request, status, evidence hash, versions its files took). The CLI keeps the
-- same entries in a local file instead.

CREATE TABLE watch_proposals (
  host         text        NOT NULL,
  repository   text        NOT NULL,
  environment  text        NOT NULL,
  problem      text        NOT NULL,
  entry        jsonb       NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (host, repository, environment, problem)
);
