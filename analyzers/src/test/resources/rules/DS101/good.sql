-- Retire the table: renaming is reversible, the rows stay until a later migration drops it.
ALTER TABLE orders RENAME TO orders_retired;

-- A table created earlier in the same change has no rows or readers yet.
CREATE TABLE import_staging (id bigint PRIMARY KEY, payload jsonb NOT NULL);
DROP TABLE import_staging;
