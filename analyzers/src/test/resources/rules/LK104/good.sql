-- Instant: existing rows are not checked yet.
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;

-- In the next migration: scans without blocking reads or writes.
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;

-- A table created in the same change has no rows to check:
CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric(12, 2) NOT NULL);
ALTER TABLE refunds ADD CONSTRAINT refunds_amount_positive CHECK (amount > 0);
