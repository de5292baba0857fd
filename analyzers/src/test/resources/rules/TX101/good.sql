-- run-in-transaction: false
-- V8__orders_placed_at_idx.sql.conf contains executeInTransaction=false
CREATE INDEX CONCURRENTLY orders_placed_at_idx ON orders (placed_at);
