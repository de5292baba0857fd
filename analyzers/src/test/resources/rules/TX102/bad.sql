-- expect: TX102
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
