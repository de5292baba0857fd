-- run-in-transaction: false

CREATE TABLE IF NOT EXISTS refunds (id bigint PRIMARY KEY, amount_cents bigint NOT NULL);

-- A failed CONCURRENTLY build leaves an INVALID index that IF NOT EXISTS would keep: drop it first.
DROP INDEX CONCURRENTLY IF EXISTS refunds_amount_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS refunds_amount_idx ON refunds (amount_cents);

ALTER TABLE orders ADD COLUMN IF NOT EXISTS refund_id bigint;

DROP INDEX CONCURRENTLY IF EXISTS orders_legacy_idx;
