-- expect: TY101
CREATE TABLE events (id bigint PRIMARY KEY, payload json NOT NULL);

-- expect: TY101
ALTER TABLE orders ADD COLUMN metadata json;

-- expect: TY101
ALTER TABLE orders ALTER COLUMN attributes TYPE json USING attributes::json;
