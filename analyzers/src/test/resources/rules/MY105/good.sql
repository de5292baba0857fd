-- engine: mysql
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX orders_placed_at_idx (placed_at), ALGORITHM=INPLACE, LOCK=NONE;
ALTER TABLE orders ADD COLUMN note TEXT, ALGORITHM=INSTANT;
ALTER TABLE orders ADD COLUMN lock_version INT, ALGORITHM=DEFAULT;
CREATE INDEX orders_total_idx ON orders (total) ALGORITHM=INPLACE LOCK=NONE;
