-- run-in-transaction: false
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;

-- An index created earlier in the same migration is not in use yet:
CREATE INDEX CONCURRENTLY orders_tmp_idx ON orders (placed_at);
DROP INDEX orders_tmp_idx;
