-- run-in-transaction: false
-- Build indexes on existing tables concurrently (outside a transaction):
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);

-- A table created in the same change has no readers or writers yet:
CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint NOT NULL);
CREATE INDEX invoices_order_id_idx ON invoices (order_id);
