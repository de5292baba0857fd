-- Delete only the rows that must go, bounded by a condition.
DELETE FROM sessions WHERE expires_at < now() - interval '30 days';

-- A table created earlier in the same change holds nothing anyone relies on.
CREATE TABLE import_staging (id bigint PRIMARY KEY, payload jsonb NOT NULL);
TRUNCATE import_staging;
