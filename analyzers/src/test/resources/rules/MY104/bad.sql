-- engine: mysql
SET SESSION lock_wait_timeout = 5;
CREATE TABLE wishlists (id BIGINT PRIMARY KEY);
-- expect: MY104
ALTER TABLE orders ADD COLUMN wishlist_id BIGINT;
ALTER TABLE orders ADD INDEX orders_wishlist_idx (wishlist_id);
