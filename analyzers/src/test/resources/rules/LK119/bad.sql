-- expect: LK119
ALTER TABLE orders SET UNLOGGED;

-- expect: LK119
ALTER TABLE import_staging SET LOGGED;
