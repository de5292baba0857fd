-- run-in-transaction: false
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;

BEGIN;
ALTER TABLE customers ADD COLUMN tier text;
COMMIT;
