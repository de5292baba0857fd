-- expect: TX102
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;

ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
-- expect: TX102
COMMIT;
