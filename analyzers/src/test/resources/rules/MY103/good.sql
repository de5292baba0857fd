-- engine: mysql
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note TEXT;
DROP INDEX orders_old_idx ON orders;
