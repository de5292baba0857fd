-- expect: LK113
ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;

-- expect: LK113
ALTER TABLE orders ALTER COLUMN note TYPE varchar(500);

-- expect: LK113
ALTER TABLE orders ALTER COLUMN placed_at TYPE timestamptz USING placed_at AT TIME ZONE 'UTC';
