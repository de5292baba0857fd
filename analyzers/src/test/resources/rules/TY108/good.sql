-- A lookup table: values are rows that can be added, renamed or retired without a schema change.
CREATE TABLE order_status (value text PRIMARY KEY);
INSERT INTO order_status (value) VALUES ('pending'), ('shipped'), ('delivered');
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'pending' REFERENCES order_status (value);

-- Composite types are not enums.
CREATE TYPE money_amount AS (amount_cents bigint, currency text);
