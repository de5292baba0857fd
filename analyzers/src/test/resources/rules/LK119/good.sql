-- A table created in the same change is empty:
CREATE UNLOGGED TABLE import_batches (id bigint PRIMARY KEY, payload jsonb);
ALTER TABLE import_batches SET LOGGED;
