-- 62 bytes.
CREATE TABLE customer_subscription_billing_cycle_adjustment_history_archive (id bigint PRIMARY KEY);

CREATE INDEX orders_subscription_adjustment_history_idx ON orders (customer_id);

-- 53 characters, 59 bytes.
ALTER TABLE payments ADD COLUMN größenänderungsbenachrichtigungsempfänger_überprüfung text;
