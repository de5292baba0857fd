-- run-in-transaction: false
-- Autocommit: the ALTER's lock is released before the backfill starts.
ALTER TABLE orders ADD COLUMN status text;
UPDATE orders SET status = 'new' WHERE status IS NULL AND id BETWEEN 1 AND 10000;
