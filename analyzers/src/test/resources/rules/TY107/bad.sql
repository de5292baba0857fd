-- 65 bytes: stored as its first 63, the same as a table ending in "_v3" would be.
-- expect: TY107
CREATE TABLE customer_subscription_billing_cycle_adjustment_history_archive_v2 (id bigint PRIMARY KEY);

-- expect: TY107
CREATE INDEX orders_customer_subscription_billing_cycle_adjustment_history_idx ON orders (customer_id);

-- 61 characters but 64 bytes: umlauts take two bytes each in UTF-8.
-- expect: TY107
ALTER TABLE payments ADD COLUMN überweisungsbestätigungsbenachrichtigungsempfängerverzeichnis text;
