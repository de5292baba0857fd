-- engine: mysql
-- engine-version: 8.0.28
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note TEXT;

CREATE TABLE wishlists (id BIGINT PRIMARY KEY);
ALTER TABLE wishlists ADD COLUMN owner_id BIGINT AFTER id;
