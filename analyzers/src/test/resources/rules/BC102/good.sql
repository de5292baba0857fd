-- Rename, and keep the old name working as an updatable view until no running code uses it.
ALTER TABLE orders RENAME TO purchases;
CREATE VIEW orders AS SELECT * FROM purchases;

-- A table created earlier in the same change is not used by running code yet.
CREATE TABLE refund (id bigint PRIMARY KEY);
ALTER TABLE refund RENAME TO refunds;
