-- CREATE INDEX CONCURRENTLY cannot run in a transaction: it has its own script, and
-- V6__orders_customer_id_idx.sql.conf tells Flyway not to wrap it in one.
SET lock_timeout = '3s';

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);
