-- Release 1: stop using the column and let inserts omit it; drop it in a later release.
ALTER TABLE orders ALTER COLUMN legacy_code DROP NOT NULL;

-- A column added earlier in the same migration is not used by any running code yet.
ALTER TABLE orders ADD COLUMN import_batch bigint;
ALTER TABLE orders DROP COLUMN import_batch;

-- A column of a table created in this change.
CREATE TABLE shipments (id bigint PRIMARY KEY, carrier text NOT NULL, note text);
ALTER TABLE shipments DROP COLUMN note;
