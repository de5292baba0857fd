-- Expand: add the new column next to the old one; the application writes both, reads move later.
ALTER TABLE orders ADD COLUMN buyer_id bigint;

-- A column added earlier in the same migration is not used by running code yet.
ALTER TABLE orders ADD COLUMN promo_cod text;
ALTER TABLE orders RENAME COLUMN promo_cod TO promo_code;

-- So is every column of a table created in this change.
CREATE TABLE refunds (id bigint PRIMARY KEY, amt bigint NOT NULL);
ALTER TABLE refunds RENAME COLUMN amt TO amount_cents;
