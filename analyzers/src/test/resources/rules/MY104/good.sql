-- engine: mysql
SET SESSION lock_wait_timeout = 5;
-- One table, one statement: it applies whole or not at all.
ALTER TABLE orders ADD COLUMN wishlist_id BIGINT, ADD INDEX orders_wishlist_idx (wishlist_id);
UPDATE orders SET wishlist_id = 0 WHERE wishlist_id IS NULL;
