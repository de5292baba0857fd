-- run-in-transaction: false
-- Autocommit: each statement releases its locks when it ends.
ALTER TABLE orders ADD COLUMN note text;
UPDATE customers SET tier = 'basic' WHERE tier IS NULL;

-- The locking statement last in its transaction:
BEGIN;
CREATE TABLE order_notes (id bigint PRIMARY KEY, body text);
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
COMMIT;
