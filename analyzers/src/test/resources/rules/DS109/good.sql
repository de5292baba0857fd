-- A type created earlier in the same migration is used by nothing older.
CREATE TYPE import_state AS ENUM ('new', 'done');
DROP TYPE import_state;

CREATE DOMAIN positive_cents AS bigint CHECK (VALUE > 0);
DROP DOMAIN positive_cents;
