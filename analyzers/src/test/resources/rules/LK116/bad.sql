-- Flyway runs the whole file in one transaction:
ALTER TABLE orders ADD COLUMN note text;

-- expect: LK116
UPDATE customers SET tier = 'basic' WHERE tier IS NULL;

CREATE TABLE order_notes (id bigint PRIMARY KEY, body text);
