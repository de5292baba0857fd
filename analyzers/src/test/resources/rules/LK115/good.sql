SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN note text;
CREATE INDEX orders_placed_at_idx ON orders (placed_at);

RESET lock_timeout;
CREATE TABLE wishlists (id bigint PRIMARY KEY);
ALTER TABLE wishlists ADD COLUMN note text;
