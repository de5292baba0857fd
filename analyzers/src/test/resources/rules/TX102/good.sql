-- run-in-transaction: false
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;

BEGIN;
ALTER TABLE customers ADD COLUMN tier text;
COMMIT;

-- A COMMIT that closes the file's own BEGIN is not the tool's.
ALTER TABLE customers ADD COLUMN region text;
