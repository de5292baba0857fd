-- expect: DS101
DROP TABLE orders;

-- expect: DS101
DROP TABLE IF EXISTS audit_log, legacy_events;

-- Dropping and re-creating a table loses its rows just the same.
-- expect: DS101
DROP TABLE sessions;
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint NOT NULL, expires_at timestamptz NOT NULL);
