SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN note text;
CREATE INDEX orders_placed_at_idx ON orders (placed_at);

RESET lock_timeout;
CREATE TABLE wishlists (id bigint PRIMARY KEY);
ALTER TABLE wishlists ADD COLUMN note text;

-- Weak locks do not queue reads and writes behind them.
LOCK TABLE customers IN ACCESS SHARE MODE;
COMMENT ON TABLE customers IS 'people who order';
