-- run-in-transaction: false
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
