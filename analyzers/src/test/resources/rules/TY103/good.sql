CREATE TABLE logins (id bigint PRIMARY KEY, logged_in_at timestamptz NOT NULL DEFAULT now());

ALTER TABLE orders ADD COLUMN shipped_at timestamp(3) with time zone;

-- A calendar date has no time of day, so no time zone either.
ALTER TABLE orders ADD COLUMN due_on date;
