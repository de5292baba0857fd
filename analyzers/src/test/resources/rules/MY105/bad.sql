-- engine: mysql
SET SESSION lock_wait_timeout = 5;

-- An index is never instant.
-- expect: MY105
ALTER TABLE orders ADD INDEX orders_placed_at_idx (placed_at), ALGORITHM=INSTANT;

-- A type change needs a copy and blocks writes.
-- expect: MY105
ALTER TABLE orders MODIFY total DECIMAL(12,2) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;

-- MySQL takes no LOCK clause with INSTANT.
-- expect: MY105
ALTER TABLE orders ADD COLUMN note TEXT, ALGORITHM=INSTANT, LOCK=NONE;
