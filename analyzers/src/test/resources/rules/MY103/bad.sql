-- engine: mysql
-- The default is one year: no timeout at all.
SET SESSION lock_wait_timeout = 31536000;

-- expect: MY103
ALTER TABLE orders ADD COLUMN note TEXT;
DROP INDEX orders_old_idx ON orders;
