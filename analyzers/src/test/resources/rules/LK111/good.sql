-- A plain column, filled by a trigger for new rows and a batched backfill for old ones:
ALTER TABLE orders ADD COLUMN total_cents bigint;

CREATE TABLE line_items (qty integer NOT NULL, price numeric(12, 2) NOT NULL);
ALTER TABLE line_items ADD COLUMN amount numeric GENERATED ALWAYS AS (qty * price) STORED;
