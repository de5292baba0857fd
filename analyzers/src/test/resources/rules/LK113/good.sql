-- Widening to an unbounded type is a catalog-only change from the bounded forms:
ALTER TABLE orders ALTER COLUMN note TYPE text;
ALTER TABLE orders ALTER COLUMN code SET DATA TYPE varchar;
ALTER TABLE orders ALTER COLUMN total TYPE numeric;

CREATE TABLE drafts (id integer PRIMARY KEY, body varchar(100));
ALTER TABLE drafts ALTER COLUMN id TYPE bigint;
