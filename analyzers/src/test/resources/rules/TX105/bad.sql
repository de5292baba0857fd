ALTER TABLE orders ADD COLUMN status text;

-- expect: TX105
UPDATE orders SET status = 'new' WHERE status IS NULL;
