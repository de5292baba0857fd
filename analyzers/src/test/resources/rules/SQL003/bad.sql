-- run-in-transaction: false

-- expect: SQL003
CREATE TABLE refunds (id bigint PRIMARY KEY, amount_cents bigint NOT NULL);

-- expect: SQL003
CREATE INDEX CONCURRENTLY refunds_amount_idx ON refunds (amount_cents);

-- expect: SQL003
ALTER TABLE orders ADD COLUMN refund_id bigint;

-- expect: SQL003
DROP INDEX CONCURRENTLY orders_legacy_idx;
